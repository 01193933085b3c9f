/*
 * kernel/objects/attrs.c - instance attributes: a small block of (name, value)
 * pairs, a hashed table past MP_ATTRS_SMALL_MAX names, and a dict object only
 * when __dict__ is asked for (CPython 3.11's managed dict, which is why a cycle
 * of two instances counts 2 in gc.collect(), not 4).
 *
 * Instances of classes start with their values inline and the names shared by
 * the class (CPython 3.13's inline values), and move to a small block the first
 * time their attributes stop being a prefix of the class's shared keys.
 *
 * The shapes keep insertion order and dict semantics (a replaced value keeps
 * its place; a deleted name added again goes last), so vars(obj) lists the
 * same order whichever shape the attributes were in.
 */
#include "errors.h"
#include "object.h"

#include <string.h>

static MpAttrsSmall *small_of(const MpAttrs *a)
{
    return (MpAttrsSmall *)a->bits;
}

static MpTable *table_of(const MpAttrs *a)
{
    uintptr_t tag = a->bits & MP_ATTRS_TAG;
    if (tag == MP_ATTRS_DICT)
        return &((MpDict *)(a->bits - MP_ATTRS_DICT))->table;
    MP_ASSERT(tag == MP_ATTRS_TABLE);
    return (MpTable *)(a->bits - MP_ATTRS_TABLE);
}

static size_t small_size(unsigned capacity)
{
    return sizeof(MpAttrsSmall) + (size_t)capacity * sizeof(MpAttrsPair);
}

static MpType *owner_type(GcType *owner)
{
    return (MpType *)((char *)owner - offsetof(MpType, gc));
}

/* Index of name among the n names `stride` bytes apart from `first`, or -1:
   pointer equality first, then equal strings (a name built at run time,
   setattr(o, 'a' + 'b', v)). When every name is interned, a pointer miss of an
   interned name is a miss. */
static int64_t find_name(const void *first, size_t stride, size_t n, bool interned,
                         MpObject *name)
{
#define NAME_AT(i) (*(MpObject *const *)((const char *)first + (i) * stride))
    for (size_t i = 0; i < n; i++)
        if (NAME_AT(i) == name)
            return (int64_t)i;
    if (interned && mp_str_is_interned((MpStr *)name))
        return -1;
    int64_t hash = mp_str_hash(name);
    for (size_t i = 0; i < n; i++) {
        MpObject *k = NAME_AT(i);
        if (mp_str_hash(k) == hash && mp_str_equal(k, name))
            return (int64_t)i;
    }
    return -1;
#undef NAME_AT
}

static int64_t small_find(const MpAttrsSmall *s, MpObject *name)
{
    if (!s)
        return -1;
    return find_name(&s->pairs[0].name, sizeof(MpAttrsPair), s->used, s->interned,
                     name);
}

/* ==== Inline values ==== */

static unsigned inline_capacity(uintptr_t bits)
{
    return (unsigned)(bits >> 8) & 0xffu;
}

static uintptr_t inline_bits(unsigned used, unsigned capacity)
{
    return (uintptr_t)used << 16 | (uintptr_t)capacity << 8 | MP_ATTRS_INLINE;
}

void mp_attrs_init_inline(MpAttrs *a, unsigned capacity)
{
    MP_ASSERT(capacity <= MP_ATTRS_SMALL_MAX);
    a->bits = capacity ? inline_bits(0, capacity) : 0;
}

static int64_t inline_find(const MpAttrs *a, MpObject *name)
{
    unsigned n = mp_attrs_inline_used(a->bits);
    if (n == 0)
        return -1;
    return find_name(mp_attrs_inline_keys(a)->names, sizeof(MpObject *), n, true, name);
}

/* Set name when the attributes stay a prefix of the shared keys: 1 done, 0 not
   possible (the caller moves them to a small block), -1 MemoryError. */
static int inline_set(MpAttrs *a, GcType *owner, MpObject *name, MpObject *value)
{
    MpObject **values = mp_attrs_inline_values(a);
    int64_t i = inline_find(a, name);
    if (i >= 0) {
        MP_INCREF(value);
        MP_SETREF(values[i], value);
        return 1;
    }
    unsigned n = mp_attrs_inline_used(a->bits), capacity = inline_capacity(a->bits);
    if (n == capacity || !mp_str_is_interned((MpStr *)name))
        return 0;
    MpType *type = owner_type(owner);
    MpSharedKeys *k = type->shared_keys;
    if (k && n < k->used) {
        if (k->names[n] != name)
            return 0;
    } else {
        if (!k) {
            k = gc_buffer_alloc(&mp_type_type.gc, sizeof *k);
            if (!k) {
                mp_err_nomemory();
                return -1;
            }
            k->used = 0;
            type->shared_keys = k;
        }
        MP_ASSERT(k->used == n && n < MP_ATTRS_SMALL_MAX);
        MP_INCREF(name);
        k->names[k->used++] = name;
    }
    MP_INCREF(value);
    values[n] = value;
    a->bits = inline_bits(n + 1, capacity);
    return 1;
}

