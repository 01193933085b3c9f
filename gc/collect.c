/*
 * gc/collect.c - finds and frees unreachable cycles in one generation.
 *
 * Same phases and counts as CPython 3.11's collector. Read collect_main() first:
 * it calls each phase below in order. Invariants are checked by gc_validate()
 * between phases when built with -DMP_GC_DEBUG=1.
 */
#include "gc_internal.h"

#include <time.h>

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* ==== Finding the unreachable set ==== */

/* The set being collected: the objects of lists lo..hi, all linked into base
   (collect_main splices the younger generations in without rewriting their
   list ids; each object gets base's id when it gets its gc_refs). */
typedef struct Set {
    int lo, hi, base;
} Set;

/* An object of the set gets its gc_refs when first met, as itself or as a
   referent: its refcount, and COLLECTING. gc_refs overwrites the prev link, so
   the list is singly linked until move_unreachable restores the links. */
static void start_refs(GcHead *o, int base)
{
    /* A tracked object with refcount 0 is a dealloc that forgot to untrack. */
    GC_ASSERT(o->refcnt > 0);
    GcLinks *l = gc_links_of(o);
    l->tprev = (GcLinks *)(((uintptr_t)o->refcnt << GC_REFS_SHIFT) | (uintptr_t)base);
    gc_set_bit(o, GC_BIT_COLLECTING);
}

static int visit_decref(GcHead *child, void *arg)
{
    if (child == NULL || !gc_is_gc_fast(child))
        return 0;
    if (!gc_bit(child, GC_BIT_COLLECTING)) {
        const Set *set = arg;
        int id = gc_list_id(child);
        if (id < set->lo || id > set->hi)
            return 0; /* not in the set */
        start_refs(child, set->base);
    }
    gc_decref_refs(gc_links_of(child));
    return 0;
}

/* CPython's update_refs and subtract_refs in one walk. After it, every object
   of the set has base's id, COLLECTING and gc_refs = the references from
   outside the set: those > 0 are directly reachable from outside; gc_refs is
   never negative. */
static void subtract_refs(Set *set)
{
    GC_FOR_EACH(l, set->base)
    {
        GcHead *o = gc_head_of(l);
        if (!gc_bit(o, GC_BIT_COLLECTING))
            start_refs(o, set->base);
        o->type->traverse(o, visit_decref, set);
    }
}

typedef struct Reach {
    int base;
    int unreachable;
    int generation; /* -1: untrack nothing */
    bool pending;   /* the object being scanned holds an immutable container
                       that is still COLLECTING (not scanned yet, or parked) */
    GcHead **later; /* mutable containers to ask again once all are scanned */
    size_t nlater, later_cap;
    bool later_lost; /* out of memory for later: ask every survivor at the end */
} Reach;

static int visit_reachable(GcHead *child, void *arg)
{
    Reach *r = arg;
    if (child == NULL || !gc_is_gc_fast(child) || !gc_bit(child, GC_BIT_COLLECTING))
        return 0; /* another generation, or already scanned */
    GcLinks *l = gc_links_of(child);
    if (child->type->flags & GC_TYPE_IMMUTABLE_CONTAINER)
        r->pending = true;
    if (gc_list_id(child) == r->unreachable) {
        /* parked too early: back to the tail of base, to be scanned again (the
           unreachable list is doubly linked, and base's tail link is valid) */
        gc_list_move(child, r->base);
        gc_set_refs(l, 1);
    } else if (gc_get_refs(l) == 0) {
        gc_set_refs(l, 1); /* not scanned yet; now known reachable */
    } else {
        GC_ASSERT(gc_get_refs(l) > 0);
    }
    return 0;
}

/* Take l off base by hand (its prev word holds gc_refs): it becomes untracked. */
static void unlink_scanned(GcList *list, GcLinks *prev, GcLinks *l)
{
    gc_set_next(prev, gc_next(l));
    list->count--;
    l->tprev = NULL;
    l->tnext = (GcLinks *)((uintptr_t)l->tnext & GC_TAG_MASK);
}

static void ask_later(Reach *r, GcHead *o)
{
    if (r->nlater == r->later_cap) {
        size_t cap = r->later_cap ? 2 * r->later_cap : 256;
        GcHead **later = realloc(r->later, cap * sizeof *later);
        if (later == NULL) {
            r->later_lost = true;
            return;
        }
        r->later = later;
        r->later_cap = cap;
    }
    r->later[r->nlater++] = o;
}

