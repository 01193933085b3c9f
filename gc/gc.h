/*
 * gc/gc.h - the public face of the object memory manager: headers, refcounts,
 * allocation with per-type accounting, tracking, and CPython 3.11's collector.
 *
 * gc/ knows nothing of Minipy. It sees an object as a GcHead whose GcType says how
 * to visit its references (traverse), break them (clear), finalize and free it.
 * Objects of a type with a traverse function get a hidden GcLinks prefix (CPython's
 * PyGC_Head) and may be tracked in a generation; others never are.
 */
#ifndef MINIPY_GC_GC_H
#define MINIPY_GC_GC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct GcHead GcHead;
typedef struct GcType GcType;

/* Every object starts with this. refcnt is the CPython ob_refcnt. */
struct GcHead {
    intptr_t refcnt;
    GcType *type;
};

/* visit returns 0 to continue, non-zero to stop the traversal (returned as is). */
typedef int (*GcVisit)(GcHead *child, void *arg);

/* Per-type accounting, maintained by gc/ on every allocation and free. */
typedef struct GcTypeStats {
    size_t live_count;
    size_t live_bytes;
} GcTypeStats;

struct GcType {
    const char *name;
    /* NULL: atomic type, never tracked, no GcLinks prefix. Visits every owned
       reference (NULL children must be skipped by the type). */
    int (*traverse)(GcHead *self, GcVisit visit, void *arg);
    /* Drop references to break a cycle; the object stays valid (maybe empty). */
    void (*clear)(GcHead *self);
    /* __del__: NULL when the type has none. Called at most once per object. */
    void (*finalize)(GcHead *self);
    /* Release everything the object owns, then gc_free(self). Never NULL. */
    void (*dealloc)(GcHead *self);
    /* sys.getsizeof's shallow size without the GC prefix (CPython __sizeof__). */
    size_t (*size)(const GcHead *self);
    /* May instances be untracked once they hold only untrackable children?
       Asked of GC_TYPE_IMMUTABLE_CONTAINER types at any collection, of the
       others after full collections (tuples and dicts, as CPython 3.11). */
    bool (*can_untrack)(GcHead *self, int generation);
    /* Weakref objects (never weakly referenced themselves): the offset of the
       GcWeakRef inside each instance. 0 for every other type. */
    size_t weakref_offset;
    GcTypeStats stats;
    /* GC_TYPE_* bits below; 0 for most types. */
    unsigned flags;
    /* gc/-private: the registry chain (gc_visit_types). Leave zero. */
    GcType *registry_next;
};

/* Instances never gain references after they are built (CPython's exact tuple):
   an untracked instance never "may be tracked" again (gc_may_be_tracked), and a
   full collection asks these types' can_untrack before the others' (CPython's
   untrack_tuples before untrack_dicts). */
#define GC_TYPE_IMMUTABLE_CONTAINER 1u

/* ==== Reference counting ==== */

/* Called when a count reaches zero: finalizer, weakrefs, then type->dealloc. */
void gc_dealloc(GcHead *o);
/* Free gc/'s own buffers (the deferred-deallocation stack) at shutdown, after
   the last object died; gc/ stays usable (it allocates them again on demand). */
void gc_fini(void);

#define GC_INCREF(o) ((void)(((GcHead *)(o))->refcnt++))
#define GC_DECREF(o)                                                                   \
    do {                                                                               \
        GcHead *gc_decref_tmp_ = (GcHead *)(o);                                        \
        if (--gc_decref_tmp_->refcnt == 0)                                             \
            gc_dealloc(gc_decref_tmp_);                                                \
    } while (0)
#define GC_XINCREF(o)                                                                  \
    do {                                                                               \
        if (o)                                                                         \
            GC_INCREF(o);                                                              \
    } while (0)
#define GC_XDECREF(o)                                                                  \
    do {                                                                               \
        if (o)                                                                         \
            GC_DECREF(o);                                                              \
    } while (0)
/* Replace *slot by NULL, then drop the old value (safe against re-entry). */
#define GC_CLEAR(slot)                                                                 \
    do {                                                                               \
        GcHead *gc_clear_tmp_ = (GcHead *)(slot);                                      \
        if (gc_clear_tmp_) {                                                           \
            (slot) = NULL;                                                             \
            GC_DECREF(gc_clear_tmp_);                                                  \
        }                                                                              \
    } while (0)

/* ==== Allocation ==== */

