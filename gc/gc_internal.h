/*
 * gc/gc_internal.h - what the gc/ sources share: block layout, GC lists, the one
 * GcState.
 *
 * A block of a GC type is [GcLinks][GcHead ...object]; any other object has no
 * prefix at all. GcLinks is CPython's PyGC_Head plus one word: the list links,
 * then the flag bits, the id of the list holding the object and, while a
 * collection runs, gc_refs. Block sizes come from malloc_usable_size(), and weak
 * reference lists live in a side table (weakref.c) keyed by object address.
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
struct GcLinks {
    GcLinks *next; /* NULL: not tracked */
    GcLinks *prev;
    /* GC_BIT_* (low bits), the list id (GC_LIST_SHIFT) and, meaningful only
       inside a collection, gc_refs (GC_REFS_SHIFT, signed). */
    uintptr_t bits;
};

#define GC_BIT_FINALIZED     1u /* finalize ran (PEP 442) */
#define GC_BIT_COLLECTING    2u /* in the set being collected */
#define GC_BIT_WEAKREF_OWNER 4u /* the side table holds the object's own GcWeakRef */
#define GC_BIT_WEAKREFS      8u /* the side table holds its non-empty weakref list */
#define GC_LIST_SHIFT        4
#define GC_LIST_MASK         ((uintptr_t)0xf << GC_LIST_SHIFT)
#define GC_REFS_SHIFT        8

/* Every list an object can be on. The temporaries exist only inside a collection
   (collections never nest), so a fixed table replaces CPython's stack heads. */
enum GcListId {
    GC_LIST_NONE = 0, /* untracked */
    GC_LIST_GEN0,
    GC_LIST_GEN1,
    GC_LIST_GEN2,
    GC_LIST_PERMANENT,
    GC_LIST_UNREACHABLE, /* tentatively, then surely, garbage */
    GC_LIST_WRCB,        /* weakrefs whose callbacks are due */
    GC_LIST_SEEN,        /* finalize_garbage's already-visited objects */
    GC_LIST_FINAL,       /* garbage that survived the resurrection check */
    GC_LIST_COUNT
};

typedef struct GcList {
    GcLinks head;
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

static inline int gc_list_id(const GcHead *o)
{
    return (int)((gc_links_of(o)->bits & GC_LIST_MASK) >> GC_LIST_SHIFT);
}

/* gc_refs, stored above the flags and list id (arithmetic shift keeps a
   negative count negative, as a plain intptr_t field would). */
static inline intptr_t gc_get_refs(const GcLinks *l)
{
    return (intptr_t)l->bits >> GC_REFS_SHIFT;
}

static inline void gc_set_refs(GcLinks *l, intptr_t refs)
{
    l->bits = (l->bits & (((uintptr_t)1 << GC_REFS_SHIFT) - 1)) |
              ((uintptr_t)refs << GC_REFS_SHIFT);
}

static inline void gc_decref_refs(GcLinks *l)
{
    l->bits -= (uintptr_t)1 << GC_REFS_SHIFT;
}

static inline GcList *gc_list(int id)
{
    return &gc_state.lists[id];
}

static inline bool gc_list_empty(const GcList *l)
{
    return l->head.next == &l->head;
}

/* Flag bits exist only for GC objects (gc_is_gc). */
static inline bool gc_bit(const GcHead *o, unsigned bit)
{
    return (gc_links_of(o)->bits & bit) != 0;
}

static inline void gc_set_bit(GcHead *o, unsigned bit)
{
    gc_links_of(o)->bits |= bit;
}

static inline void gc_clear_bit(GcHead *o, unsigned bit)
{
    gc_links_of(o)->bits &= ~(uintptr_t)bit;
}

/* list.c: every change of list goes through these, keeping counts and ids. */
/* Append an untracked object at the tail of list id. */
void gc_list_append(GcHead *o, int id);
/* Take o off its list (it becomes untracked). */
void gc_list_remove(GcHead *o);
/* Move o from its list to the tail of list id. */
void gc_list_move(GcHead *o, int id);
/* Append every object of list from to list to; from becomes empty. */
void gc_list_merge(int from, int to);

/* collect.c */
/* The automatic collection of gc_alloc (CPython's gc_collect_generations),
   called with collecting already set. */
void gc_collect_auto(GcTrigger trigger);

/* weakref.c */
/* Clear every weak reference to o and run their callbacks (refcount path). */
void gc_weakrefs_clear_on_dealloc(GcHead *o);
/* The GcWeakRef a weakref owner embeds, NULL for other objects. */
GcWeakRef *gc_weakref_of_owner(const GcHead *o);
/* Drop a dying weakref owner's side-table entry (gc_free). */
void gc_weakref_forget_owner(GcHead *o);
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
