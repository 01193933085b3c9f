/*
 * tests/unit/test_gc_dealloc.c - the refcount path: cascades (a million-long
 * chain must not overflow the C stack), finalizers with temporary resurrection,
 * weakref clearing order, and the accounting after frees.
 */
#include "test_gc_node.h"

#define CHAIN 1000000

/* One decref frees a 1e6-node chain (trashcan), every node exactly once. */
static void test_long_chain(void)
{
    gc_settle();
    size_t objects = gc_live_objects(), bytes = gc_live_bytes();
    Node *head = node_new(1, 0);
    Node *prev = head;
    for (int i = 1; i < CHAIN; i++) {
        Node *n = node_new(1, 0);
        node_set(prev, 0, n);
        GC_DECREF(n);
        prev = n;
    }
    CHECK(gc_live_objects() == objects + CHAIN);
    CHECK(node_type.stats.live_count >= CHAIN);
    GC_DECREF(head);
    CHECK(gc_live_objects() == objects);
    CHECK(gc_live_bytes() == bytes);
    CHECK(gc_generation_size(0) == 0);
}

/* The same chain as a cycle, found by the collector and freed by clear. */
static void test_long_cycle(void)
{
    gc_settle();
    size_t objects = gc_live_objects();
    Node *head = node_new(1, 0);
    Node *prev = head;
    for (int i = 1; i < CHAIN; i++) {
        Node *n = node_new(1, 0);
        node_set(prev, 0, n);
        GC_DECREF(n);
        prev = n;
    }
    node_set(prev, 0, head);
    GC_DECREF(head);
    CHECK(gc_collect_gen(2) == CHAIN);
    CHECK(gc_live_objects() == objects);
}

/* A wide tree: a deferred list that grows, still each node freed once. */
static void test_deep_tree(void)
{
    gc_settle();
    size_t objects = gc_live_objects();
    Node *root = node_new(2, 0);
    Node *prev = root;
    for (int i = 0; i < 20000; i++) {
        Node *n = node_new(2, 0);
        Node *leaf = node_new(1, 0);
        node_set(prev, 0, n);
        node_set(prev, 1, leaf);
        GC_DECREF(n);
        GC_DECREF(leaf);
        prev = n;
    }
    GC_DECREF(root);
    CHECK(gc_live_objects() == objects);
}

static Node *saved;

static void resurrect(Node *self)
{
    CHECK(!gc_is_finalized(&self->head)); /* refcount path: set after the call */
    CHECK(self->head.refcnt == 1);
    GC_INCREF(self);
    saved = self;
}

static int finalize_calls;

static void count_finalize(Node *self)
{
    (void)self;
    finalize_calls++;
}

/* E5: __del__ on the refcount path, FINALIZED after; resurrection survives and
   the finalizer never runs again. */
static void test_finalizer_refcount_path(void)
{
    gc_settle();
    Node *x = fnode_new(0, 7, resurrect);
    GC_DECREF(x);
    CHECK(saved == x);
    CHECK(logged(7) && !logged(-7));
    CHECK(gc_is_finalized(&x->head));
    CHECK(gc_is_tracked(&x->head));
    CHECK(x->head.refcnt == 1);
    saved = NULL;
    GC_DECREF(x); /* dies for good, no second finalizer */
    CHECK(logged(-7));
    CHECK(log_len == 2);
    CHECK(gc_collect_gen(2) == 0);

    finalize_calls = 0;
    Node *y = fnode_new(0, 8, count_finalize);
    GC_DECREF(y);
    CHECK(finalize_calls == 1);
    CHECK(logged(8) && logged(-8));
}

/* Finalizers in a cascade run before their object's children go. */
static void test_cascade_order(void)
{
    gc_settle();
    Node *a = fnode_new(1, 1, NULL), *b = fnode_new(1, 2, NULL);
    Node *c = fnode_new(0, 3, NULL);
    node_set(a, 0, b);
    node_set(b, 0, c);
    GC_DECREF(c);
    GC_DECREF(b);
    GC_DECREF(a);
    int expect[] = {1, -1, 2, -2, 3, -3};
    CHECK(log_len == 6);
    for (size_t i = 0; i < 6 && i < log_len; i++)
        CHECK(log_events[i] == expect[i]);
}

/* A finalizer allocating enough to pass threshold 0 triggers a collection that
   must not see the dying object (it is alive, refcount 1, during the call). */
static void alloc_in_finalizer(Node *self)
{
    (void)self;
    for (int i = 0; i < 50; i++)
        GC_DECREF(node_new(0, 0));
    Node *cyc = node_new(1, 0);
    node_set(cyc, 0, cyc);
    GC_DECREF(cyc);
    for (int i = 0; i < 20; i++) { /* a growing chain: net allocations */
        Node *keep = node_new(1, 0);
        node_set(keep, 0, self->slot[0]);
        node_set(self, 0, keep);
        GC_DECREF(keep);
    }
}

static void test_collection_inside_finalizer(void)
{
    gc_settle();
    gc_enable();
    gc_set_threshold(0, 5);
    GcRecord before, after;
    size_t had = gc_history(&before, 1);
    Node *x = fnode_new(1, 9, alloc_in_finalizer);
    GC_DECREF(x);
    CHECK(gc_history(&after, 1) == 1 && (had == 0 || after.seq > before.seq));
    CHECK(logged(9) && logged(-9));
    gc_set_threshold(0, 700);
    gc_disable();
    CHECK(gc_validate());
}

int main(void)
{
    gc_disable();
    test_long_chain();
    test_long_cycle();
    test_deep_tree();
    test_finalizer_refcount_path();
    test_cascade_order();
    test_collection_inside_finalizer();
    gc_settle();
    CHECK(gc_validate());
    return UNIT_DONE();
}
