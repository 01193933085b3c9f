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
       (tuples at any collection, dicts at full collections, as CPython 3.11). */
    bool (*can_untrack)(GcHead *self, int generation);
    GcTypeStats stats;
};

/* ==== Reference counting ==== */

/* Called when a count reaches zero: finalizer, weakrefs, then type->dealloc. */
void gc_dealloc(GcHead *o);

#define GC_INCREF(o) ((void)(((GcHead *)(o))->refcnt++))
#define GC_DECREF(o)                                                           \
    do {                                                                       \
        GcHead *gc_decref_tmp_ = (GcHead *)(o);                                \
        if (--gc_decref_tmp_->refcnt == 0)                                     \
            gc_dealloc(gc_decref_tmp_);                                        \
    } while (0)
#define GC_XINCREF(o)                                                          \
    do {                                                                       \
        if (o)                                                                 \
            GC_INCREF(o);                                                      \
    } while (0)
#define GC_XDECREF(o)                                                          \
    do {                                                                       \
        if (o)                                                                 \
            GC_DECREF(o);                                                      \
    } while (0)
/* Replace *slot by NULL, then drop the old value (safe against re-entry). */
#define GC_CLEAR(slot)                                                         \
    do {                                                                       \
        GcHead *gc_clear_tmp_ = (GcHead *)(slot);                              \
        if (gc_clear_tmp_) {                                                   \
            (slot) = NULL;                                                     \
            GC_DECREF(gc_clear_tmp_);                                          \
        }                                                                      \
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

/* 0 means no limit. Allocation past the limit fails (MemoryError, not a crash). */
void gc_set_memory_limit(size_t bytes);
size_t gc_memory_limit(void);
/* Bytes and objects currently live, everything included. */
size_t gc_live_bytes(void);
size_t gc_live_objects(void);

/* ==== Tracking ==== */

/* Append to generation 0 (CPython PyObject_GC_Track). Only for GC types. */
void gc_track(GcHead *o);
void gc_untrack(GcHead *o);
bool gc_is_tracked(const GcHead *o);
/* Does the type have a GcLinks prefix (CPython PyObject_IS_GC)? */
static inline bool gc_is_gc(const GcHead *o)
{
    return o->type->traverse != NULL;
}
/* CPython's _PyObject_GC_MAY_BE_TRACKED, for containers deciding to track. */
bool gc_may_be_tracked(const GcHead *o);
/* The FINALIZED bit (gc.is_finalized). */
bool gc_is_finalized(const GcHead *o);

#endif
