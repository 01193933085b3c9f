/*
 * gc/dealloc.c - owns what happens when a refcount reaches zero: the finalizer
 * with temporary resurrection, weakref clearing, then the type's dealloc.
 *
 * Deallocation cascades (a dealloc drops references, which deallocs more). As
 * CPython's Py_TRASHCAN, past TRASHCAN_DEPTH nested GC deallocations an object
 * is parked on a deferred stack and destroyed once the outermost one returns,
 * so freeing a million-long chain uses bounded C stack.
 */
#include "gc_internal.h"

#define TRASHCAN_DEPTH 50 /* CPython's PyTrash_UNWIND_LEVEL */

static int dealloc_depth;
static GcHead **deferred;
static size_t deferred_count;
static size_t deferred_cap;

/* Park o; false when the stack cannot grow (then o is destroyed at once). */
static bool defer(GcHead *o)
{
    if (deferred_count == deferred_cap) {
        size_t cap = deferred_cap ? 2 * deferred_cap : 64;
        GcHead **p = realloc(deferred, cap * sizeof *p);
        if (p == NULL)
            return false;
        deferred = p;
        deferred_cap = cap;
    }
    /* A parked object must be invisible to collections (refcnt 0). */
    gc_untrack(o);
    deferred[deferred_count++] = o;
    return true;
}

/* After this, o is freed, or alive again because its finalizer resurrected it
   (then it is tracked in generation 0, as CPython's subtype_dealloc leaves it). */
static void destroy(GcHead *o)
{
    GcType *type = o->type;
    bool gc = gc_is_gc(o);
    if (gc)
        gc_untrack(o);
    if (type->finalize && !(gc && gc_bit(o, GC_BIT_FINALIZED))) {
        if (gc)
            gc_track(o);
        o->refcnt = 1; /* temporary resurrection */
        type->finalize(o);
        if (gc)
            gc_set_bit(o, GC_BIT_FINALIZED); /* after the call on this path */
        GC_ASSERT(o->refcnt > 0);
        if (--o->refcnt != 0)
            return; /* resurrected */
        if (gc)
            gc_untrack(o);
    }
    if (gc && gc_bit(o, GC_BIT_WEAKREFS))
        gc_weakrefs_clear_on_dealloc(o);
    GC_ASSERT(o->refcnt == 0);
    type->dealloc(o);
}

void gc_dealloc(GcHead *o)
{
    GC_ASSERT(o->refcnt == 0);
    if (!gc_is_gc(o)) {
        destroy(o);
        return;
    }
    if (dealloc_depth >= TRASHCAN_DEPTH && defer(o))
        return;
    dealloc_depth++;
    destroy(o);
    dealloc_depth--;
    if (dealloc_depth == 0 && deferred_count > 0) {
        /* Depth 1 while draining, as _PyTrash_thread_destroy_chain. */
        dealloc_depth = 1;
        while (deferred_count > 0)
            destroy(deferred[--deferred_count]);
        dealloc_depth = 0;
    }
}

void gc_fini(void)
{
    GC_ASSERT(dealloc_depth == 0 && deferred_count == 0);
    free(deferred);
    deferred = NULL;
    deferred_cap = 0;
    gc_weakref_table_fini();
}
