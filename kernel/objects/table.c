/*
 * kernel/objects/table.c - MpTable: the insertion-ordered hash table behind
 * dicts and behind objects with more than MP_ATTRS_SMALL_MAX attributes.
 *
 * CPython 3.6+'s compact layout: a power-of-two `indices` array (open
 * addressing with CPython's perturbed probing) points into a dense `entries`
 * array kept in insertion order. Capacity is 2/3 of the indices; a full table
 * is rebuilt for 3 * used, so sizes (and sys.getsizeof of dicts) follow
 * CPython 3.11. str_keys mirrors CPython's "unicode" table kind: the first
 * non-str key rebuilds the table as a general one. Both arrays live in an
 * MpTableKeys block; the MpTable itself keeps only the count, the block and
 * the owner, so an empty dict costs no more than CPython's.
 */
#include "object.h"

#include "abstract.h"
#include "errors.h"
#include "types_init.h"

#include <string.h>

#define IX_EMPTY  (-1)
#define IX_DUMMY  (-2)
#define MIN_SIZE  8
#define PERTURB_SHIFT 5

static int64_t usable_for(int64_t nindices)
{
    return (nindices << 1) / 3;
}

/* What every empty table points at (CPython's Py_EMPTY_KEYS). Never written:
   inserting first allocates a block. Version 1 is its own, for good: all empty
   tables have the same (no) keys, so a cache may share it. */
static MpTableKeys empty_keys = {.version = 1};

void mp_table_init(MpTable *t, GcType *owner)
{
    *t = (MpTable){.keys = &empty_keys, .owner = owner};
}

static size_t keys_size(const MpTableKeys *k)
{
    return sizeof *k + (size_t)k->nindices * sizeof(int64_t) +
           (size_t)k->capacity * sizeof(MpTableEntry);
}

static void keys_free(GcType *owner, MpTableKeys *k)
{
    if (k != &empty_keys)
        gc_buffer_free(owner, k, keys_size(k));
}

/* Release entries in insertion order (key, then value), as CPython's dict
   dealloc. The table is emptied before any DECREF runs. */
void mp_table_fini(MpTable *t)
{
    MpTableKeys *k = t->keys;
    MpTableEntry *e = mp_table_entries(k);
    bool watched = t->watched;
    mp_table_init(t, t->owner);
    t->watched = watched;
    if (watched)
        mp_type_modified();
    for (int64_t i = 0; i < k->nentries; i++) {
        MP_XDECREF(e[i].key);
        MP_XDECREF(e[i].value);
    }
    keys_free(t->owner, k);
}

void mp_table_clear(MpTable *t)
{
    mp_table_fini(t);
}

/* Rebuild with nindices slots (a power of two >= 8), compacting entries. */
static int table_resize(MpTable *t, int64_t nindices)
{
    MpTableKeys shape = {.nindices = nindices, .capacity = usable_for(nindices)};
    MpTableKeys *k = gc_buffer_alloc(t->owner, keys_size(&shape));
    if (!k) {
        mp_err_nomemory();
        return -1;
    }
    *k = shape; /* version 0: the keys are new */
    memset(k->indices, 0xff, (size_t)nindices * sizeof(int64_t)); /* IX_EMPTY */
    MpTableKeys *old = t->keys;
    MpTableEntry *from = mp_table_entries(old), *e = mp_table_entries(k);
    int64_t n = 0;
    uint64_t mask = (uint64_t)nindices - 1;
    for (int64_t j = 0; j < old->nentries; j++) {
        if (!from[j].key)
            continue;
        e[n] = from[j];
        uint64_t perturb = (uint64_t)e[n].hash, i = perturb & mask;
        while (k->indices[i] != IX_EMPTY) {
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb + 1) & mask;
        }
        k->indices[i] = n++;
    }
    k->nentries = n;
    t->keys = k;
    keys_free(t->owner, old);
    return 0;
}

/* CPython's GROWTH_RATE: room for 3 * used, at least MIN_SIZE. */
static int table_grow(MpTable *t)
{
    int64_t want = t->used * 3, n = MIN_SIZE;
    while (n < want)
        n <<= 1;
    return table_resize(t, n);
}

/* Find key: entry index (>= 0), or -1 absent; -2 on a comparison error.
   *slot receives the indices position holding it (or -1). */
