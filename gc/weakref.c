/*
 * gc/weakref.c - owns weak references: the per-referent lists and their
 * clearing when a referent dies by refcount.
 *
 * A referent's list head lives in its GcLinks. The collector's own clearing
 * (handle_weakrefs) is in collect.c; both follow CPython 3.11's order: clear
 * every reference first, only then call back.
 */
#include "gc_internal.h"

GcWeakRef *gc_weakref_of_owner(const GcHead *o)
{
    if (!gc_is_gc(o) || !gc_bit(o, GC_BIT_WEAKREF_OWNER))
        return NULL;
    return gc_links_of(o)->weakrefs;
}

bool gc_can_weakref(const GcHead *o)
{
    return gc_is_gc(o) && !gc_bit(o, GC_BIT_WEAKREF_OWNER);
}

GcWeakRef *gc_weakrefs_of(const GcHead *o)
{
    return gc_can_weakref(o) ? gc_links_of(o)->weakrefs : NULL;
}

void gc_weakref_attach(GcWeakRef *ref, GcHead *owner, GcHead *referent,
                       GcWeakCallback callback)
{
    GC_ASSERT(gc_can_weakref(referent));
    GC_ASSERT(gc_is_gc(owner) && gc_links_of(owner)->weakrefs == NULL);
    gc_set_bit(owner, GC_BIT_WEAKREF_OWNER);
    gc_links_of(owner)->weakrefs = ref;
    ref->owner = owner;
    ref->referent = referent;
    ref->callback = callback;

    GcWeakRef **list = &gc_links_of(referent)->weakrefs;
    GcWeakRef *head = *list;
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
        *list = ref;
    }
}

void gc_weakref_detach(GcWeakRef *ref)
{
    if (ref->referent == NULL)
        return;
    if (ref->prev)
        ref->prev->next = ref->next;
    else
        gc_links_of(ref->referent)->weakrefs = ref->next;
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
    GcLinks *links = gc_links_of(o);
    GcWeakRef *first = NULL, *last = NULL;
    GcWeakRef *ref;
    while ((ref = links->weakrefs) != NULL) {
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