/* Does a reachable object, just scanned, leave the lists? CPython asks the
   survivors in two walks after move_unreachable: tuples (every collection),
   then dicts (full collections). Asking as each object is scanned gives the
   same answers: the tuples are asked in the same order, and a dict holding an
   immutable container whose answer is not known yet is asked at the end. */
static bool untrack_now(Reach *r, GcHead *o)
{
    const GcType *t = o->type;
    if (r->generation < 0 || t->can_untrack == NULL)
        return false;
    if (t->flags & GC_TYPE_IMMUTABLE_CONTAINER)
        return t->can_untrack(o, r->generation);
    if (r->generation != GC_NUM_GENERATIONS - 1)
        return false;
    if (r->pending) {
        ask_later(r, o);
        return false;
    }
    return t->can_untrack(o, r->generation);
}

/* The dicts untrack_now left for the end (or, out of memory, every survivor
   of a mutable type). */
static void untrack_later(Reach *r)
{
    if (r->later_lost) {
        GcLinks *head = &gc_list(r->base)->head;
        for (GcLinks *l = gc_next(head), *next; l != head; l = next) {
            next = gc_next(l);
            GcHead *o = gc_head_of(l);
            const GcType *t = o->type;
            if (t->can_untrack != NULL && !(t->flags & GC_TYPE_IMMUTABLE_CONTAINER) &&
                t->can_untrack(o, r->generation))
                gc_untrack(o);
        }
    } else {
        for (size_t i = 0; i < r->nlater; i++)
            if (r->later[i]->type->can_untrack(r->later[i], r->generation))
                gc_untrack(r->later[i]);
    }
    free(r->later);
}

/* After this, base holds what is reachable from outside it (COLLECTING cleared,
   prev links restored) and `unreachable` the rest (COLLECTING kept). Objects
   with gc_refs 0 are parked tentatively and moved back when a later scanned
   object reaches them. As CPython: `prev` is the last object kept in base, whose
   links are final; base's own tail link stays valid for visit_reachable's
   appends, since the tail is only taken off when it is the last one scanned.
   Survivors that hold only untrackable children are untracked on the way
   (untrack_now) unless r->generation < 0. */
static void move_unreachable(Reach *r)
{
    GcList *list = gc_list(r->base);
    GcLinks *head = &list->head;
    GcLinks *prev = head;
    GcLinks *l = gc_next(head);
    while (l != head) {
        GcHead *o = gc_head_of(l);
        if (gc_get_refs(l) != 0) {
            r->pending = false;
            o->type->traverse(o, visit_reachable, r);
            gc_clear_bit(o, GC_BIT_COLLECTING);
            if (untrack_now(r, o)) {
                unlink_scanned(list, prev, l);
            } else {
                gc_set_prev(l, prev);
                prev = l;
            }
        } else {
            unlink_scanned(list, prev, l);
            gc_list_append(o, r->unreachable);
        }
        l = gc_next(prev); /* traverse may have appended to base */
    }
    gc_set_prev(head, prev);
    untrack_later(r);
}

/* Returns the number of objects examined. generation < 0: untrack nothing. */
static size_t deduce_unreachable(Set *set, int unreachable, int generation)
{
    int base = set->base;
    size_t examined = gc_list(base)->count;
    subtract_refs(set);
    Reach r = {.base = base, .unreachable = unreachable, .generation = generation};
    move_unreachable(&r);
    GC_VALIDATE();
    return examined;
}

/* ==== Weak references, finalizers, resurrection ==== */

/* As handle_weakrefs: clear every weakref to an unreachable object, and the refs
   unreachable weakref objects hold; call back those whose weakref object is not
   garbage itself, after all clearing. Returns the weakref objects that died
   when gc/ dropped its reference (counted as collected); *finalizers tells
   whether some garbage has a finalizer still to run. */