static int64_t lookup(MpTable *t, MpObject *key, int64_t hash, int64_t *slot)
{
restart:;
    MpTableKeys *keys = t->keys;
    if (keys->nindices == 0)
        return -1;
    MpTableEntry *entries = mp_table_entries(keys);
    uint64_t mask = (uint64_t)keys->nindices - 1, perturb = (uint64_t)hash,
             i = perturb & mask;
    bool key_is_str = mp_is_str(key);
    for (;;) {
        int64_t ix = keys->indices[i];
        if (ix == IX_EMPTY)
            return -1;
        if (ix >= 0) {
            MpTableEntry *e = &entries[ix];
            if (e->key == key) {
                *slot = (int64_t)i;
                return ix;
            }
            if (e->hash == hash) {
                if (key_is_str && mp_is_str(e->key)) {
                    if (mp_str_equal(e->key, key)) {
                        *slot = (int64_t)i;
                        return ix;
                    }
                } else {
                    MpObject *k = e->key;
                    MP_INCREF(k);
                    int r = mp_compare_bool(k, key, MP_EQ);
                    MP_DECREF(k);
                    if (r < 0)
                        return -2;
                    if (keys != t->keys || entries[ix].key != k)
                        goto restart; /* the table mutated under us */
                    if (r) {
                        *slot = (int64_t)i;
                        return ix;
                    }
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

MpObject *mp_table_get_hashed(MpTable *t, MpObject *key, int64_t hash)
{
    int64_t slot, ix = lookup(t, key, hash, &slot);
    return ix >= 0 ? mp_table_entries(t->keys)[ix].value : NULL;
}

MpObject *mp_table_get(MpTable *t, MpObject *key)
{
    int64_t hash = mp_hash(key);
    if (hash == -1)
        return NULL;
    return mp_table_get_hashed(t, key, hash);
}

int64_t mp_table_index_str(MpTable *t, MpObject *key)
{
    MpTableKeys *keys = t->keys;
    if (keys->nindices == 0)
        return -1;
    int64_t hash = mp_str_hash(key);
    MpTableEntry *entries = mp_table_entries(keys);
    uint64_t mask = (uint64_t)keys->nindices - 1, perturb = (uint64_t)hash,
             i = perturb & mask;
    for (;;) {
        int64_t ix = keys->indices[i];
        if (ix == IX_EMPTY)
            return -1;
        if (ix >= 0) {
            MpTableEntry *e = &entries[ix];
            if (e->key == key ||
                (e->hash == hash && mp_is_str(e->key) && mp_str_equal(e->key, key)))
                return ix;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

MpObject *mp_table_get_str(MpTable *t, MpObject *key)
{
    int64_t ix = mp_table_index_str(t, key);
    return ix >= 0 ? mp_table_entries(t->keys)[ix].value : NULL;
}

uint64_t mp_table_keys_version(MpTable *t)
{
    static uint64_t last_version = 1; /* the empty keys' */
    if (t->keys->version == 0)
        t->keys->version = ++last_version;
    return t->keys->version;
}

int mp_table_set_hashed(MpTable *t, MpObject *key, int64_t hash, MpObject *value)
{
    int64_t slot, ix = lookup(t, key, hash, &slot);
    if (ix == -2)
        return -1;
    if (t->watched)
        mp_type_modified();
    if (ix >= 0) {
        MP_INCREF(value);
        MP_SETREF(mp_table_entries(t->keys)[ix].value, value);
        return 0;
    }
    if (t->keys->nindices == 0) {
        t->str_keys = mp_is_str(key);
        if (table_resize(t, MIN_SIZE) < 0)
            return -1;
    } else if (t->str_keys && !mp_is_str(key)) {
        t->str_keys = false;
        if (table_grow(t) < 0)
            return -1;
    }
    if (t->keys->nentries >= t->keys->capacity && table_grow(t) < 0)
        return -1;
    MpTableKeys *k = t->keys;
    k->version = 0;
    uint64_t mask = (uint64_t)k->nindices - 1, perturb = (uint64_t)hash,
             i = perturb & mask;
    while (k->indices[i] >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    MP_INCREF(key);
    MP_INCREF(value);
    k->indices[i] = k->nentries;
    mp_table_entries(k)[k->nentries++] = (MpTableEntry){hash, key, value};
    t->used++;
    return 0;
}

int mp_table_set(MpTable *t, MpObject *key, MpObject *value)
{
    int64_t hash = mp_hash(key);
    if (hash == -1)
        return -1;
    return mp_table_set_hashed(t, key, hash, value);
}

int mp_table_pop(MpTable *t, MpObject *key, MpObject **value)
{
    int64_t hash = mp_hash(key);
    if (hash == -1)
        return -1;
    int64_t slot, ix = lookup(t, key, hash, &slot);
    if (ix == -2)
        return -1;
    if (ix == -1)
        return 0;
    if (t->watched)
        mp_type_modified();
    t->keys->version = 0;
    MpTableEntry *e = &mp_table_entries(t->keys)[ix];
    MpObject *k = e->key;
    *value = e->value;
    e->key = e->value = NULL;
    t->keys->indices[slot] = IX_DUMMY;
    t->used--;
    MP_DECREF(k);
    return 1;
}

int mp_table_del(MpTable *t, MpObject *key)
{
    MpObject *v;
    int r = mp_table_pop(t, key, &v);
    if (r == 1)
        MP_DECREF(v);
    return r;
}

bool mp_table_popitem(MpTable *t, MpObject **key, MpObject **value)
{
    MpTableKeys *k = t->keys;
    MpTableEntry *entries = mp_table_entries(k);
    while (k->nentries > 0 && !entries[k->nentries - 1].key)
        k->nentries--;
    if (k->nentries == 0)
        return false;
    if (t->watched)
        mp_type_modified();
    k->version = 0;
    MpTableEntry *e = &entries[k->nentries - 1];
    uint64_t mask = (uint64_t)k->nindices - 1, perturb = (uint64_t)e->hash,
             i = perturb & mask;
    while (k->indices[i] != k->nentries - 1) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    k->indices[i] = IX_DUMMY;
    *key = e->key;
    *value = e->value;
    e->key = e->value = NULL;
    k->nentries--;
    t->used--;
    return true;
}

bool mp_table_next(const MpTable *t, int64_t *pos, MpObject **key, MpObject **value)
{
    MpTableKeys *k = t->keys;
    while (*pos < k->nentries) {
        const MpTableEntry *e = &mp_table_entries(k)[(*pos)++];
        if (e->key) {
            *key = e->key;
            *value = e->value;
            return true;
        }
    }
    return false;
}

bool mp_table_prev(const MpTable *t, int64_t *pos, MpObject **key, MpObject **value)
{
    MpTableKeys *k = t->keys;
    if (*pos >= k->nentries)
        *pos = k->nentries - 1;
    while (*pos >= 0) {
        const MpTableEntry *e = &mp_table_entries(k)[(*pos)--];
        if (e->key) {
            *key = e->key;
            *value = e->value;
            return true;
        }
    }
    return false;
}

/* As CPython 3.11's dict_traverse: values only in str-key tables, else value
   then key for each live entry. */
int mp_table_traverse(MpTable *t, GcVisit visit, void *arg)
{
    MpTableKeys *k = t->keys;
    for (int64_t i = 0; i < k->nentries; i++) {
        MpTableEntry *e = &mp_table_entries(k)[i];
        if (!e->key)
            continue;
        int r;
        if (e->value && (r = visit(e->value, arg)))
            return r;
        if (!t->str_keys && (r = visit(e->key, arg)))
            return r;
    }
    return 0;
}

int mp_table_copy(MpTable *dst, const MpTable *src)
{
    if (dst->used == 0 && src->used > 0) {
        /* CPython clones a dense table at its size, else sizes for 3/2 used. */
        int64_t n = src->keys->nindices;
        if (src->used < src->keys->nentries * 2 / 3) {
            int64_t want = (src->used * 3 + 1) / 2;
            for (n = MIN_SIZE; n < want; n <<= 1)
                ;
        }
        if (dst->keys->capacity < src->used) {
            dst->str_keys = src->str_keys;
            if (table_resize(dst, n) < 0)
                return -1;
        }
    }
    int64_t pos = 0;
    MpObject *k, *v;
    while (mp_table_next(src, &pos, &k, &v)) {
        int64_t hash = mp_table_entries(src->keys)[pos - 1].hash;
        if (mp_table_set_hashed(dst, k, hash, v) < 0)
            return -1;
    }
    return 0;
}

/* CPython's dict __sizeof__ without the object header: 32 bytes of keys
   header, 1/2/4/8-byte indices, 16- or 24-byte entries. */
size_t mp_table_sizeof(const MpTable *t)
{
    int64_t n = t->keys->nindices;
    if (n == 0)
        return 0;
    size_t ixsize = n <= 128 ? 1 : n <= 32768 ? 2 : n <= ((int64_t)1 << 31) ? 4 : 8;
    return 32 + (size_t)n * ixsize +
           (size_t)t->keys->capacity * (t->str_keys ? 16 : 24);
}
