/*
 * tests/unit/test_gc_weakref.c - weak references: list order, clearing by
 * refcount (all cleared, then callbacks in order), clearing by the collector
 * (callbacks only for weakrefs outside the garbage, before finalizers; a weakref
 * freed by its callback counts as collected).
 */
#include "test_gc_node.h"

static void test_list_order(void)
{
    gc_settle();
    Node *o = node_new(0, 1);
    WeakObj *c1 = weak_new(o, true, 11);
    WeakObj *basic = weak_new(o, false, 12);
    WeakObj *c2 = weak_new(o, true, 13);
    /* basic first, then the newest callback ref, then older ones (CPython) */
    GcWeakRef *r = gc_weakrefs_of(&o->head);
    CHECK(r == &basic->ref);
    CHECK(r && r->next == &c2->ref);
    CHECK(r && r->next && r->next->next == &c1->ref);
    CHECK(gc_weakref_get(&c1->ref) == &o->head);
    CHECK(!gc_can_weakref(&c1->head) && gc_can_weakref(&o->head));
    GC_DECREF(basic);
    CHECK(gc_weakrefs_of(&o->head) == &c2->ref);
    /* refcount death: both callbacks, newest first, all cleared before any */
    GC_DECREF(o);
    CHECK(c1->calls == 1 && c2->calls == 1);
    CHECK(log_len == 4 && log_events[0] == -12 && log_events[1] == 1013);
    CHECK(log_len == 4 && log_events[2] == 1011 && log_events[3] == -1);
    CHECK(gc_weakref_get(&c1->ref) == NULL && gc_weakref_get(&c2->ref) == NULL);
    GC_DECREF(c1);
    GC_DECREF(c2);
}

static WeakObj *other;

static void check_other_cleared(WeakObj *self)
{
    (void)self;
    CHECK(gc_weakref_get(&other->ref) == NULL);
}

static void drop_self(WeakObj *self)
{
    GC_DECREF(self); /* the callback drops the last outside reference */
}

/* Callbacks see every ref already cleared; one dropping its own weakref object
   is safe (gc/ holds it for the call). */
static void test_refcount_callbacks(void)
{
    gc_settle();
    Node *o = node_new(0, 1);
    WeakObj *a = weak_new(o, true, 21);
    other = weak_new(o, true, 22);
    a->on_call = check_other_cleared;
    other->on_call = drop_self;
    GC_DECREF(o);
    CHECK(a->calls == 1);
    CHECK(logged(-22));
    GC_DECREF(a);
}

/* E5: o.self = o; r = weakref.ref(o, cb); del o; gc.collect() -> callback, 1. */
static void test_collector_callback(void)
{
    gc_settle();
    Node *o = node_new(1, 1);
    node_set(o, 0, o);
    WeakObj *r = weak_new(o, true, 31);
    GC_DECREF(o);
    CHECK(gc_collect_gen(2) == 1);
    CHECK(r->calls == 1 && gc_weakref_get(&r->ref) == NULL);
    CHECK(log_len >= 1 && log_events[0] == 1031); /* callback before the clear */
    GC_DECREF(r);
}

/* E5: o.r = weakref.ref(o, cb): the weakref is garbage too -> 2, no callback. */
static void test_weakref_in_garbage(void)
{
    gc_settle();
    Node *o = node_new(2, 1);
    node_set(o, 0, o);
    WeakObj *r = weak_new(o, true, 41);
    node_set(o, 1, r);
    GC_DECREF(r);
    GC_DECREF(o);
    CHECK(gc_collect_gen(2) == 2);
    CHECK(!logged(1041) && logged(-41) && logged(-1));
}

/* A weakref freed by its own callback's decref counts as collected (m). */
static void test_weakref_freed_by_callback(void)
{
    gc_settle();
    Node *o = node_new(1, 1);
    node_set(o, 0, o);
    WeakObj *r = weak_new(o, true, 51);
    r->on_call = drop_self; /* the only outside reference goes in the callback */
    GC_DECREF(o);
    CHECK(gc_collect_gen(2) == 2);
    CHECK(logged(1051) && logged(-51));
}

/* A garbage weakref object whose referent is alive is cleared (bpo-38006) and
   never calls back, even when the referent dies later. */
static void test_garbage_weakref_to_live_object(void)
{
    gc_settle();
    Node *live = node_new(0, 1);
    Node *holder = node_new(2, 2);
    WeakObj *r = weak_new(live, true, 61);
    node_set(holder, 0, holder);
    node_set(holder, 1, r);
    GC_DECREF(r);
    GC_DECREF(holder);
    CHECK(gc_collect_gen(2) == 2);
    CHECK(gc_weakrefs_of(&live->head) == NULL);
    GC_DECREF(live);
    CHECK(!logged(1061));
}

static int finalizer_saw_weakref_cleared;
static WeakObj *watch;

static void check_weakref_cleared(Node *self)
{
    (void)self;
    finalizer_saw_weakref_cleared = gc_weakref_get(&watch->ref) == NULL;
}

/* Weakrefs are cleared and called back before any finalizer runs. */
static void test_weakrefs_before_finalizers(void)
{
    gc_settle();
    Node *o = fnode_new(1, 1, check_weakref_cleared);
    node_set(o, 0, o);
    watch = weak_new(o, true, 71);
    GC_DECREF(o);
    CHECK(gc_collect_gen(2) == 1);
    CHECK(finalizer_saw_weakref_cleared);
    CHECK(log_len >= 2 && log_events[0] == 1071 && log_events[1] == 1);
    GC_DECREF(watch);
}

static Node *victim;

static void touch_dying(WeakObj *self)
{
    /* the callback reaches a dying object through a strong path it holds:
       it is still intact (nothing cleared yet) */
    (void)self;
    CHECK(victim->slot[0] == &victim->head);
    CHECK(victim->head.refcnt >= 1);
}

static void test_callback_touching_dying_object(void)
{
    gc_settle();
    victim = node_new(1, 1);
    node_set(victim, 0, victim);
    Node *other_dying = node_new(1, 2);
    node_set(other_dying, 0, other_dying);
    WeakObj *r = weak_new(other_dying, true, 81);
    r->on_call = touch_dying;
    GC_DECREF(victim);
    GC_DECREF(other_dying);
    CHECK(gc_collect_gen(2) == 2);
    CHECK(r->calls == 1);
    GC_DECREF(r);
}

int main(void)
{
    gc_disable();
    test_list_order();
    test_refcount_callbacks();
    test_collector_callback();
    test_weakref_in_garbage();
    test_weakref_freed_by_callback();
    test_garbage_weakref_to_live_object();
    test_weakrefs_before_finalizers();
    test_callback_touching_dying_object();
    gc_settle();
    CHECK(gc_validate());
    return UNIT_DONE();
}