/* A new object of `size` bytes (GcHead included) with refcnt 1 and the given type,
   untracked, zero-filled past the header. Counts toward type->stats and, for GC
   types, generation 0's count (which may trigger a collection first, as CPython's
   _PyObject_GC_Link). NULL when the memory limit would be exceeded or malloc
   fails; the caller raises MemoryError. */
GcHead *gc_alloc(GcType *type, size_t size);
/* Grow or shrink a not-yet-tracked object's block (strings, tuples being built).
   NULL on failure, the old block intact. */
GcHead *gc_resize(GcHead *o, size_t new_size);
/* Give the block back; called only from a type's dealloc. Untracks first. */
void gc_free(GcHead *o);

/* Raw buffers an object owns (list item arrays, dict tables): counted in the
   owning type's live_bytes and in the memory limit. NULL on failure. */
void *gc_buffer_alloc(GcType *owner, size_t size);
void *gc_buffer_realloc(GcType *owner, void *p, size_t old_size, size_t new_size);
void gc_buffer_free(GcType *owner, void *p, size_t size);

/* ==== Free lists ====
   CPython 3.11 keeps up to 80 dead lists and 80 dead dicts for reuse; both ways
   bypass generation 0's count: parking a dead object does not count a free and
   taking it back does not count an allocation (so freeing 100 lists lowers
   count0 by 20 only). A parked block is no longer a live object
   (type->stats.live_count, gc_live_objects) but its bytes stay counted. */
typedef struct GcFreeList {
    GcHead **items; /* caller-provided storage for max blocks */
    size_t count;
    size_t max;
} GcFreeList;
#define GC_FREELIST_INIT(array) {(array), 0, sizeof(array) / sizeof((array)[0])}

/* From a type's dealloc, instead of gc_free(o): park o's block (contents already
   released) if there is room. false when full: then call gc_free(o). */
bool gc_freelist_push(GcFreeList *fl, GcHead *o);
/* The most recently parked block as a new object: refcnt 1, its type, zero past
   the header, untracked, no flags. NULL when empty (then use gc_alloc). */
GcHead *gc_freelist_pop(GcFreeList *fl);
/* gc_free every parked block (CPython's clear_freelists, after a full
   collection: the GcHooks.clear_freelists hook). */
void gc_freelist_clear(GcFreeList *fl);

/* 0 means no limit. Allocation past the limit fails (MemoryError, not a crash). */
void gc_set_memory_limit(size_t bytes);
size_t gc_memory_limit(void);
/* Bytes and objects currently live, everything included. */
size_t gc_live_bytes(void);
size_t gc_live_objects(void);
/* The highest gc_live_bytes() since start or since the last reset (tracemalloc's
   get_traced_memory peak); a reset starts it over at the current live bytes. */
size_t gc_peak_bytes(void);
void gc_reset_peak_bytes(void);

/* ==== Tracking ==== */

/* Append to generation 0 (CPython PyObject_GC_Track). Only for GC types. */
void gc_track(GcHead *o);
void gc_untrack(GcHead *o);
bool gc_is_tracked(const GcHead *o);
/* Statically allocated objects (builtin types, the empty tuple, small ints)
   start at this count, as CPython 3.11's immortal statics, and have no GcLinks
   prefix even when their type has a traverse function. */
#define GC_IMMORTAL_REFCNT 999999999
/* Does this object have a GcLinks prefix (CPython PyObject_IS_GC, with
   tp_is_gc telling static type objects apart)? The collector must ask this
   of every referent before touching its links. */
static inline bool gc_is_gc(const GcHead *o)
{
    return o->type->traverse != NULL && o->refcnt < GC_IMMORTAL_REFCNT / 2;
}
/* CPython's _PyObject_GC_MAY_BE_TRACKED, for containers deciding to track. */
bool gc_may_be_tracked(const GcHead *o);
/* The FINALIZED bit (gc.is_finalized). */
bool gc_is_finalized(const GcHead *o);

/* ==== Weak references ====
   A runtime weakref object embeds a GcWeakRef and attaches it to its referent. The
   referent must be a GC type; the owner must be a tracked GC object that is never
   itself weakly referenced (CPython's weakref objects are not weakrefable). gc/
   clears the reference when the referent dies: by refcount (gc_dealloc: every ref
   cleared, then the callbacks in list order) or in a collection (clear, then call
   back only refs that are not garbage themselves, before any finalizer runs). */