/* Copy the pairs into a small block, which then owns the values. */
static int inline_to_small(MpAttrs *a, GcType *owner)
{
    unsigned n = mp_attrs_inline_used(a->bits);
    if (n == 0) {
        a->bits = 0;
        return 0;
    }
    unsigned capacity = n < MP_ATTRS_SMALL_MAX ? n + 1 : n;
    MpAttrsSmall *s = gc_buffer_alloc(owner, small_size(capacity));
    if (!s) {
        mp_err_nomemory();
        return -1;
    }
    const MpSharedKeys *k = mp_attrs_inline_keys(a);
    MpObject **values = mp_attrs_inline_values(a);
    for (unsigned i = 0; i < n; i++) {
        MP_INCREF(k->names[i]);
        s->pairs[i] = (MpAttrsPair){k->names[i], values[i]};
    }
    s->used = (uint16_t)n;
    s->capacity = (uint16_t)capacity;
    s->interned = true;
    a->bits = (uintptr_t)s;
    return 0;
}

void mp_shared_keys_free(MpSharedKeys *k)
{
    if (!k)
        return;
    for (unsigned i = 0; i < k->used; i++)
        MP_DECREF(k->names[i]);
    gc_buffer_free(&mp_type_type.gc, k, sizeof *k);
}

/* ==== All shapes ==== */

/* Release a storage detached from a (a->bits no longer says bits): pairs in
   insertion order (name, then value), as a dict dealloc, then the block; inline
   values in order (their names are the class's). */
static void release(uintptr_t bits, MpAttrs *a, GcType *owner)
{
    switch (bits & MP_ATTRS_TAG) {
    case MP_ATTRS_INLINE: {
        MpObject **values = mp_attrs_inline_values(a);
        for (unsigned i = 0; i < mp_attrs_inline_used(bits); i++)
            MP_DECREF(values[i]);
        return;
    }
    case MP_ATTRS_SMALL: {
        MpAttrsSmall *s = (MpAttrsSmall *)bits;
        if (!s)
            return;
        for (uint16_t i = 0; i < s->used; i++) {
            MP_DECREF(s->pairs[i].name);
            MP_DECREF(s->pairs[i].value);
        }
        gc_buffer_free(owner, s, small_size(s->capacity));
        return;
    }
    case MP_ATTRS_TABLE: {
        MpTable *t = (MpTable *)(bits - MP_ATTRS_TABLE);
        GcType *table_owner = t->owner;
        mp_table_fini(t);
        gc_buffer_free(table_owner, t, sizeof *t);
        return;
    }
    default:
        MP_DECREF((MpObject *)(bits - MP_ATTRS_DICT));
    }
}

void mp_attrs_clear(MpAttrs *a, GcType *owner)
{
    uintptr_t bits = a->bits;
    a->bits = 0;
    release(bits, a, owner);
}

int mp_attrs_traverse(MpAttrs *a, GcVisit visit, void *arg)
{
    switch (a->bits & MP_ATTRS_TAG) {
    case MP_ATTRS_SMALL: {
        const MpAttrsSmall *s = small_of(a);
        int r;
        for (uint16_t i = 0; s && i < s->used; i++)
            if ((r = visit(s->pairs[i].value, arg)))
                return r;
        return 0;
    }
    case MP_ATTRS_INLINE: {
        MpObject **values = mp_attrs_inline_values(a);
        int r;
        for (unsigned i = 0; i < mp_attrs_inline_used(a->bits); i++)
            if ((r = visit(values[i], arg)))
                return r;
        return 0;
    }
    case MP_ATTRS_TABLE:
        return mp_table_traverse(table_of(a), visit, arg);
    default:
        return visit((MpObject *)(a->bits - MP_ATTRS_DICT), arg);
    }
}

MpObject *mp_attrs_get_slow(const MpAttrs *a, MpObject *name)
{
    if ((a->bits & MP_ATTRS_TAG) == MP_ATTRS_SMALL) {
        const MpAttrsSmall *s = small_of(a);
        int64_t i = small_find(s, name);
        return i >= 0 ? s->pairs[i].value : NULL;
    }
    if ((a->bits & MP_ATTRS_TAG) == MP_ATTRS_INLINE) {
        int64_t i = inline_find(a, name);
        return i >= 0 ? mp_attrs_inline_values(a)[i] : NULL;
    }
    return mp_table_get_str(table_of(a), name);
}

/* Move more than MP_ATTRS_SMALL_MAX pairs into a hashed table (a buffer, not
   an object: gc.collect() counts do not change). */
