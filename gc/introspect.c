/*
 * gc/introspect.c - owns the read-only views for the gc module and notebook
 * tools: generation of an object, per-generation sizes, get_objects,
 * get_referents, get_referrers and shallow sizes.
 *
 * Everything is callback based so gc/ never builds Minipy lists. Retained sizes
 * (dominators) are in dominators.c.
 */
#include "gc_internal.h"

int gc_generation_of(const GcHead *o)
{
    if (!gc_is_gc(o))
        return GC_GEN_UNTRACKED;
    switch (gc_list_id(o)) {
    case GC_LIST_NONE:
        return GC_GEN_UNTRACKED;
    case GC_LIST_GEN0:
        return 0;
    case GC_LIST_GEN1:
        return 1;
    case GC_LIST_GEN2:
        return 2;
    case GC_LIST_PERMANENT:
        return GC_GEN_FROZEN;
    default:
        return GC_GEN_COLLECTING;
    }
}

size_t gc_generation_size(int generation)
{
    if (generation == GC_GEN_FROZEN)
        return gc_list(GC_LIST_PERMANENT)->count;
    GC_ASSERT(generation >= 0 && generation < GC_NUM_GENERATIONS);
    return gc_list(GC_LIST_GEN0 + generation)->count;
}

static int visit_list(int id, GcObjectFn fn, void *arg)
{
    GcLinks *head = &gc_list(id)->head;
    for (GcLinks *l = gc_next(head); l != head; l = gc_next(l)) {
        int r = fn(gc_head_of(l), arg);
        if (r)
            return r;
    }
    return 0;
}

int gc_visit_objects(int generation, GcObjectFn fn, void *arg)
{
    if (generation >= 0) {
        GC_ASSERT(generation < GC_NUM_GENERATIONS);
        return visit_list(GC_LIST_GEN0 + generation, fn, arg);
    }
    for (int i = 0; i < GC_NUM_GENERATIONS; i++) {
        int r = visit_list(GC_LIST_GEN0 + i, fn, arg);
        if (r)
            return r;
    }
    return 0;
}

int gc_visit_referents(GcHead *o, GcVisit visit, void *arg)
{
    if (!gc_is_gc(o))
        return 0;
    return o->type->traverse(o, visit, arg);
}

typedef struct Targets {
    GcHead *const *items;
    size_t count;
} Targets;

static int refers_to(GcHead *child, void *arg)
{
    const Targets *t = arg;
    for (size_t i = 0; i < t->count; i++)
        if (t->items[i] == child)
            return 1;
    return 0;
}

int gc_visit_referrers(GcHead *const *targets, size_t ntargets, GcObjectFn fn,
                       void *arg)
{
    Targets t = {targets, ntargets};
    for (int i = 0; i < GC_NUM_GENERATIONS; i++) {
        GcLinks *head = &gc_list(GC_LIST_GEN0 + i)->head;
        for (GcLinks *l = gc_next(head); l != head; l = gc_next(l)) {
            GcHead *o = gc_head_of(l);
            if (!o->type->traverse(o, refers_to, &t))
                continue;
            int r = fn(o, arg);
            if (r)
                return r;
        }
    }
    return 0;
}

/* CPython's sizeof(PyGC_Head), which sys.getsizeof adds for GC types. */
#define CPYTHON_GC_HEAD_SIZE 16

size_t gc_shallow_size(const GcHead *o)
{
    size_t size = o->type->size ? o->type->size(o) : 0;
    return size + (gc_is_gc(o) ? CPYTHON_GC_HEAD_SIZE : 0);
}
