/*
 * kernel/objects/attrs.c - instance attributes: a small block of (name, value)
 * pairs, a hashed table past MP_ATTRS_SMALL_MAX names, and a dict object only
 * when __dict__ is asked for (CPython 3.11's managed dict, which is why a cycle
 * of two instances counts 2 in gc.collect(), not 4).
 *
 * The three shapes keep insertion order and dict semantics (a replaced value
 * keeps its place; a deleted name added again goes last), so vars(obj) lists
 * the same order whichever shape the attributes were in.
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

/* Index of name in s, or -1: pointer equality first, then equal strings
   (a name built at run time, setattr(o, 'a' + 'b', v)). */
static int64_t small_find(const MpAttrsSmall *s, MpObject *name)
{
    if (!s)
        return -1;
    for (uint16_t i = 0; i < s->used; i++)
        if (s->pairs[i].name == name)
            return i;
    if (s->interned && mp_str_is_interned((MpStr *)name))
        return -1;
    int64_t hash = mp_str_hash(name);
    for (uint16_t i = 0; i < s->used; i++) {
        MpObject *k = s->pairs[i].name;
        if (mp_str_hash(k) == hash && mp_str_equal(k, name))
            return i;
    }
    return -1;
}

/* Release a detached storage: pairs in insertion order (name, then value), as
   a dict dealloc, then the block. */
static void release(uintptr_t bits, GcType *owner)
{
    switch (bits & MP_ATTRS_TAG) {
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
    release(bits, owner);
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
    release((uintptr_t)s, owner);
    return 0;
}

int mp_attrs_set(MpAttrs *a, GcType *owner, MpObject *name, MpObject *value)
{
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
        release(old, owner);
    }
    MpObject *d = (MpObject *)(a->bits - MP_ATTRS_DICT);
    MP_INCREF(d);
    return d;
}
