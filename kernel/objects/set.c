/*
 * kernel/objects/set.c - set and its iterator.
 *
 * The table is CPython 3.11's (Objects/setobject.c): 8 inline slots, open
 * addressing that scans up to 9 neighbouring slots before perturbing, deleted
 * slots kept as dummies, growth to 4 * used when 3/5 full. Matching the algorithm
 * makes iteration order, repr and sys.getsizeof agree with CPython. Sets are
 * tracked from birth.
 */
#include "object.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "types_init.h"

#include <string.h>

#define SET(o)         ((MpSet *)(o))
#define MIN_SIZE       8
#define LINEAR_PROBES  9
#define PERTURB_SHIFT  5

/* Marks deleted slots (hash -1); never visible to Python code. */
static MpObject dummy = MP_STATIC_OBJECT_HEAD(mp_none_type);

static bool is_set(MpObject *o)
{
    return mp_type(o) == &mp_set_type;
}

/* ==== Table ==== */

static MpObject *set_alloc(void)
{
    MpSet *s = (MpSet *)gc_alloc(&mp_set_type.gc, sizeof(MpSet));
    if (!s)
        return mp_err_nomemory();
    s->mask = MIN_SIZE - 1;
    s->table = s->small;
    gc_track(&s->ob);
    return &s->ob;
}

MpObject *mp_set_new(void)
{
    return set_alloc();
}

