/*
 * gc/alloc.c - owns object and buffer memory: allocation with exact per-type
 * accounting, the memory limit, tracking, and the type registry.
 *
 * gc_alloc() is where CPython 3.11's automatic collection starts: the
 * generation-0 count goes up and, past threshold 0, a collection runs before
 * the new (still untracked) object is returned (_PyObject_GC_Link).
 *
 * No block stores its size: an object's bytes are its block's size as mem.c
 * tells it (the request rounded up to a size class), asked at allocation,
 * resize and free alike, so live_bytes stays exact and deterministic.
 */
#include "gc_internal.h"

#include <string.h>

static size_t prefix_size(const GcType *type)
{
    return type->traverse ? sizeof(GcLinks) : 0;
}

static void *block_start(GcHead *o)
{
    return gc_is_gc(o) ? (void *)gc_links_of(o) : (void *)o;
}

static bool over_limit(size_t extra)
{
    size_t limit = gc_state.memory_limit;
    return limit != 0 && (extra > limit || gc_state.live_bytes > limit - extra);
}

static void account(GcType *type, size_t bytes, bool add)
{
    if (add) {
        gc_state.live_bytes += bytes;
        if (gc_state.live_bytes > gc_state.peak_bytes)
            gc_state.peak_bytes = gc_state.live_bytes;
        if (type)
            type->stats.live_bytes += bytes;
    } else {
        gc_state.live_bytes -= bytes;
        if (type)
            type->stats.live_bytes -= bytes;
    }
}

void gc_type_register(GcType *type)
{
    if (type->registry_next != NULL || gc_state.types_last == type)
        return;
    if (gc_state.types_last)
        gc_state.types_last->registry_next = type;
    else
        gc_state.types_first = type;
    gc_state.types_last = type;
}

void gc_type_unregister(GcType *type)
{
    GcType *prev = NULL;
    for (GcType *t = gc_state.types_first; t != NULL; prev = t, t = t->registry_next) {
        if (t != type)
            continue;
        if (prev)
            prev->registry_next = t->registry_next;
        else
            gc_state.types_first = t->registry_next;
        if (gc_state.types_last == t)
            gc_state.types_last = prev;
        t->registry_next = NULL;
        return;
    }
}

int gc_visit_types(int (*fn)(const GcType *type, void *arg), void *arg)
{
    for (GcType *t = gc_state.types_first; t != NULL; t = t->registry_next) {
        int r = fn(t, arg);
        if (r)
            return r;
    }
    return 0;
}

/* As _PyObject_GC_Link: count the allocation, then maybe collect. */
static void link_gc_allocation(void)
{
    bool (*pending)(void) = gc_state.hooks.exception_pending;
    gc_state.count[0]++;
#if defined(MP_GC_STRESS) && MP_GC_STRESS
    if (gc_state.enabled && !gc_state.collecting && !(pending && pending())) {
        gc_state.collecting = true;
        gc_collect_auto(GC_TRIGGER_STRESS);
        gc_state.collecting = false;
    }
#endif
    if (gc_state.count[0] > gc_state.threshold[0] && gc_state.enabled &&
        gc_state.threshold[0] != 0 && !gc_state.collecting && !(pending && pending())) {
        gc_state.collecting = true;
        gc_collect_auto(GC_TRIGGER_THRESHOLD);
        gc_state.collecting = false;
    }
}

GcHead *gc_alloc(GcType *type, size_t size)
{
    GC_ASSERT(type != NULL && type->dealloc != NULL && size >= sizeof(GcHead));
    size_t prefix = prefix_size(type);
    if (size > SIZE_MAX - prefix || over_limit(prefix + size))
        return NULL;
    size_t total = prefix + size;
    char *p = gc_mem_alloc(total, prefix != 0);
    if (p == NULL)
        return NULL;
    GC_ASSERT(prefix == 0 || ((uintptr_t)p & GC_TAG_MASK) == 0); /* tag bits */
    GcHead *o = (GcHead *)(p + prefix);
    o->refcnt = 1;
    o->type = type;
    gc_type_register(type);
    account(type, gc_mem_size(p), true);
    type->stats.live_count++;
    gc_state.live_objects++;
    if (type->traverse)
        link_gc_allocation();
    return o;
}