typedef struct GcWeakRef GcWeakRef;
/* Called after the referent is gone with the owner kept alive by gc/ for the
   call. It must return with no exception pending (report it as unraisable). */
typedef void (*GcWeakCallback)(GcWeakRef *ref);

struct GcWeakRef {
    GcHead *referent;        /* borrowed; NULL once cleared */
    GcHead *owner;           /* the weakref object that embeds this struct */
    GcWeakCallback callback; /* NULL: none */
    GcWeakRef *next;         /* gc/-private: the referent's list */
    GcWeakRef *prev;
};

/* Link `ref` into referent's list, CPython's order: a ref without callback goes
   first, one with a callback right after the first ref if that one has none.
   -1 when out of memory (nothing attached; the caller raises MemoryError). */
int gc_weakref_attach(GcWeakRef *ref, GcHead *owner, GcHead *referent,
                      GcWeakCallback callback);
/* Unlink without calling back (the owner's dealloc or clear). Idempotent. */
void gc_weakref_detach(GcWeakRef *ref);
/* The referent (borrowed) or NULL once it died. */
static inline GcHead *gc_weakref_get(const GcWeakRef *ref)
{
    return ref->referent;
}
/* First weak reference to o (follow ->next), NULL when none. */
GcWeakRef *gc_weakrefs_of(const GcHead *o);
/* May o be the referent of a weak reference (a GC object, not a weakref owner)? */
bool gc_can_weakref(const GcHead *o);

/* ==== The collector (CPython 3.11's gcmodule) ==== */

#define GC_NUM_GENERATIONS     3
/* gc.DEBUG_* flags. */
#define GC_DEBUG_STATS         1
#define GC_DEBUG_COLLECTABLE   2
#define GC_DEBUG_UNCOLLECTABLE 4
#define GC_DEBUG_SAVEALL       32
#define GC_DEBUG_LEAK          (GC_DEBUG_COLLECTABLE | GC_DEBUG_UNCOLLECTABLE | GC_DEBUG_SAVEALL)

/* What the runtime plugs in; any field may be NULL. Every hook must return with
   no exception pending. */
typedef struct GcHooks {
    /* Is an exception set? Automatic collections wait while one is. */
    bool (*exception_pending)(void);
    /* DEBUG_SAVEALL: append o to gc.garbage (the list takes its own reference). */
    void (*save_garbage)(GcHead *o);
    /* gc.callbacks: ("start", gen, 0, 0) before and ("stop", gen, m, n) after
       every collection; runs while gc_is_collecting() is true. */
    void (*on_collect)(bool start, int generation, size_t collected,
                       size_t uncollectable);
    /* Debug output (DEBUG_STATS, DEBUG_COLLECTABLE); stderr when NULL. */
    void (*debug_print)(const char *text);
    /* Name printed in "gc: collectable <Name 0x...>"; type->name when NULL. */
    const char *(*type_name)(const GcHead *o);
    /* End of every full collection (CPython's clear_freelists). */
    void (*clear_freelists)(void);
} GcHooks;

/* Copy the hooks (NULL restores the defaults). */
void gc_set_hooks(const GcHooks *hooks);

/* gc.collect(generation), generation in 0..2: returns the number of unreachable
   objects found (n + m as CPython counts), 0 when a collection is running. Works
   while automatic collection is disabled. */
size_t gc_collect_gen(int generation);
/* Is a collection (or its callbacks) running right now? */
bool gc_is_collecting(void);

void gc_enable(void);
void gc_disable(void);
bool gc_is_enabled(void);
/* gc.get_count()[g] and gc.get/set_threshold()[g], g in 0..2. */
int gc_get_count(int generation);
int gc_get_threshold(int generation);
void gc_set_threshold(int generation, int threshold);
void gc_set_debug(int flags);
int gc_get_debug(void);

typedef struct GcGenStats {
    size_t collections;
    size_t collected;
    size_t uncollectable;
} GcGenStats;
/* gc.get_stats()[g]: cumulative since start. */
GcGenStats gc_get_stats(int generation);

/* gc.freeze(): every tracked object to the permanent generation, counts zeroed. */
void gc_freeze(void);
/* gc.unfreeze(): the permanent generation back into generation 2. */
void gc_unfreeze(void);
size_t gc_get_freeze_count(void);
/* The 25% rule's inputs: survivors promoted into generation 2 since the last
   full collection, and objects left in generation 2 by it. */
size_t gc_long_lived_pending(void);
size_t gc_long_lived_total(void);

