/*
 * kernel/objects/table.c - MpTable: the insertion-ordered hash table behind
 * dicts and behind objects with more than MP_ATTRS_SMALL_MAX attributes.
 *
 * CPython 3.6+'s compact layout: a power-of-two `indices` array (open
 * addressing with CPython's perturbed probing) points into a dense `entries`
 * array kept in insertion order. Capacity is 2/3 of the indices; a full table
 * is rebuilt for 3 * used, so sizes (and sys.getsizeof of dicts) follow
 * CPython 3.11. str_keys mirrors CPython's "unicode" table kind: the first
 * non-str key rebuilds the table as a general one.
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

void mp_table_init(MpTable *t, GcType *owner)
{
    memset(t, 0, sizeof *t);
    t->owner = owner;
}

/* indices and entries share one buffer (entries right after the indices), as
   CPython's keys object: one allocation per table instead of two. */
static size_t buffer_size(int64_t nindices, int64_t capacity)
{
    return (size_t)nindices * sizeof(int64_t) + (size_t)capacity * sizeof(MpTableEntry);
}

/* Release entries in insertion order (key, then value), as CPython's dict
   dealloc. The table is emptied before any DECREF runs. */
void mp_table_fini(MpTable *t)
{
    MpTableEntry *e = t->entries;
    int64_t n = t->nentries, cap = t->capacity, nix = t->nindices;
    int64_t *ix = t->indices;
    GcType *owner = t->owner;
    bool watched = t->watched;
    mp_table_init(t, owner);
    t->watched = watched;
    if (watched)
        mp_type_modified();
    for (int64_t i = 0; i < n; i++) {
        MP_XDECREF(e[i].key);
        MP_XDECREF(e[i].value);
    }
    gc_buffer_free(owner, ix, buffer_size(nix, cap));
}

void mp_table_clear(MpTable *t)
{
    mp_table_fini(t);
}

/* Rebuild with nindices slots (a power of two >= 8), compacting entries. */
static int table_resize(MpTable *t, int64_t nindices)
{
    int64_t cap = usable_for(nindices);
    int64_t *ix = gc_buffer_alloc(t->owner, buffer_size(nindices, cap));
    if (!ix) {
        mp_err_nomemory();
        return -1;
    }
    MpTableEntry *e = (MpTableEntry *)(ix + nindices);
    memset(ix, 0xff, (size_t)nindices * sizeof(int64_t)); /* IX_EMPTY */
    int64_t n = 0;
    uint64_t mask = (uint64_t)nindices - 1;
    for (int64_t k = 0; k < t->nentries; k++) {
        if (!t->entries[k].key)
            continue;
        e[n] = t->entries[k];
        uint64_t perturb = (uint64_t)e[n].hash, i = perturb & mask;
        while (ix[i] != IX_EMPTY) {
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb + 1) & mask;
        }
        ix[i] = n++;
    }
    gc_buffer_free(t->owner, t->indices, buffer_size(t->nindices, t->capacity));
    t->indices = ix;
    t->entries = e;
    t->keys_version = 0;
    t->nindices = nindices;
    t->capacity = cap;
    t->nentries = n;
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
    if (t->nindices == 0)
        return -1;
