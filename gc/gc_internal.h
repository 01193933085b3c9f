/*
 * gc/gc_internal.h - what the gc/ sources share: block layout, GC lists, the one
 * GcState.
 *
 * A block of a GC type is [GcLinks][GcHead ...object]; any other object has no
 * prefix at all. GcLinks is CPython's 16-byte PyGC_Head: blocks are 8-byte
 * aligned, so the low 3 bits of each link are free. next carries the flag bits;
 * prev carries the id of the list holding the object and, between update_refs
 * and the end of move_unreachable, holds gc_refs in place of the pointer (the
 * list is singly linked meanwhile, as in CPython). Block sizes come from the
 * allocator (mem.c), weak reference lists from a side table (weakref.c).
 */
#ifndef MINIPY_GC_GC_INTERNAL_H
#define MINIPY_GC_GC_INTERNAL_H

#include "gc.h"

#include <stdio.h>
#include <stdlib.h>

#define GC_ASSERT(expr)                                                                \
    ((expr) ? (void)0                                                                  \
            : (fprintf(stderr, "%s:%d: gc assertion failed: %s\n", __FILE__, __LINE__, \
                       #expr),                                                         \
               abort()))

typedef struct GcLinks GcLinks;
/* Tagged pointers: read and write them only through the helpers below. */
struct GcLinks {
    GcLinks *tnext; /* next | GC_BIT_* flags; a NULL pointer part: not tracked */
    GcLinks *tprev; /* prev | list id; gc_refs | list id inside a collection */
};

#define GC_ALIGN          8
#define GC_TAG_MASK       ((uintptr_t)(GC_ALIGN - 1))
#define GC_BIT_FINALIZED  1u /* finalize ran (PEP 442) */
#define GC_BIT_COLLECTING 2u /* in the set being collected */
#define GC_BIT_WEAKREFS   4u /* the side table holds its non-empty weakref list */
#define GC_REFS_SHIFT     3

/* Every list an object can be on. The temporaries exist only inside a collection
   (collections never nest), so a fixed table replaces CPython's stack heads. */
enum GcListId {
    GC_LIST_NONE = 0, /* untracked */
    GC_LIST_GEN0,
    GC_LIST_GEN1,
    GC_LIST_GEN2,
    GC_LIST_PERMANENT,
    GC_LIST_UNREACHABLE, /* tentatively, then surely, garbage */
    GC_LIST_WORK,        /* the phase-by-phase scratch list below */
    GC_LIST_COUNT
};
/* Successive phases of a collection use the scratch list, each leaving it empty:
   handle_weakrefs for the weakrefs whose callbacks are due, finalize_garbage
   for the objects already visited, then the garbage that survived the
   resurrection check until delete_garbage. */
#define GC_LIST_WRCB  GC_LIST_WORK
#define GC_LIST_SEEN  GC_LIST_WORK
#define GC_LIST_FINAL GC_LIST_WORK
_Static_assert(GC_LIST_COUNT <= GC_ALIGN, "a list id fits in prev's tag bits");

typedef struct GcList {
    _Alignas(GC_ALIGN) GcLinks head;
    size_t count;
} GcList;

typedef struct GcState {
    GcList lists[GC_LIST_COUNT];
    int count[GC_NUM_GENERATIONS];
    int threshold[GC_NUM_GENERATIONS];
    GcGenStats stats[GC_NUM_GENERATIONS];
    size_t long_lived_total;
    size_t long_lived_pending;
    bool enabled;
    bool collecting;
    int debug;
    GcHooks hooks;
    /* accounting */
    size_t live_bytes;
    size_t peak_bytes; /* highest live_bytes since gc_reset_peak_bytes() */
    size_t live_objects;
    size_t memory_limit;
    GcType *types_first;
    GcType *types_last;
    /* history ring */
    GcRecord history[GC_HISTORY_SIZE];
    uint64_t history_seq;
} GcState;

extern GcState gc_state;

static inline GcLinks *gc_links_of(const GcHead *o)
{
    return (GcLinks *)(uintptr_t)o - 1;
}

static inline GcHead *gc_head_of(const GcLinks *l)
{
    return (GcHead *)(uintptr_t)(l + 1);
}

static inline GcLinks *gc_next(const GcLinks *l)
{
    return (GcLinks *)((uintptr_t)l->tnext & ~GC_TAG_MASK);
}

static inline GcLinks *gc_prev(const GcLinks *l)
{
    return (GcLinks *)((uintptr_t)l->tprev & ~GC_TAG_MASK);
}

static inline void gc_set_next(GcLinks *l, const GcLinks *next)
{
    l->tnext = (GcLinks *)(((uintptr_t)l->tnext & GC_TAG_MASK) | (uintptr_t)next);
}

static inline void gc_set_prev(GcLinks *l, const GcLinks *prev)
{
    l->tprev = (GcLinks *)(((uintptr_t)l->tprev & GC_TAG_MASK) | (uintptr_t)prev);
}

static inline int gc_list_id(const GcHead *o)
{
    return (int)((uintptr_t)gc_links_of(o)->tprev & GC_TAG_MASK);
}

static inline void gc_set_list_id(GcHead *o, int id)
{
    GcLinks *l = gc_links_of(o);
    l->tprev = (GcLinks *)(((uintptr_t)l->tprev & ~GC_TAG_MASK) | (uintptr_t)id);
}

/* gc_refs replaces the prev pointer (arithmetic shift keeps a negative count
   negative); only update_refs .. move_unreachable may use these. */
static inline intptr_t gc_get_refs(const GcLinks *l)
{
    return (intptr_t)(uintptr_t)l->tprev >> GC_REFS_SHIFT;
}

static inline void gc_set_refs(GcLinks *l, intptr_t refs)
{
    l->tprev = (GcLinks *)(((uintptr_t)l->tprev & GC_TAG_MASK) |
                           ((uintptr_t)refs << GC_REFS_SHIFT));
}

static inline void gc_decref_refs(GcLinks *l)
{
    l->tprev = (GcLinks *)((uintptr_t)l->tprev - ((uintptr_t)1 << GC_REFS_SHIFT));
}

static inline GcList *gc_list(int id)
{
    return &gc_state.lists[id];
}

static inline bool gc_list_empty(const GcList *l)
{
    return gc_next(&l->head) == &l->head;
}

/* Flag bits exist only for GC objects (gc_is_gc). */
static inline bool gc_bit(const GcHead *o, unsigned bit)
{
    return ((uintptr_t)gc_links_of(o)->tnext & bit) != 0;
}

static inline void gc_set_bit(GcHead *o, unsigned bit)
{
    GcLinks *l = gc_links_of(o);
    l->tnext = (GcLinks *)((uintptr_t)l->tnext | bit);
}

static inline void gc_clear_bit(GcHead *o, unsigned bit)
{
    GcLinks *l = gc_links_of(o);
    l->tnext = (GcLinks *)((uintptr_t)l->tnext & ~(uintptr_t)bit);
}

/* Every member l (GcLinks *) of list id, in order; the body must not unlink l. */
#define GC_FOR_EACH(l, id)                                                             \
    for (GcLinks *l = gc_next(&gc_list(id)->head); l != &gc_list(id)->head;            \
         l = gc_next(l))

/* list.c: every change of list goes through these, keeping counts and ids. */
/* Append an untracked object at the tail of list id. */
void gc_list_append(GcHead *o, int id);
/* Take o off its list (it becomes untracked). */
void gc_list_remove(GcHead *o);
/* Move o from its list to the tail of list id. */
void gc_list_move(GcHead *o, int id);
/* Append every object of list from to list to; from becomes empty. */
void gc_list_merge(int from, int to);
/* The same, leaving the moved objects' list ids stale: only for collect_main,
   whose first walk gives them their new id at once. */
void gc_list_splice(int from, int to);

/* mem.c: every block gc/ hands out, 8-byte aligned. Small blocks come from
   pools in the range gc_pools describes: GC objects (with their GcLinks) in
   its upper half, other blocks in the lower, so the collector can tell a
   referent's kind from its address, without reading the referent. */
#define GC_POOL_SIZE ((size_t)16 * 1024)
typedef struct GcPools {
    uintptr_t base;
    size_t half; /* 0: no pools, every block comes from malloc */
} GcPools;
extern GcPools gc_pools;

/* Is p inside the pool range? */
static inline bool gc_pools_hold(const void *p)
{
    return (uintptr_t)p - gc_pools.base < 2 * gc_pools.half;
}

/* For p inside the pool range: is it on the GC objects' side? */
static inline bool gc_pools_gc_side(const void *p)
{
    return (uintptr_t)p - gc_pools.base >= gc_pools.half;
}

/* gc_is_gc(o), for the collector's hot loops. */
static inline bool gc_is_gc_fast(const GcHead *o)
{
    return gc_pools_hold(o) ? gc_pools_gc_side(o) : gc_is_gc(o);
}

/* A zero-filled block of at least size bytes, for a GC object (GcLinks
   included) or for anything else; NULL when out of memory. */
void *gc_mem_alloc(size_t size, bool gc_object);
/* Keeps the contents up to the smaller size, and the kind; NULL when out of
   memory (p intact). */
void *gc_mem_realloc(void *p, size_t size);
void gc_mem_free(void *p);
/* Give back the pages of the pools that stayed empty since the last call
   (beyond a few kept for reuse); called after every full collection. */
void gc_mem_trim(void);
/* The bytes p's block occupies: its size rounded up to its size class (small
   blocks) or as requested (big ones). Deterministic for a given request. */
size_t gc_mem_size(const void *p);

/* collect.c */
/* The automatic collection of gc_alloc (CPython's gc_collect_generations),
   called with collecting already set. */
void gc_collect_auto(GcTrigger trigger);

/* weakref.c */
/* Clear every weak reference to o and run their callbacks (refcount path). */
void gc_weakrefs_clear_on_dealloc(GcHead *o);
/* The GcWeakRef a weakref owner embeds (GcType.weakref_offset), NULL for
   other objects. */
static inline GcWeakRef *gc_weakref_of_owner(const GcHead *o)
{
    size_t offset = o->type->weakref_offset;
    return offset ? (GcWeakRef *)(void *)((char *)(uintptr_t)o + offset) : NULL;
}
/* Free the side table if it is empty (gc_fini). */
void gc_weakref_table_fini(void);

/* generations.c */
void gc_debug_printf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
void gc_history_add(const GcRecord *record);

#if defined(MP_GC_DEBUG) && MP_GC_DEBUG
#define GC_VALIDATE() GC_ASSERT(gc_validate())
#else
#define GC_VALIDATE() ((void)0)
#endif

#endif