GcHead *gc_resize(GcHead *o, size_t new_size)
{
    GC_ASSERT(new_size >= sizeof(GcHead));
    GC_ASSERT(!gc_is_gc(o) || (gc_next(gc_links_of(o)) == NULL &&
                               !gc_bit(o, GC_BIT_WEAKREFS)));
    size_t prefix = prefix_size(o->type);
    size_t old_total = gc_mem_size(block_start(o));
    if (new_size > SIZE_MAX - prefix)
        return NULL;
    size_t total = prefix + new_size;
    if (total > old_total && over_limit(total - old_total))
        return NULL;
    char *p = gc_mem_realloc(block_start(o), total);
    if (p == NULL)
        return NULL;
    GC_ASSERT(prefix == 0 || ((uintptr_t)p & GC_TAG_MASK) == 0);
    o = (GcHead *)(p + prefix);
    account(o->type, old_total, false);
    account(o->type, gc_mem_size(p), true);
    return o;
}

void gc_free(GcHead *o)
{
    GcType *type = o->type;
    if (gc_is_gc(o)) {
        gc_untrack(o);
        if (gc_state.count[0] > 0)
            gc_state.count[0]--;
        GC_ASSERT(!gc_bit(o, GC_BIT_WEAKREFS));
    }
    account(type, gc_mem_size(block_start(o)), false);
    type->stats.live_count--;
    gc_state.live_objects--;
    gc_mem_free(block_start(o));
}

/* ==== Free lists ==== */

bool gc_freelist_push(GcFreeList *fl, GcHead *o)
{
    if (fl->count == fl->max)
        return false;
    if (gc_is_gc(o)) {
        gc_untrack(o);
        GC_ASSERT(!gc_bit(o, GC_BIT_WEAKREFS));
    }
    o->type->stats.live_count--;
    gc_state.live_objects--;
    fl->items[fl->count++] = o;
    return true;
}

GcHead *gc_freelist_pop(GcFreeList *fl)
{
    if (fl->count == 0)
        return NULL;
    GcHead *o = fl->items[--fl->count];
    GcType *type = o->type;
    size_t size = gc_mem_size(block_start(o)) - prefix_size(type);
    if (type->traverse)
        memset(gc_links_of(o), 0, sizeof(GcLinks));
    memset(o, 0, size);
    o->refcnt = 1;
    o->type = type;
    type->stats.live_count++;
    gc_state.live_objects++;
    return o;
}

void gc_freelist_clear(GcFreeList *fl)
{
    while (fl->count > 0) {
        GcHead *o = fl->items[--fl->count];
        o->type->stats.live_count++;
        gc_state.live_objects++;
        gc_free(o);
    }
}

void *gc_buffer_alloc(GcType *owner, size_t size)
{
    if (over_limit(size))
        return NULL;
    void *p = gc_mem_alloc(size, false);
    if (p != NULL)
        account(owner, size, true);
    return p;
}

void *gc_buffer_realloc(GcType *owner, void *p, size_t old_size, size_t new_size)
{
    if (new_size > old_size && over_limit(new_size - old_size))
        return NULL;
    void *q = gc_mem_realloc(p, new_size);
    if (q == NULL)
        return NULL;
    account(owner, old_size, false);
    account(owner, new_size, true);
    return q;
}

void gc_buffer_free(GcType *owner, void *p, size_t size)
{
    if (p == NULL)
        return;
    account(owner, size, false);
    gc_mem_free(p);
}

void gc_set_memory_limit(size_t bytes)
{
    gc_state.memory_limit = bytes;
}

size_t gc_memory_limit(void)
{
    return gc_state.memory_limit;
}

size_t gc_live_bytes(void)
{
    return gc_state.live_bytes;
}

size_t gc_live_objects(void)
{
    return gc_state.live_objects;
}

size_t gc_peak_bytes(void)
{
    return gc_state.peak_bytes;
}

void gc_reset_peak_bytes(void)
{
    gc_state.peak_bytes = gc_state.live_bytes;
}

/* ==== Tracking ==== */

void gc_track(GcHead *o)
{
    GC_ASSERT(gc_is_gc(o) && gc_next(gc_links_of(o)) == NULL);
    gc_list_append(o, GC_LIST_GEN0);
}

/* As _PyObject_GC_UNTRACK: only FINALIZED survives among the collection bits. */
void gc_untrack(GcHead *o)
{
    if (gc_next(gc_links_of(o)) == NULL)
        return;
    gc_list_remove(o);
    gc_clear_bit(o, GC_BIT_COLLECTING);
}

bool gc_is_tracked(const GcHead *o)
{
    return gc_is_gc(o) && gc_next(gc_links_of(o)) != NULL;
}

bool gc_may_be_tracked(const GcHead *o)
{
    if (!gc_is_gc(o))
        return false;
    return !(o->type->flags & GC_TYPE_IMMUTABLE_CONTAINER) || gc_is_tracked(o);
}

bool gc_is_finalized(const GcHead *o)
{
    return gc_is_gc(o) && gc_bit(o, GC_BIT_FINALIZED);
}
