/*
 * gc/gc_internal.h - what the gc/ sources share: block layout, GC lists, the one
 * GcState.
 *
 * Every block is [GcLinks (GC types only)][GcBlock][GcHead ...object]. GcLinks is
 * CPython's PyGC_Head without its bit packing: list links, gc_refs while a
 * collection runs, and the weakref list head. GcBlock carries the block size
 * (for exact accounting) and the flag bits plus the id of the list holding it.
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
    intptr_t refs; /* gc_refs, meaningful only inside a collection */
    /* Weak references to this object; for a weakref owner, its own GcWeakRef
       (GC_BIT_WEAKREF_OWNER), since weakref objects are never weakly referenced. */
    GcWeakRef *weakrefs;
};

typedef struct GcBlock {
    size_t size;   /* bytes malloc'd for the whole block */
    uint32_t bits; /* GC_BIT_* and the list id (GC_LIST_SHIFT) */
    uint32_t pad;
} GcBlock;

#define GC_BIT_FINALIZED     1u /* finalize ran (PEP 442) */
#define GC_BIT_COLLECTING    2u /* in the set being collected */
#define GC_BIT_WEAKREF_OWNER 4u /* links->weakrefs is the object's own GcWeakRef */
#define GC_LIST_SHIFT        8

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

static inline GcBlock *gc_block_of(const GcHead *o)
{
    return (GcBlock *)((char *)(uintptr_t)o - sizeof(GcBlock));
}

static inline GcLinks *gc_links_of(const GcHead *o)
{
    return (GcLinks *)((char *)gc_block_of(o) - sizeof(GcLinks));
}

static inline GcHead *gc_head_of(const GcLinks *l)
{
    return (GcHead *)((char *)(uintptr_t)l + sizeof(GcLinks) + sizeof(GcBlock));
}

static inline int gc_list_id(const GcHead *o)
{
    return (int)(gc_block_of(o)->bits >> GC_LIST_SHIFT);
}

static inline GcList *gc_list(int id)
{
    return &gc_state.lists[id];
}

static inline bool gc_list_empty(const GcList *l)
{
    return l->head.next == &l->head;
}

static inline bool gc_bit(const GcHead *o, uint32_t bit)
{
    return (gc_block_of(o)->bits & bit) != 0;
}

static inline void gc_set_bit(GcHead *o, uint32_t bit)
{
    gc_block_of(o)->bits |= bit;
}

static inline void gc_clear_bit(GcHead *o, uint32_t bit)
{
    gc_block_of(o)->bits &= ~bit;
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