/* Insert into a table known to hold no dummies and not the key. */
static void insert_clean(MpSetEntry *table, uint64_t mask, MpObject *key, int64_t hash)
{
    uint64_t perturb = (uint64_t)hash, i = perturb & mask;
    MpSetEntry *e;
    for (;;) {
        e = &table[i];
        if (!e->key)
            break;
        if (i + LINEAR_PROBES <= mask) {
            int j = 0;
            while (j < LINEAR_PROBES && (++e)->key)
                j++;
            if (j < LINEAR_PROBES)
                break;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
    e->key = key;
    e->hash = hash;
}

static void free_table(MpSet *s)
{
    if (s->table != s->small)
        gc_buffer_free(&mp_set_type.gc, s->table, (size_t)(s->mask + 1) * sizeof(MpSetEntry));
}

/* Rebuild for more than minused active entries. */
static int set_resize(MpSet *s, int64_t minused)
{
    int64_t newsize = MIN_SIZE;
    while (newsize <= minused)
        newsize <<= 1;
    MpSetEntry *old = s->table, small_copy[MIN_SIZE];
    int64_t oldsize = s->mask + 1;
    if (old == s->small) {
        memcpy(small_copy, s->small, sizeof small_copy);
        old = small_copy;
    }
    MpSetEntry *table;
    if (newsize == MIN_SIZE) {
        table = s->small;
    } else {
        table = gc_buffer_alloc(&mp_set_type.gc, (size_t)newsize * sizeof(MpSetEntry));
        if (!table) {
            mp_err_nomemory();
            return -1;
        }
    }
    memset(table, 0, (size_t)newsize * sizeof(MpSetEntry));
    MpSetEntry *old_table = s->table;
    int64_t old_mask = s->mask;
    s->table = table;
    s->mask = newsize - 1;
    for (int64_t i = 0; i < oldsize; i++)
        if (old[i].key && old[i].key != &dummy)
            insert_clean(table, (uint64_t)s->mask, old[i].key, old[i].hash);
    s->fill = s->used;
    if (old_table != s->small && old_table != table)
        gc_buffer_free(&mp_set_type.gc, old_table, (size_t)(old_mask + 1) * sizeof(MpSetEntry));
    return 0;
}

/* Entry index holding key, -1 absent, -2 error. */
static int64_t lookkey(MpSet *s, MpObject *key, int64_t hash)
{
restart:;
    uint64_t mask = (uint64_t)s->mask, perturb = (uint64_t)hash, i = perturb & mask;
    for (;;) {
        uint64_t probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        for (uint64_t j = i; j <= i + probes; j++) {
            MpSetEntry *e = &s->table[j];
            if (!e->key)
                return -1;
            if (e->hash == hash) {
                MpObject *k = e->key;
                if (k == key || (mp_is_str(k) && mp_is_str(key) && mp_str_equal(k, key)))
                    return (int64_t)j;
                MpSetEntry *table = s->table;
                MP_INCREF(k);
                int r = mp_compare_bool(k, key, MP_EQ);
                MP_DECREF(k);
                if (r < 0)
                    return -2;
                if (table != s->table || e->key != k)
                    goto restart;
                if (r)
                    return (int64_t)j;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Add key (borrowed) with its hash: 0 or -1. */
static int add_entry(MpSet *s, MpObject *key, int64_t hash)
{
    MP_INCREF(key);
restart:;
    uint64_t mask = (uint64_t)s->mask, perturb = (uint64_t)hash, i = perturb & mask;
    MpSetEntry *freeslot = NULL, *e;
    for (;;) {
        uint64_t probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        for (uint64_t j = i; j <= i + probes; j++) {
            e = &s->table[j];
            if (!e->key)
                goto found_unused;
            if (e->hash == hash) {
                MpObject *k = e->key;
                if (k == key || (mp_is_str(k) && mp_is_str(key) && mp_str_equal(k, key)))
                    goto found_active;
                MpSetEntry *table = s->table;
                MP_INCREF(k);
                int r = mp_compare_bool(k, key, MP_EQ);
                MP_DECREF(k);
                if (r < 0) {
                    MP_DECREF(key);
                    return -1;
                }
                if (r)
                    goto found_active;
                if (table != s->table || e->key != k)
                    goto restart;
                mask = (uint64_t)s->mask;
            } else if (e->hash == -1 && !freeslot) {
                freeslot = e;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused:
    if (freeslot) {
        s->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    s->fill++;
    s->used++;
    e->key = key;
    e->hash = hash;
    if ((uint64_t)s->fill * 5 < mask * 3)
        return 0;
    return set_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
found_active:
    MP_DECREF(key);
    return 0;
}

int mp_set_add(MpObject *set, MpObject *key)
{
    int64_t hash = mp_hash(key);
    if (hash == -1)
        return -1;
    return add_entry(SET(set), key, hash);
}

/* 1 removed, 0 absent, -1 error. */
static int discard_key(MpSet *s, MpObject *key)
{
    int64_t hash = mp_hash(key);
    if (hash == -1)
        return -1;
    int64_t ix = lookkey(s, key, hash);
    if (ix < 0)
        return ix == -1 ? 0 : -1;
    MpObject *old = s->table[ix].key;
    s->table[ix].key = &dummy;
    s->table[ix].hash = -1;
    s->used--;
    MP_DECREF(old);
    return 1;
}

static int contains_key(MpSet *s, MpObject *key)
{
    int64_t hash = mp_hash(key);
    if (hash == -1)
        return -1;
    int64_t ix = lookkey(s, key, hash);
    return ix >= 0 ? 1 : ix == -1 ? 0 : -1;
}

/* Next active entry at or after *pos in table order. */
static MpSetEntry *set_next(MpSet *s, int64_t *pos)
{
    while (*pos <= s->mask) {
        MpSetEntry *e = &s->table[(*pos)++];
        if (e->key && e->key != &dummy)
            return e;
    }
    return NULL;
}

/* Empty the set first, then drop the keys (re-entrancy safe). */
static void set_clear_internal(MpSet *s)
{
    MpSetEntry *table = s->table, small_copy[MIN_SIZE];
    int64_t size = s->mask + 1;
    bool was_small = table == s->small;
    if (was_small) {
        memcpy(small_copy, s->small, sizeof small_copy);
        table = small_copy;
    }
    memset(s->small, 0, sizeof s->small);
    s->table = s->small;
    s->mask = MIN_SIZE - 1;
    s->fill = s->used = 0;
    for (int64_t i = 0; i < size; i++)
        if (table[i].key && table[i].key != &dummy)
            MP_DECREF(table[i].key);
    if (!was_small)
        gc_buffer_free(&mp_set_type.gc, table, (size_t)size * sizeof(MpSetEntry));
}

/* CPython's set_merge: one resize up front, then a slot-for-slot copy when
   the tables match, else clean inserts into an empty set. */
static int merge_set(MpSet *s, MpSet *o)
{
    if (o == s || o->used == 0)
        return 0;
    if ((s->fill + o->used) * 5 >= s->mask * 3 && set_resize(s, (s->used + o->used) * 2) < 0)
        return -1;
    if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
        for (int64_t i = 0; i <= o->mask; i++) {
            if (o->table[i].key) {
                MP_INCREF(o->table[i].key);
                s->table[i] = o->table[i];
            }
        }
        s->fill = s->used = o->used;
        return 0;
    }
    if (s->fill == 0) {
        int64_t pos = 0;
        MpSetEntry *e;
        while ((e = set_next(o, &pos))) {
            MP_INCREF(e->key);
            insert_clean(s->table, (uint64_t)s->mask, e->key, e->hash);
        }
        s->fill = s->used = o->used;
        return 0;
    }
    int64_t pos = 0;
    MpSetEntry *e;
    while ((e = set_next(o, &pos)))
        if (add_entry(s, e->key, e->hash) < 0)
            return -1;
    return 0;
}

static int set_update(MpSet *s, MpObject *other)
{
    if (is_set(other))
        return merge_set(s, SET(other));
    if (mp_type(other) == &mp_dict_type) {
        MpTable *t = &((MpDict *)other)->table;
        if ((s->fill + t->used) * 5 >= s->mask * 3 && set_resize(s, (s->used + t->used) * 2) < 0)
            return -1;
        int64_t pos = 0;
        MpObject *k, *v;
        while (mp_table_next(t, &pos, &k, &v))
            if (add_entry(s, k, mp_table_entries(t->keys)[pos - 1].hash) < 0)
                return -1;
        return 0;
    }
    return mp_iter_each(other, mp_set_add, &s->ob);
}

static MpObject *set_copy_of(MpObject *src)
{
    MpObject *r = set_alloc();
    if (r && merge_set(SET(r), SET(src)) < 0)
        MP_CLEAR(r);
    return r;
}

/* A set holding other's items (other itself when already a set, new ref). */
static MpObject *as_set(MpObject *other)
{
    if (is_set(other)) {
        MP_INCREF(other);
        return other;
    }
    MpObject *r = set_alloc();
    if (r && set_update(SET(r), other) < 0)
        MP_CLEAR(r);
    return r;
}

/* ==== GC slots ==== */

static int set_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpSet *s = SET(self);
    int64_t pos = 0;
    MpSetEntry *e;
    while ((e = set_next(s, &pos))) {
        int r = visit(e->key, arg);
        if (r)
            return r;
    }
    return 0;
}

static void set_clear_slot(GcHead *self)
{
    set_clear_internal(SET(self));
}

static void set_dealloc(GcHead *self)
{
    MpSet *s = SET(self);
    gc_untrack(self);
    for (int64_t i = 0; i <= s->mask; i++)
        if (s->table[i].key && s->table[i].key != &dummy)
            MP_DECREF(s->table[i].key);
    free_table(s);
    gc_free(self);
}

static size_t set_size(const GcHead *self)
{
    const MpSet *s = (const MpSet *)self;
    return 200 + (s->table != s->small ? (size_t)(s->mask + 1) * sizeof(MpSetEntry) : 0);
}

/* ==== Set algebra ==== */

static MpObject *set_intersection(MpObject *a, MpObject *other)
{
    if (other == a) /* as CPython: a copy */
        return set_copy_of(a);
    MpObject *r = set_alloc();
    if (!r)
        return NULL;
    if (is_set(other)) {
        MpSet *big = SET(a), *small = SET(other);
        if (small->used > big->used) {
            MpSet *t = big;
            big = small;
            small = t;
        }
        int64_t pos = 0;
        MpSetEntry *e;
        while ((e = set_next(small, &pos))) {
            MpObject *k = e->key;
            int64_t hash = e->hash;
            MP_INCREF(k);
            int64_t ix = lookkey(big, k, hash);
            int st = ix == -2 ? -1 : ix >= 0 ? add_entry(SET(r), k, hash) : 0;
            MP_DECREF(k);
            if (st < 0) {
                MP_DECREF(r);
                return NULL;
            }
        }
        return r;
    }
    MpObject *it = mp_iter(other);
    if (!it) {
        MP_DECREF(r);
        return NULL;
    }
    MpObject *x;
    while ((x = mp_iternext(it))) {
        int c = contains_key(SET(a), x);
        int st = c < 0 ? -1 : c ? mp_set_add(r, x) : 0;
        MP_DECREF(x);
        if (st < 0)
            break;
    }
    MP_DECREF(it);
    if (mp_err_occurred())
        MP_CLEAR(r);
    return r;
}

/* CPython's set_difference_update_internal: discard other's items from s in
   place, then rebuild when more than a quarter of the slots are dummies. */
static int difference_update(MpSet *s, MpObject *other)
{
    if (other == &s->ob) {
        set_clear_internal(s);
        return 0;
    }
    if (is_set(other)) {
        MpObject *o = other;
        MP_INCREF(o);
        if ((SET(o)->used >> 3) > s->used) {
            /* A much bigger other: walk the (smaller) intersection instead. */
            MP_DECREF(o);
            if (!(o = set_intersection(&s->ob, other)))
                return -1;
        }
        int64_t pos = 0;
        MpSetEntry *e;
        int st = 0;
        while (st >= 0 && (e = set_next(SET(o), &pos)))
            st = discard_key(s, e->key);
        MP_DECREF(o);
        if (st < 0)
            return -1;
    } else {
        MpObject *it = mp_iter(other);
        if (!it)
            return -1;
        MpObject *x;
        while ((x = mp_iternext(it))) {
            int r = discard_key(s, x);
            MP_DECREF(x);
            if (r < 0)
                break;
        }
        MP_DECREF(it);
        if (mp_err_occurred())
            return -1;
    }
    if (s->fill - s->used <= s->mask / 4)
        return 0;
    return set_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

/* A copy of a without other's items, built as CPython's set_difference: a
   copy then difference_update when other is no set or dict or much smaller
   than a, else a new set of a's items other lacks. */
static MpObject *set_difference(MpObject *a, MpObject *other)
{
    bool dict = mp_type(other) == &mp_dict_type;
    if ((!is_set(other) && !dict) ||
        (SET(a)->used >> 2) > (dict ? ((MpDict *)other)->table.used : SET(other)->used)) {
        MpObject *r = set_copy_of(a);
        if (r && difference_update(SET(r), other) < 0)
            MP_CLEAR(r);
        return r;
    }
    MpObject *r = set_alloc();
    int64_t pos = 0;
    MpSetEntry *e;
    while (r && (e = set_next(SET(a), &pos))) {
        MpObject *k = e->key;
        int64_t hash = e->hash;
        MP_INCREF(k);
        int64_t ix = dict ? mp_contains(other, k) : lookkey(SET(other), k, hash);
        int st = dict ? (ix < 0 ? -1 : ix ? 0 : add_entry(SET(r), k, hash))
                      : (ix == -2 ? -1 : ix == -1 ? add_entry(SET(r), k, hash) : 0);
        MP_DECREF(k);
        if (st < 0)
            MP_CLEAR(r);
    }
    return r;
}

/* Toggle every item of other in s (symmetric_difference_update). */
static int symdiff_update(MpSet *s, MpObject *other)
{
    MpObject *o = as_set(other);
    if (!o)
        return -1;
    if (o == &s->ob) {
        MP_DECREF(o);
        set_clear_internal(s);
        return 0;
    }
    int64_t pos = 0;
    MpSetEntry *e;
    int st = 0;
    while (st == 0 && (e = set_next(SET(o), &pos))) {
        MpObject *k = e->key;
        MP_INCREF(k);
        int64_t ix = lookkey(s, k, e->hash);
        if (ix == -2) {
            st = -1;
        } else if (ix >= 0) {
            MpObject *old = s->table[ix].key;
            s->table[ix].key = &dummy;
            s->table[ix].hash = -1;
            s->used--;
            MP_DECREF(old);
        } else {
            st = add_entry(s, k, e->hash);
        }
        MP_DECREF(k);
    }
    MP_DECREF(o);
    return st;
}

static MpObject *set_symdiff(MpObject *a, MpObject *other)
{
    MpObject *r = set_alloc();
    if (!r)
        return NULL;
    if (set_update(SET(r), other) < 0 || symdiff_update(SET(r), a) < 0)
        MP_CLEAR(r);
    return r;
}

/* Is every item of a in b? 1, 0, -1. */
static int is_subset(MpSet *a, MpSet *b)
{
    if (a->used > b->used)
        return 0;
    int64_t pos = 0;
    MpSetEntry *e;
    while ((e = set_next(a, &pos))) {
        int64_t ix = lookkey(b, e->key, e->hash);
        if (ix == -2)
            return -1;
        if (ix == -1)
            return 0;
    }
    return 1;
}

/* ==== Slots ==== */

static int64_t set_len(MpObject *self)
{
    return SET(self)->used;
}

static int set_contains(MpObject *self, MpObject *key)
{
    return contains_key(SET(self), key);
}

static MpObject *set_repr(MpObject *self)
{
    MpSet *s = SET(self);
    if (s->used == 0)
        return mp_str_new("set()", 5);
    int g = mp_repr_enter(self);
    if (g != 0)
        return g > 0 ? mp_str_new("set(...)", 8) : NULL;
    MpStrBuf b;
    mp_strbuf_init(&b);
    mp_strbuf_add_char(&b, '{');
    int64_t pos = 0;
    MpSetEntry *e;
    bool first = true;
    while ((e = set_next(s, &pos))) {
        if (!first)
            mp_strbuf_add(&b, ", ", 2);
        first = false;
        MpObject *k = e->key;
        MP_INCREF(k);
        int r = mp_strbuf_add_repr(&b, k);
        MP_DECREF(k);
        if (r < 0) {
            mp_repr_leave(self);
            mp_strbuf_free(&b);
            return NULL;
        }
    }
    mp_strbuf_add_char(&b, '}');
    mp_repr_leave(self);
    return mp_strbuf_finish(&b);
}

static MpObject *set_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    if (!is_set(a) || !is_set(b)) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    MpSet *x = SET(a), *y = SET(b);
    int r;
    switch (op) {
    case MP_EQ:
    case MP_NE:
        r = x->used == y->used ? is_subset(x, y) : 0;
        if (r < 0)
            return NULL;
        return mp_bool(op == MP_EQ ? r : !r);
    case MP_LE:
        r = is_subset(x, y);
        break;
    case MP_GE:
        r = is_subset(y, x);
        break;
    case MP_LT:
        r = x->used < y->used ? is_subset(x, y) : 0;
        break;
    default:
        r = y->used < x->used ? is_subset(y, x) : 0;
        break;
    }
    return r < 0 ? NULL : mp_bool(r);
}

static MpObject *set_binop(MpObject *a, MpObject *b, MpBinaryOp op)
{
    if (!is_set(a) || !is_set(b)) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    switch (op) {
    case MP_OP_OR: {
        MpObject *r = set_copy_of(a);
        if (r && merge_set(SET(r), SET(b)) < 0)
            MP_CLEAR(r);
        return r;
    }
    case MP_OP_AND:
        return set_intersection(a, b);
    case MP_OP_SUB:
        return set_difference(a, b);
    case MP_OP_XOR:
        return set_symdiff(a, b);
    default:
        break;
    }
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

/* Replace s's contents with r's table as it is, as CPython's set_swap_bodies
   (so s's size is r's); r takes s's old items and is released (steals r). */
static void take_contents(MpSet *s, MpObject *r)
{
    MpSet *o = SET(r);
    MpSetEntry small[MIN_SIZE], *table = s->table;
    int64_t fill = s->fill, used = s->used, mask = s->mask;
    memcpy(small, s->small, sizeof small);
    memcpy(s->small, o->small, sizeof small);
    memcpy(o->small, small, sizeof small);
    s->table = o->table == o->small ? s->small : o->table;
    o->table = table == s->small ? o->small : table;
    s->fill = o->fill, s->used = o->used, s->mask = o->mask;
    o->fill = fill, o->used = used, o->mask = mask;
    MP_DECREF(r);
}

static MpObject *set_inplace(MpObject *a, MpObject *b, MpBinaryOp op)
{
    if (!is_set(a) || !is_set(b)) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    int st = 0;
    MpObject *r;
    switch (op) {
    case MP_OP_OR:
        st = merge_set(SET(a), SET(b));
        break;
    case MP_OP_XOR:
        st = symdiff_update(SET(a), b);
        break;
    case MP_OP_AND:
        r = set_intersection(a, b);
        if (!r)
            return NULL;
        take_contents(SET(a), r);
        break;
    case MP_OP_SUB:
        st = difference_update(SET(a), b);
        break;
    default:
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    if (st < 0)
        return NULL;
    MP_INCREF(a);
    return a;
}

/* ==== Iterator ==== */

typedef struct SetIter {
    MpObject ob;
    MpObject *set; /* NULL once exhausted (MpIterRef's layout) */
    int64_t pos, used, remaining;
} SetIter;

static MpObject *set_iter(MpObject *self)
{
    SetIter *it = (SetIter *)gc_alloc(&mp_set_iter_type.gc, sizeof(SetIter));
    if (!it)
        return mp_err_nomemory();
    MP_INCREF(self);
    it->set = self;
    it->used = it->remaining = SET(self)->used;
    gc_track(&it->ob);
    return &it->ob;
}

static MpObject *set_iter_next(MpObject *self)
{
    SetIter *it = (SetIter *)self;
    if (!it->set)
        return NULL;
    if (SET(it->set)->used != it->used) {
        it->used = -1;
        return mp_err_set(mp_RuntimeError, "Set changed size during iteration");
    }
    MpSetEntry *e = set_next(SET(it->set), &it->pos);
    if (!e) {
        MP_CLEAR(it->set);
        return NULL;
    }
    it->remaining--;
    MP_INCREF(e->key);
    return e->key;
}

/* __length_hint__, as CPython's: the items left, 0 once exhausted or after
   the set changed size. */
static MpObject *set_iter_length_hint(MpObject *self, MpObject *const *args,
                                      size_t nargs, MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("set_iterator.__length_hint__", nargs, kwnames, 0, 0) < 0)
        return NULL;
    SetIter *it = (SetIter *)self;
    bool live = it->set && SET(it->set)->used == it->used;
    return mp_int_new(live ? it->remaining : 0);
}

static const MpMethodDef set_iter_methods[] = {
    {"__length_hint__", set_iter_length_hint, MP_METH_DEFAULT,
     "__length_hint__(self, /)"},
    {NULL, NULL, 0, NULL},
};

static size_t set_iter_size(const GcHead *self)
{
    return 48;
}

MpType mp_set_iter_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "set_iterator",
           .traverse = mp_iter_ref_traverse,
           .clear = mp_iter_ref_clear,
           .dealloc = mp_iter_ref_dealloc,
           .size = set_iter_size},
    .basicsize = sizeof(SetIter),
    .iter = mp_iter_self,
    .iternext = set_iter_next,
    .methods = set_iter_methods,
};

/* ==== Methods ==== */

static MpObject *set_add_m(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    if (mp_args_check("set.add", nargs, kwnames, 1, 1) < 0 || mp_set_add(self, args[0]) < 0)
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *set_remove_m(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    if (mp_args_check("set.remove", nargs, kwnames, 1, 1) < 0)
        return NULL;
    int r = discard_key(SET(self), args[0]);
    if (r < 0)
        return NULL;
    if (r == 0)
        return mp_err_set_value(mp_KeyError, args[0]);
    MP_RETURN_NONE;
}

static MpObject *set_discard_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("set.discard", nargs, kwnames, 1, 1) < 0 ||
        discard_key(SET(self), args[0]) < 0)
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *set_pop_m(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    if (mp_args_check("set.pop", nargs, kwnames, 0, 0) < 0)
        return NULL;
    MpSet *s = SET(self);
    if (s->used == 0)
        return mp_err_set(mp_KeyError, "pop from an empty set");
    MpSetEntry *e = s->table + (s->finger & s->mask);
    while (!e->key || e->key == &dummy) {
        e++;
        if (e > s->table + s->mask)
            e = s->table;
    }
    MpObject *k = e->key;
    e->key = &dummy;
    e->hash = -1;
    s->used--;
    s->finger = e - s->table + 1;
    return k;
}

static MpObject *set_clear_m(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    if (mp_args_check("set.clear", nargs, kwnames, 0, 0) < 0)
        return NULL;
    set_clear_internal(SET(self));
    MP_RETURN_NONE;
}

static MpObject *set_copy_m(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    if (mp_args_check("set.copy", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return set_copy_of(self);
}

static MpObject *set_union_m(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    if (mp_args_no_kw("set.union", kwnames) < 0)
        return NULL;
    MpObject *r = set_copy_of(self);
    for (size_t i = 0; r && i < nargs; i++)
        if (set_update(SET(r), args[i]) < 0)
            MP_CLEAR(r);
    return r;
}

static MpObject *set_update_m(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    if (mp_args_no_kw("set.update", kwnames) < 0)
        return NULL;
    for (size_t i = 0; i < nargs; i++)
        if (set_update(SET(self), args[i]) < 0)
            return NULL;
    MP_RETURN_NONE;
}

static MpObject *set_intersection_m(MpObject *self, MpObject *const *args, size_t nargs,
                                    MpObject *kwnames)
{
    if (mp_args_no_kw("set.intersection", kwnames) < 0)
        return NULL;
    if (nargs == 0)
        return set_copy_of(self);
    MpObject *r = self;
    MP_INCREF(r);
    for (size_t i = 0; r && i < nargs; i++) {
        MpObject *n = set_intersection(r, args[i]);
        MP_DECREF(r);
        r = n;
    }
    return r;
}

static MpObject *set_intersection_update_m(MpObject *self, MpObject *const *args,
                                           size_t nargs, MpObject *kwnames)
{
    MpObject *r = set_intersection_m(self, args, nargs, kwnames);
    if (!r)
        return NULL;
    take_contents(SET(self), r);
    MP_RETURN_NONE;
}

static MpObject *set_difference_m(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    if (mp_args_no_kw("set.difference", kwnames) < 0)
        return NULL;
    if (nargs == 0)
        return set_copy_of(self);
    MpObject *r = set_difference(self, args[0]);
    for (size_t i = 1; r && i < nargs; i++)
        if (difference_update(SET(r), args[i]) < 0)
            MP_CLEAR(r);
    return r;
}

static MpObject *set_difference_update_m(MpObject *self, MpObject *const *args,
                                         size_t nargs, MpObject *kwnames)
{
    if (mp_args_no_kw("set.difference_update", kwnames) < 0)
        return NULL;
    for (size_t i = 0; i < nargs; i++)
        if (difference_update(SET(self), args[i]) < 0)
            return NULL;
    MP_RETURN_NONE;
}

static MpObject *set_symdiff_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("set.symmetric_difference", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return set_symdiff(self, args[0]);
}

static MpObject *set_symdiff_update_m(MpObject *self, MpObject *const *args, size_t nargs,
                                      MpObject *kwnames)
{
    if (mp_args_check("set.symmetric_difference_update", nargs, kwnames, 1, 1) < 0 ||
        symdiff_update(SET(self), args[0]) < 0)
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *subset_impl(MpObject *self, MpObject *other, bool super)
{
    MpObject *o = as_set(other);
    if (!o)
        return NULL;
    int r = super ? is_subset(SET(o), SET(self)) : is_subset(SET(self), SET(o));
    MP_DECREF(o);
    return r < 0 ? NULL : mp_bool(r);
}

static MpObject *set_issubset_m(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    if (mp_args_check("set.issubset", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return subset_impl(self, args[0], false);
}

static MpObject *set_issuperset_m(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    if (mp_args_check("set.issuperset", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return subset_impl(self, args[0], true);
}

static MpObject *set_isdisjoint_m(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    if (mp_args_check("set.isdisjoint", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpObject *r = set_intersection(self, args[0]);
    if (!r)
        return NULL;
    bool empty = SET(r)->used == 0;
    MP_DECREF(r);
    return mp_bool(empty);
}

static MpObject *set_new_(MpType *type, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    if (mp_args_check("set", nargs, kwnames, 0, 1) < 0)
        return NULL;
    MpObject *s = set_alloc();
    if (s && nargs && set_update(SET(s), args[0]) < 0)
        MP_CLEAR(s);
    return s;
}

static const MpMethodDef set_methods[] = {
    {"add", set_add_m, MP_METH_DEFAULT, "add(self, object, /)"},
    {"remove", set_remove_m, MP_METH_DEFAULT, "remove(self, object, /)"},
    {"discard", set_discard_m, MP_METH_DEFAULT, "discard(self, object, /)"},
    {"pop", set_pop_m, MP_METH_DEFAULT, "pop(self, /)"},
    {"clear", set_clear_m, MP_METH_DEFAULT, "clear(self, /)"},
    {"copy", set_copy_m, MP_METH_DEFAULT, "copy(self, /)"},
    {"union", set_union_m, MP_METH_DEFAULT, "union(self, /, *others)"},
    {"update", set_update_m, MP_METH_DEFAULT, "update(self, /, *others)"},
    {"intersection", set_intersection_m, MP_METH_DEFAULT, "intersection(self, /, *others)"},
    {"intersection_update", set_intersection_update_m, MP_METH_DEFAULT,
     "intersection_update(self, /, *others)"},
    {"difference", set_difference_m, MP_METH_DEFAULT, "difference(self, /, *others)"},
    {"difference_update", set_difference_update_m, MP_METH_DEFAULT,
     "difference_update(self, /, *others)"},
    {"symmetric_difference", set_symdiff_m, MP_METH_DEFAULT,
     "symmetric_difference(self, other, /)"},
    {"symmetric_difference_update", set_symdiff_update_m, MP_METH_DEFAULT,
     "symmetric_difference_update(self, other, /)"},
    {"issubset", set_issubset_m, MP_METH_DEFAULT, "issubset(self, other, /)"},
    {"issuperset", set_issuperset_m, MP_METH_DEFAULT, "issuperset(self, other, /)"},
    {"isdisjoint", set_isdisjoint_m, MP_METH_DEFAULT, "isdisjoint(self, other, /)"},
    {NULL, NULL, 0, NULL},
};

MpType mp_set_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "set", .traverse = set_traverse, .clear = set_clear_slot,
           .dealloc = set_dealloc, .size = set_size},
    .basicsize = sizeof(MpSet),
    .flags = MP_TF_WEAKREFABLE,
    .new_ = set_new_,
    .repr = set_repr,
    .hash = mp_hash_not_implemented,
    .richcompare = set_richcompare,
    .binop = set_binop,
    .inplace = set_inplace,
    .iter = set_iter,
    .len = set_len,
    .contains = set_contains,
    .methods = set_methods,
};