static size_t handle_weakrefs(int old, bool *finalizers)
{
    GcLinks *head = &gc_list(GC_LIST_UNREACHABLE)->head;
    for (GcLinks *l = gc_next(head), *next; l != head; l = next) {
        next = gc_next(l);
        GcHead *o = gc_head_of(l);
        if (o->type->finalize && !gc_bit(o, GC_BIT_FINALIZED))
            *finalizers = true;
        GcWeakRef *own = gc_weakref_of_owner(o);
        if (own != NULL) {
            gc_weakref_detach(own);
            continue; /* a weakref object is never weakly referenced */
        }
        GcWeakRef *ref;
        while ((ref = gc_weakrefs_of(o)) != NULL) {
            gc_weakref_detach(ref);
            if (ref->callback == NULL || gc_bit(ref->owner, GC_BIT_COLLECTING))
                continue; /* no callback, or the weakref is garbage too */
            GC_INCREF(ref->owner);
            gc_list_move(ref->owner, GC_LIST_WRCB);
        }
    }
    size_t freed = 0;
    GcList *wrcb = gc_list(GC_LIST_WRCB);
    while (!gc_list_empty(wrcb)) {
        GcLinks *l = gc_next(&wrcb->head);
        GcHead *owner = gc_head_of(l);
        GcWeakRef *ref = gc_weakref_of_owner(owner);
        ref->callback(ref);
        GC_DECREF(owner);
        if (gc_next(&wrcb->head) == l)
            gc_list_move(owner, old);
        else
            freed++;
    }
    return freed;
}

/* PEP 442: each unreachable object's finalizer, at most once ever, FINALIZED set
   before the call. Objects may die meanwhile, so take the first each time. */
static void finalize_garbage(void)
{
    GcList *unreachable = gc_list(GC_LIST_UNREACHABLE);
    while (!gc_list_empty(unreachable)) {
        GcHead *o = gc_head_of(gc_next(&unreachable->head));
        gc_list_move(o, GC_LIST_SEEN);
        if (o->type->finalize && !gc_bit(o, GC_BIT_FINALIZED)) {
            gc_set_bit(o, GC_BIT_FINALIZED);
            GC_INCREF(o);
            o->type->finalize(o);
            GC_DECREF(o);
        }
    }
    gc_list_merge(GC_LIST_SEEN, GC_LIST_UNREACHABLE);
}

/* Rerun the reachability analysis on the garbage alone: what a finalizer made
   reachable again goes to old; the rest stays in FINAL (COLLECTING set). */
static void handle_resurrected_objects(int old)
{
    GC_FOR_EACH(l, GC_LIST_UNREACHABLE)
    {
        gc_clear_bit(gc_head_of(l), GC_BIT_COLLECTING);
    }
    Set set = {GC_LIST_UNREACHABLE, GC_LIST_UNREACHABLE, GC_LIST_UNREACHABLE};
    deduce_unreachable(&set, GC_LIST_FINAL, -1);
    gc_list_merge(GC_LIST_UNREACHABLE, old);
}

/* Break the cycles of list `id` with clear (or hand them to gc.garbage under
   SAVEALL). An object still alive afterwards goes to old. */
static void delete_garbage(int id, int old)
{
    GcList *final = gc_list(id);
    while (!gc_list_empty(final)) {
        GcLinks *l = gc_next(&final->head);
        GcHead *o = gc_head_of(l);
        GC_ASSERT(o->refcnt > 0);
        if (gc_state.debug & GC_DEBUG_SAVEALL) {
            if (gc_state.hooks.save_garbage)
                gc_state.hooks.save_garbage(o);
        } else if (o->type->clear) {
            GC_INCREF(o);
            o->type->clear(o);
            GC_DECREF(o);
        }
        if (gc_next(&final->head) == l) {
            gc_clear_bit(o, GC_BIT_COLLECTING);
            gc_list_move(o, old);
        }
    }
}

/* ==== One collection ==== */

static const char *object_type_name(const GcHead *o)
{
    if (gc_state.hooks.type_name)
        return gc_state.hooks.type_name(o);
    return o->type->name;
}

static void show_generation_sizes(void)
{
    gc_debug_printf("gc: objects in each generation: %zu %zu %zu\n"
                    "gc: objects in permanent generation: %zu\n",
                    gc_list(GC_LIST_GEN0)->count, gc_list(GC_LIST_GEN1)->count,
                    gc_list(GC_LIST_GEN2)->count, gc_list(GC_LIST_PERMANENT)->count);
}

/* CPython's gc_collect_main: generations 0..g are collected together and the
   survivors promoted to g+1 (they stay in 2 for a full collection). */
