/*
 * gc/list.c - intrusive doubly linked GC lists and their invariant checker.
 *
 * Each list keeps a count, and each member records the list's id in its link
 * bits, so generation sizes and gc_generation_of() cost nothing. gc_validate()
 * is CPython's validate_list for all lists at once.
 */
#include "gc_internal.h"

void gc_list_append(GcHead *o, int id)
{
    GcLinks *node = gc_links_of(o);
    GcList *list = gc_list(id);
    GcLinks *last = gc_prev(&list->head);
    gc_set_prev(node, last);
    gc_set_next(node, &list->head);
    gc_set_next(last, node);
    gc_set_prev(&list->head, node);
    list->count++;
    gc_set_list_id(o, id);
}

void gc_list_remove(GcHead *o)
{
    GcLinks *node = gc_links_of(o);
    GcList *list = gc_list(gc_list_id(o));
    GC_ASSERT(gc_next(node) != NULL && list->count > 0);
    gc_set_next(gc_prev(node), gc_next(node));
    gc_set_prev(gc_next(node), gc_prev(node));
    node->tnext = (GcLinks *)((uintptr_t)node->tnext & GC_TAG_MASK);
    node->tprev = NULL;
    list->count--;
    gc_set_list_id(o, GC_LIST_NONE);
}

void gc_list_move(GcHead *o, int id)
{
    gc_list_remove(o);
    gc_list_append(o, id);
}

void gc_list_splice(int from, int to)
{
    GcList *src = gc_list(from);
    GcList *dst = gc_list(to);
    GC_ASSERT(from != to);
    if (gc_list_empty(src))
        return;
    GcLinks *tail = gc_prev(&dst->head);
    gc_set_next(tail, gc_next(&src->head));
    gc_set_prev(gc_next(&src->head), tail);
    gc_set_prev(&dst->head, gc_prev(&src->head));
    gc_set_next(gc_prev(&dst->head), &dst->head);
    dst->count += src->count;
    src->head.tnext = src->head.tprev = &src->head;
    src->count = 0;
}

/* The ids are rewritten member by member: O(len(from)), which a collection pays
   anyway by walking the same objects. */
void gc_list_merge(int from, int to)
{
    GC_FOR_EACH(l, from)
    {
        gc_set_list_id(gc_head_of(l), to);
    }
    gc_list_splice(from, to);
}

/* ==== Invariants ==== */

static bool fail(const char *what, int id, const GcHead *o)
{
    fprintf(stderr, "gc_validate: list %d: %s (object %p)\n", id, what,
            (const void *)o);
    return false;
}

/* Links are mutual, members carry their list's id and a GC type, the count is
   exact; outside a collection the temporaries are empty and no COLLECTING bit
   remains; a weakref list points back at its owner. */
bool gc_validate(void)
{
    for (int id = 1; id < GC_LIST_COUNT; id++) {
        GcList *list = gc_list(id);
        size_t n = 0;
        GcLinks *prev = &list->head;
        for (GcLinks *l = gc_next(&list->head); l != &list->head; l = gc_next(l)) {
            GcHead *o = gc_head_of(l);
            if ((uintptr_t)l & GC_TAG_MASK)
                return fail("member not aligned", id, o);
            if (gc_prev(l) != prev)
                return fail("prev link broken", id, o);
            if (gc_list_id(o) != id)
                return fail("member carries another list id", id, o);
            if (o->type == NULL || o->type->traverse == NULL)
                return fail("member is not of a GC type", id, o);
            if (o->refcnt <= 0)
                return fail("member has a refcount <= 0", id, o);
            if (!gc_state.collecting && gc_bit(o, GC_BIT_COLLECTING))
                return fail("COLLECTING outside a collection", id, o);
            if (o->type->weakref_offset != 0 && gc_bit(o, GC_BIT_WEAKREFS))
                return fail("weakref owner is weakly referenced", id, o);
            if (gc_bit(o, GC_BIT_WEAKREFS) && gc_weakrefs_of(o) == NULL)
                return fail("WEAKREFS set with no weakref list", id, o);
            for (GcWeakRef *r = gc_weakrefs_of(o); r != NULL; r = r->next)
                if (r->referent != o || (r->next && r->next->prev != r))
                    return fail("weakref list broken", id, o);
            prev = l;
            if (++n > list->count)
                return fail("more members than counted", id, o);
        }
        if (gc_prev(&list->head) != prev)
            return fail("tail link broken", id, NULL);
        if (n != list->count)
            return fail("fewer members than counted", id, NULL);
        if (!gc_state.collecting && id > GC_LIST_PERMANENT && n != 0)
            return fail("temporary list not empty outside a collection", id, NULL);
    }
    return true;
}
