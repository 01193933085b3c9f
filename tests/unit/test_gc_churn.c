/*
 * tests/unit/test_gc_churn.c - random graph churn with automatic collection on:
 * nodes with and without finalizers (some resurrect, some build new cycles),
 * weakrefs with callbacks, edges rewired at random. Invariants are checked as it
 * goes, and at the end everything must be freed exactly once. Under
 * -Dgc_stress=true every allocation runs a full collection.
 */
#include "test_gc_node.h"

#include <stdlib.h>

#define POOL 64
static GcHead *pool[POOL]; /* the "program's variables" */
static GcHead *limbo[8];   /* where resurrecting finalizers store themselves */

static void put(GcHead **slot, GcHead *o)
{
    GcHead *old = *slot;
    *slot = o;
    GC_XDECREF(old);
}

static void finalizer(Node *self)
{
    switch (self->label % 3) {
    case 0: { /* resurrect into limbo, once in a while */
        size_t i = (size_t)rand() % 8;
        GC_INCREF(self);
        put(&limbo[i], &self->head);
        break;
    }
    case 1: { /* build a new cycle */
        Node *n = node_new(1, 0);
        if (n) {
            node_set(n, 0, n);
            GC_DECREF(n);
        }
        break;
    }
    default:
        break;
    }
}

static void weak_drops_variable(WeakObj *self)
{
    (void)self;
    put(&pool[rand() % POOL], NULL);
}

static GcHead *pick(void)
{
    return pool[rand() % POOL];
}

int main(void)
{
    srand(4242);
    gc_set_threshold(0, 7);
    gc_set_threshold(1, 3);
    gc_set_threshold(2, 3);
    gc_enable();
    size_t baseline = gc_live_objects();
    for (int step = 0; step < 20000; step++) {
        int op = rand() % 10;
        size_t i = (size_t)rand() % POOL;
        if (op < 3) {
            int label = 1 + rand() % 1000;
            Node *n = rand() % 4 ? node_new(3, 0) : fnode_new(3, label, finalizer);
            put(&pool[i], n ? &n->head : NULL);
        } else if (op < 6) {
            GcHead *from = pick(), *to = pick();
            if (from && from->type != &weak_type && to)
                node_set((Node *)from, (size_t)rand() % 3, to);
        } else if (op < 8) {
            put(&pool[i], NULL);
        } else if (op == 8) {
            GcHead *target = pick();
            if (target && gc_can_weakref(target)) {
                WeakObj *w = weak_new(target, rand() % 2, 0);
                if (w)
                    w->on_call = weak_drops_variable;
                put(&pool[i], w ? &w->head : NULL);
            }
        } else {
            if (rand() % 50 == 0)
                gc_collect_gen(rand() % 3);
            if (rand() % 20 == 0)
                put(&limbo[rand() % 8], NULL);
        }
        if (step % 997 == 0)
            CHECK(gc_validate());
    }
    CHECK(gc_validate());
    /* the churn did exercise the machinery */
    CHECK(gc_get_stats(0).collections + gc_get_stats(1).collections > 100 ||
          gc_get_stats(2).collections > 100);
    CHECK(gc_get_stats(2).collections > 0);
    CHECK(gc_get_stats(0).collected + gc_get_stats(1).collected +
              gc_get_stats(2).collected >
          100);
    CHECK(logged(1000)); /* a weakref callback ran */
    for (size_t i = 0; i < POOL; i++)
        put(&pool[i], NULL);
    for (int round = 0; round < 4; round++) {
        for (size_t i = 0; i < 8; i++)
            put(&limbo[i], NULL);
        gc_collect_gen(2);
    }
    gc_disable();
    gc_settle();
    for (size_t i = 0; i < 8; i++)
        put(&limbo[i], NULL);
    gc_settle();
    CHECK(gc_live_objects() == baseline);
    CHECK(gc_generation_size(0) + gc_generation_size(1) + gc_generation_size(2) == 0);
    CHECK(gc_validate());
    return UNIT_DONE();
}
