/*
 * gc/weakref.c - owns weak references: the per-referent lists and their
 * clearing when a referent dies by refcount.
 *
 * No object carries a weakref field: a side table keyed by object address maps
 * a referent to the head of its list (GC_BIT_WEAKREFS says an entry exists, so
 * objects never weakly referenced cost nothing). A weakref object finds its own
 * GcWeakRef through its type (GcType.weakref_offset). The collector's own
 * clearing (handle_weakrefs) is in collect.c; both follow CPython 3.11's order:
 * clear every reference first, only then call back.
 */
#include "gc_internal.h"

/* ==== Side table (open addressing, linear probing) ==== */

typedef struct Entry {
    const GcHead *key; /* NULL: empty slot */
    GcWeakRef *ref;
} Entry;

static Entry *table;
static size_t table_cap; /* 0 or a power of two */
static size_t table_used;

static size_t slot_of(const GcHead *o)
{
    uintptr_t h = (uintptr_t)o;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15u;
    return (size_t)(h ^ (h >> 29)) & (table_cap - 1);
}

static Entry *table_find(const GcHead *o)
{
    for (size_t i = slot_of(o);; i = (i + 1) & (table_cap - 1)) {
        if (table[i].key == o || table[i].key == NULL)
            return &table[i];
    }
}

/* Room for `extra` more entries with the load kept at most one half, so that a
   later table_put cannot fail. false when out of memory (table unchanged). */
static bool table_reserve(size_t extra)
{
    if (2 * (table_used + extra) <= table_cap)
        return true;
    size_t cap = table_cap ? table_cap : 64;
    while (2 * (table_used + extra) > cap)
        cap *= 2;
    Entry *fresh = calloc(cap, sizeof *fresh);
    if (fresh == NULL)
        return false;
    Entry *old = table;
    size_t old_cap = table_cap;
    table = fresh;
    table_cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key != NULL)
            *table_find(old[i].key) = old[i];
    free(old);
    return true;
}

static GcWeakRef *table_get(const GcHead *o)
{
    Entry *e = table_find(o);
    GC_ASSERT(e->key == o);
    return e->ref;
}

/* Insert or update; room was reserved unless the key is present. */
static void table_put(const GcHead *o, GcWeakRef *ref)
{
    Entry *e = table_find(o);
    if (e->key == NULL) {
        GC_ASSERT(2 * (table_used + 1) <= table_cap);
        e->key = o;
        table_used++;
    }
    e->ref = ref;
}

/* Backward-shift deletion: later entries of the probe run move up so that no
   lookup stops early at the hole. */
static void table_remove(const GcHead *o)
{
    size_t mask = table_cap - 1;
    size_t hole = (size_t)(table_find(o) - table);
    GC_ASSERT(table[hole].key == o);
    for (size_t j = (hole + 1) & mask; table[j].key != NULL; j = (j + 1) & mask) {
        size_t home = slot_of(table[j].key);
        /* j stays if its home lies cyclically in (hole, j] */
        bool stays = hole < j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!stays) {
            table[hole] = table[j];
            hole = j;
        }
    }
    table[hole].key = NULL;
    table[hole].ref = NULL;
    table_used--;
}

void gc_weakref_table_fini(void)
{
    if (table_used != 0)
        return;
    free(table);
    table = NULL;
    table_cap = 0;
}

/* Point o's list at head (NULL: empty). Needs reserved room when o had none. */
static void set_list(GcHead *o, GcWeakRef *head)
{
    if (head != NULL) {
        table_put(o, head);
        gc_set_bit(o, GC_BIT_WEAKREFS);
    } else if (gc_bit(o, GC_BIT_WEAKREFS)) {
        table_remove(o);
        gc_clear_bit(o, GC_BIT_WEAKREFS);
    }
}

/* ==== Lists ==== */

bool gc_can_weakref(const GcHead *o)
{
    return gc_is_gc(o) && o->type->weakref_offset == 0;
}

GcWeakRef *gc_weakrefs_of(const GcHead *o)
{
    if (!gc_is_gc(o) || !gc_bit(o, GC_BIT_WEAKREFS))
        return NULL;
    return table_get(o);
}

int gc_weakref_attach(GcWeakRef *ref, GcHead *owner, GcHead *referent,
                      GcWeakCallback callback)
{
    GC_ASSERT(gc_can_weakref(referent));
    GC_ASSERT(gc_is_gc(owner) && gc_weakref_of_owner(owner) == ref);
    if (!table_reserve(1))
        return -1;
    ref->owner = owner;
    ref->referent = referent;
    ref->callback = callback;

    GcWeakRef *head = gc_weakrefs_of(referent);
    if (callback != NULL && head != NULL && head->callback == NULL) {
        /* after the basic ref, as CPython's insert_after(ref, basic) */
        ref->prev = head;
        ref->next = head->next;
        if (head->next)
            head->next->prev = ref;
        head->next = ref;
    } else {
        ref->prev = NULL;
        ref->next = head;
        if (head)
            head->prev = ref;
        set_list(referent, ref);
    }
    return 0;
}

void gc_weakref_detach(GcWeakRef *ref)
{
    if (ref->referent == NULL)
        return;
    if (ref->prev)
        ref->prev->next = ref->next;
    else
        set_list(ref->referent, ref->next);
    if (ref->next)
        ref->next->prev = ref->prev;
    ref->next = ref->prev = NULL;
    ref->referent = NULL;
}

/* As PyObject_ClearWeakRefs: clear every reference, keeping the owners of those
   with callbacks alive (skipping owners already dying, refcnt 0); then call the
   callbacks in list order; then drop the owners, last first (CPython holds them
   in a tuple, whose dealloc releases items from the end). The pending chain
   reuses next/prev: a cleared ref is on no referent list and detach ignores it. */
void gc_weakrefs_clear_on_dealloc(GcHead *o)
{
    GcWeakRef *first = NULL, *last = NULL;
    GcWeakRef *ref;
    while ((ref = gc_weakrefs_of(o)) != NULL) {
        gc_weakref_detach(ref);
        if (ref->callback == NULL || ref->owner->refcnt <= 0)
            continue;
        GC_INCREF(ref->owner);
        ref->prev = last;
        if (last)
            last->next = ref;
        else
            first = ref;
        last = ref;
    }
    for (ref = first; ref != NULL; ref = ref->next)
        ref->callback(ref);
    while (last != NULL) {
        GcWeakRef *prev = last->prev;
        last->next = last->prev = NULL;
        GC_DECREF(last->owner);
        last = prev;
    }
}