restart:;
    uint64_t mask = (uint64_t)t->nindices - 1, perturb = (uint64_t)hash, i = perturb & mask;
    bool key_is_str = mp_is_str(key);
    for (;;) {
        int64_t ix = t->indices[i];
        if (ix == IX_EMPTY)
            return -1;
        if (ix >= 0) {
            MpTableEntry *e = &t->entries[ix];
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
                    MpTableEntry *entries = t->entries;
                    MP_INCREF(k);
                    int r = mp_compare_bool(k, key, MP_EQ);
                    MP_DECREF(k);
                    if (r < 0)
                        return -2;
                    if (entries != t->entries || t->nindices == 0 ||
                        t->entries[ix].key != k)
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
    return ix >= 0 ? t->entries[ix].value : NULL;
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
    if (t->nindices == 0)
        return -1;
    int64_t hash = mp_str_hash(key);
    uint64_t mask = (uint64_t)t->nindices - 1, perturb = (uint64_t)hash, i = perturb & mask;
    for (;;) {
        int64_t ix = t->indices[i];
        if (ix == IX_EMPTY)
            return -1;
        if (ix >= 0) {
            MpTableEntry *e = &t->entries[ix];
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
    return ix >= 0 ? t->entries[ix].value : NULL;
}

uint64_t mp_table_keys_version(MpTable *t)
{
    static uint64_t last_version;
    if (t->keys_version == 0)
        t->keys_version = ++last_version;
    return t->keys_version;
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
        MP_SETREF(t->entries[ix].value, value);
        return 0;
    }
    t->keys_version = 0;
    if (t->nindices == 0) {
        t->str_keys = mp_is_str(key);
        if (table_resize(t, MIN_SIZE) < 0)
            return -1;
    } else if (t->str_keys && !mp_is_str(key)) {
        t->str_keys = false;
        if (table_grow(t) < 0)
            return -1;
    }
    if (t->nentries >= t->capacity && table_grow(t) < 0)
        return -1;
    uint64_t mask = (uint64_t)t->nindices - 1, perturb = (uint64_t)hash, i = perturb & mask;
    while (t->indices[i] >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    MP_INCREF(key);
    MP_INCREF(value);
    t->indices[i] = t->nentries;
    t->entries[t->nentries++] = (MpTableEntry){hash, key, value};
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
    t->keys_version = 0;
    MpTableEntry *e = &t->entries[ix];
    MpObject *k = e->key;
    *value = e->value;
    e->key = e->value = NULL;
    t->indices[slot] = IX_DUMMY;
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
    while (t->nentries > 0 && !t->entries[t->nentries - 1].key)
        t->nentries--;
    if (t->nentries == 0)
        return false;
    if (t->watched)
        mp_type_modified();
    t->keys_version = 0;
    MpTableEntry *e = &t->entries[t->nentries - 1];
    uint64_t mask = (uint64_t)t->nindices - 1, perturb = (uint64_t)e->hash,
             i = perturb & mask;
    while (t->indices[i] != t->nentries - 1) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    t->indices[i] = IX_DUMMY;
    *key = e->key;
    *value = e->value;
    e->key = e->value = NULL;
    t->nentries--;
    t->used--;
    return true;
}

bool mp_table_next(const MpTable *t, int64_t *pos, MpObject **key, MpObject **value)
{
    while (*pos < t->nentries) {
        const MpTableEntry *e = &t->entries[(*pos)++];
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
    for (int64_t i = 0; i < t->nentries; i++) {
        MpTableEntry *e = &t->entries[i];
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
        int64_t n = src->nindices;
        if (src->used < src->nentries * 2 / 3) {
            int64_t want = (src->used * 3 + 1) / 2;
            for (n = MIN_SIZE; n < want; n <<= 1)
                ;
        }
        if (usable_for(dst->nindices) < src->used) {
            dst->str_keys = src->str_keys;
            if (table_resize(dst, n) < 0)
                return -1;
        }
    }
    int64_t pos = 0;
    MpObject *k, *v;
    while (mp_table_next(src, &pos, &k, &v))
        if (mp_table_set_hashed(dst, k, src->entries[pos - 1].hash, v) < 0)
            return -1;
    return 0;
}

/* CPython's dict __sizeof__ without the object header: 32 bytes of keys
   header, 1/2/4/8-byte indices, 16- or 24-byte entries. */
size_t mp_table_sizeof(const MpTable *t)
{
    if (t->nindices == 0)
        return 0;
    size_t ixsize = t->nindices <= 128 ? 1 : t->nindices <= 32768 ? 2
                  : t->nindices <= ((int64_t)1 << 31) ? 4 : 8;
    return 32 + (size_t)t->nindices * ixsize +
           (size_t)t->capacity * (t->str_keys ? 16 : 24);
}