static int small_to_table(MpAttrs *a, GcType *owner)
{
    MpTable *t = gc_buffer_alloc(owner, sizeof *t);
    if (!t) {
        mp_err_nomemory();
        return -1;
    }
    mp_table_init(t, owner);
    MpAttrsSmall *s = small_of(a);
    for (uint16_t i = 0; i < s->used; i++)
        if (mp_table_set(t, s->pairs[i].name, s->pairs[i].value) < 0) {
            mp_table_fini(t);
            gc_buffer_free(owner, t, sizeof *t);
            return -1;
        }
    a->bits = (uintptr_t)t | MP_ATTRS_TABLE;
    release((uintptr_t)s, a, owner);
    return 0;
}

int mp_attrs_set(MpAttrs *a, GcType *owner, MpObject *name, MpObject *value)
{
    if ((a->bits & MP_ATTRS_TAG) == MP_ATTRS_INLINE) {
        int r = inline_set(a, owner, name, value);
        if (r != 0)
            return r < 0 ? -1 : 0;
        if (inline_to_small(a, owner) < 0)
            return -1;
    }
    if ((a->bits & MP_ATTRS_TAG) != MP_ATTRS_SMALL)
        return mp_table_set(table_of(a), name, value);
    MpAttrsSmall *s = small_of(a);
    int64_t i = small_find(s, name);
    if (i >= 0) {
        MP_INCREF(value);
        MP_SETREF(s->pairs[i].value, value);
        return 0;
    }
    MpType *type = owner_type(owner);
    if (!s || s->used == s->capacity) {
        if (s && s->used == MP_ATTRS_SMALL_MAX) {
            if (small_to_table(a, owner) < 0)
                return -1;
            return mp_table_set(table_of(a), name, value);
        }
        unsigned cap = s ? 2u * s->capacity : type->attrs_hint ? type->attrs_hint : 2;
        if (cap > MP_ATTRS_SMALL_MAX)
            cap = MP_ATTRS_SMALL_MAX;
        MpAttrsSmall *n =
            s ? gc_buffer_realloc(owner, s, small_size(s->capacity), small_size(cap))
              : gc_buffer_alloc(owner, small_size(cap));
        if (!n) {
            mp_err_nomemory();
            return -1;
        }
        if (!s) {
            n->used = 0;
            n->interned = true;
        }
        n->capacity = (uint16_t)cap;
        a->bits = (uintptr_t)(s = n);
    }
    MP_INCREF(name);
    MP_INCREF(value);
    s->pairs[s->used++] = (MpAttrsPair){name, value};
    s->interned = s->interned && mp_str_is_interned((MpStr *)name);
    if (s->used > type->attrs_hint)
        type->attrs_hint = s->used;
    return 0;
}

int mp_attrs_del(MpAttrs *a, GcType *owner, MpObject *name)
{
    if ((a->bits & MP_ATTRS_TAG) == MP_ATTRS_INLINE) {
        if (inline_find(a, name) < 0)
            return 0;
        if (inline_to_small(a, owner) < 0)
            return -1;
    }
    if ((a->bits & MP_ATTRS_TAG) != MP_ATTRS_SMALL)
        return mp_table_del(table_of(a), name);
    MpAttrsSmall *s = small_of(a);
    int64_t i = small_find(s, name);
    if (i < 0)
        return 0;
    MpAttrsPair p = s->pairs[i];
    memmove(&s->pairs[i], &s->pairs[i + 1], (s->used - (size_t)i - 1) * sizeof p);
    if (--s->used == 0) {
        a->bits = 0;
        gc_buffer_free(owner, s, small_size(s->capacity));
    }
    MP_DECREF(p.name);
    MP_DECREF(p.value);
    return 1;
}

bool mp_attrs_next(const MpAttrs *a, int64_t *pos, MpObject **name, MpObject **value)
{
    if ((a->bits & MP_ATTRS_TAG) == MP_ATTRS_INLINE) {
        if (*pos >= mp_attrs_inline_used(a->bits))
            return false;
        *name = mp_attrs_inline_keys(a)->names[*pos];
        *value = mp_attrs_inline_values(a)[*pos];
        ++*pos;
        return true;
    }
    if ((a->bits & MP_ATTRS_TAG) != MP_ATTRS_SMALL)
        return mp_table_next(table_of(a), pos, name, value);
    const MpAttrsSmall *s = small_of(a);
    if (!s || *pos >= s->used)
        return false;
    *name = s->pairs[*pos].name;
    *value = s->pairs[*pos].value;
    ++*pos;
    return true;
}

MpObject *mp_attrs_dict(MpAttrs *a, GcType *owner)
{
    if ((a->bits & MP_ATTRS_TAG) != MP_ATTRS_DICT) {
        MpObject *d = mp_dict_new();
        if (!d)
            return NULL;
        int64_t pos = 0;
        MpObject *k, *v;
        while (mp_attrs_next(a, &pos, &k, &v))
            if (mp_dict_set(d, k, v) < 0) {
                MP_DECREF(d);
                return NULL;
            }
        uintptr_t old = a->bits;
        a->bits = (uintptr_t)d | MP_ATTRS_DICT;
        release(old, a, owner);
    }
    MpObject *d = (MpObject *)(a->bits - MP_ATTRS_DICT);
    MP_INCREF(d);
    return d;
}