static size_t collect_main(int generation, GcTrigger trigger, size_t *collected,
                           size_t *uncollectable)
{
    bool (*pending)(void) = gc_state.hooks.exception_pending;
    GC_ASSERT(!(pending && pending()));
    uint64_t t0 = now_us();
    if (gc_state.debug & GC_DEBUG_STATS) {
        gc_debug_printf("gc: collecting generation %d...\n", generation);
        show_generation_sizes();
    }
    GC_VALIDATE();

    if (generation + 1 < GC_NUM_GENERATIONS)
        gc_state.count[generation + 1]++;
    for (int i = 0; i <= generation; i++)
        gc_state.count[i] = 0;
    int young = GC_LIST_GEN0 + generation;
    for (int i = 0; i < generation; i++)
        gc_list_splice(GC_LIST_GEN0 + i, young);
    int old = generation < GC_NUM_GENERATIONS - 1 ? young + 1 : young;

    Set set = {GC_LIST_GEN0, young, young};
    size_t examined = deduce_unreachable(&set, GC_LIST_UNREACHABLE, generation);
    if (young != old) {
        if (generation == GC_NUM_GENERATIONS - 2)
            gc_state.long_lived_pending += gc_list(young)->count;
        gc_list_merge(young, old);
    } else {
        gc_state.long_lived_pending = 0;
        gc_state.long_lived_total = gc_list(young)->count;
    }

    if (gc_state.debug & GC_DEBUG_COLLECTABLE) {
        GC_FOR_EACH(l, GC_LIST_UNREACHABLE)
        {
            GcHead *o = gc_head_of(l);
            gc_debug_printf("gc: collectable <%s %p>\n", object_type_name(o),
                            (void *)o);
        }
    }
    bool finalizers = false;
    size_t m = handle_weakrefs(old, &finalizers);
    GC_VALIDATE();
    /* With no finalizer to run nothing can come back to life (weakref callbacks
       cannot reach the garbage), so the resurrection check would only confirm
       what move_unreachable found: it is skipped. */
    int garbage = GC_LIST_UNREACHABLE;
    if (finalizers) {
        finalize_garbage();
        handle_resurrected_objects(old);
        garbage = GC_LIST_FINAL;
    }
    m += gc_list(garbage)->count;
    delete_garbage(garbage, old);
    GC_VALIDATE();
    /* No type has a legacy (tp_del) finalizer, so nothing is uncollectable. */
    size_t n = 0;

    uint64_t elapsed = now_us() - t0;
    if (gc_state.debug & GC_DEBUG_STATS)
        gc_debug_printf("gc: done, %zu unreachable, %zu uncollectable, %.4fs elapsed\n",
                        n + m, n, (double)elapsed / 1e6);
    if (generation == GC_NUM_GENERATIONS - 1) {
        if (gc_state.hooks.clear_freelists)
            gc_state.hooks.clear_freelists();
        gc_mem_trim();
    }

    GcGenStats *stats = &gc_state.stats[generation];
    stats->collections++;
    stats->collected += m;
    stats->uncollectable += n;
    GcRecord record = {0, generation, trigger, examined, m, n, elapsed};
    gc_history_add(&record);
    *collected = m;
    *uncollectable = n;
    GC_ASSERT(!(pending && pending()));
    return n + m;
}

static size_t collect_with_callback(int generation, GcTrigger trigger)
{
    size_t collected = 0, uncollectable = 0;
    if (gc_state.hooks.on_collect)
        gc_state.hooks.on_collect(true, generation, 0, 0);
    size_t result = collect_main(generation, trigger, &collected, &uncollectable);
    if (gc_state.hooks.on_collect)
        gc_state.hooks.on_collect(false, generation, collected, uncollectable);
    return result;
}

/* CPython's gc_collect_generations: the oldest generation over its threshold,
   except that a full collection also needs the 25% rule. */
void gc_collect_auto(GcTrigger trigger)
{
    GC_ASSERT(gc_state.collecting);
    if (trigger == GC_TRIGGER_STRESS) {
        collect_with_callback(GC_NUM_GENERATIONS - 1, trigger);
        return;
    }
    for (int i = GC_NUM_GENERATIONS - 1; i >= 0; i--) {
        if (gc_state.count[i] <= gc_state.threshold[i])
            continue;
        if (i == GC_NUM_GENERATIONS - 1 &&
            gc_state.long_lived_pending < gc_state.long_lived_total / 4)
            continue;
        collect_with_callback(i, trigger);
        break;
    }
}

size_t gc_collect_gen(int generation)
{
    GC_ASSERT(generation >= 0 && generation < GC_NUM_GENERATIONS);
    if (gc_state.collecting)
        return 0;
    gc_state.collecting = true;
    size_t n = collect_with_callback(generation, GC_TRIGGER_EXPLICIT);
    gc_state.collecting = false;
    return n;
}

bool gc_is_collecting(void)
{
    return gc_state.collecting;
}