/* ==== Introspection (gc module, notebook tools) ==== */

#define GC_GEN_UNTRACKED  (-1) /* not in any generation */
#define GC_GEN_FROZEN     3    /* the permanent generation (gc.freeze) */
#define GC_GEN_COLLECTING 4    /* in a running collection's working set */

/* Which generation holds o: 0..2 or GC_GEN_*. */
int gc_generation_of(const GcHead *o);
/* Objects currently in generation 0..2 or GC_GEN_FROZEN (a counter, no walk). */
size_t gc_generation_size(int generation);

/* fn returns 0 to continue, non-zero to stop (returned by the visit). While a
   visit runs, fn may take references but must not free objects nor allocate
   GC objects (either may move objects between generations). */
typedef int (*GcObjectFn)(GcHead *o, void *arg);
/* gc.get_objects(generation): tracked objects of one generation (0..2) or of all
   three (-1), oldest generation last; frozen objects are not visited. */
int gc_visit_objects(int generation, GcObjectFn fn, void *arg);
/* gc.get_referents(o): o's traverse (nothing for non-GC objects). */
int gc_visit_referents(GcHead *o, GcVisit visit, void *arg);
/* gc.get_referrers(*targets): each object of generations 0..2 that refers to one
   of the targets, once. */
int gc_visit_referrers(GcHead *const *targets, size_t ntargets, GcObjectFn fn,
                       void *arg);
/* sys.getsizeof without managed-dict pre-headers: type->size(o) (0 if NULL)
   plus CPython's 16-byte GC header for GC types. */
size_t gc_shallow_size(const GcHead *o);

/* Types seen by gc_alloc register themselves; register a type earlier to list
   it before it has instances. Idempotent. */
void gc_type_register(GcType *type);
/* Forget a type whose storage is about to be freed (a class's dealloc). No-op if
   it was never registered. */
void gc_type_unregister(GcType *type);
/* Every registered type, in registration order (fn as in GcObjectFn). */
int gc_visit_types(int (*fn)(const GcType *type, void *arg), void *arg);

/* Dominator tree of the graph reachable from `roots` through traverse (a virtual
   root points at every root). An object's retained size is the sum of the
   shallow sizes of the objects it dominates, itself included: what would be
   freed if every path to it from the roots were cut. Borrows all objects: free
   the tree before anything it saw can die. NULL when out of memory. */
typedef struct GcDomTree GcDomTree;
GcDomTree *gc_domtree_new(GcHead *const *roots, size_t nroots);
/* The same, but the references of `opaque` (may be NULL) are not followed: it is
   a leaf. For a caller that models that object's entries as roots of their own
   (the notebook tools do so with the namespace dict, one root per name). */
GcDomTree *gc_domtree_new_opaque(GcHead *const *roots, size_t nroots,
                                 const GcHead *opaque);
void gc_domtree_free(GcDomTree *tree);
/* Objects reachable from the roots (each counted once). */
size_t gc_domtree_count(const GcDomTree *tree);
/* The i-th reachable object, i < gc_domtree_count(), in depth-first order. */
GcHead *gc_domtree_object(const GcDomTree *tree, size_t i);
/* Retained size of o; 0 when o is not reachable from the roots. */
size_t gc_domtree_retained(const GcDomTree *tree, const GcHead *o);
/* Immediate dominator of o; NULL for the roots' virtual root or unreachable o. */
GcHead *gc_domtree_idom(const GcDomTree *tree, const GcHead *o);

/* The last GC_HISTORY_SIZE collections. */
#define GC_HISTORY_SIZE 64
typedef enum GcTrigger {
    GC_TRIGGER_THRESHOLD, /* automatic, from an allocation */
    GC_TRIGGER_EXPLICIT,  /* gc_collect_gen() */
    GC_TRIGGER_STRESS     /* -DMP_GC_STRESS=1 */
} GcTrigger;
typedef struct GcRecord {
    uint64_t seq; /* 1 for the first collection since start */
    int generation;
    GcTrigger trigger;
    size_t examined; /* objects in generations 0..generation at the start */
    size_t collected;
    size_t uncollectable;
    uint64_t duration_us;
} GcRecord;
/* Copy up to max records, oldest first; returns how many. */
size_t gc_history(GcRecord *out, size_t max);

/* Check every list invariant (links, counters, flags); prints the first broken
   one to stderr and returns false. Run at each phase with -DMP_GC_DEBUG=1. */
bool gc_validate(void);

#endif
