/*
 * tests/unit/test_gc_finalize.c - PEP 442 on the collector's path: finalizers
 * once, FINALIZED set before the call, resurrection detected by rerunning the
 * reachability analysis, finalizers that build new cycles, SAVEALL.
 */
#include "test_gc_node.h"

static GcHead *saved[16];
static size_t nsaved;

static void save_self(Node *self)
{
    CHECK(gc_is_finalized(&self->head)); /* collector path: set before the call */
    CHECK(gc_is_collecting());
    CHECK(gc_collect_gen(2) == 0); /* no nested collection */
    GC_INCREF(self);
    saved[nsaved++] = &self->head;
}

/* E5: a resurrected cycle is not counted, and its finalizers never rerun. */
static void test_resurrection(void)
{
    gc_settle();
    nsaved = 0;
    Node *a = fnode_new(1, 1, save_self), *b = fnode_new(1, 2, save_self);
    node_set(a, 0, b);
    node_set(b, 0, a);
    GC_DECREF(a);
    GC_DECREF(b);
    CHECK(gc_collect_gen(2) == 0);
    CHECK(nsaved == 2 && log_len == 2);
    CHECK(gc_is_finalized(&a->head) && gc_is_finalized(&b->head));
    CHECK(gc_generation_of(&a->head) == 2); /* moved to old */
    CHECK(gc_validate());
    GC_DECREF(saved[0]);
    GC_DECREF(saved[1]);
    log_len = 0;
    CHECK(gc_collect_gen(2) == 2);
    CHECK(log_len == 2 && logged(-1) && logged(-2)); /* no finalizer again */
}

/* Resurrection of one member keeps everything it reaches; the rest goes. */
static void test_partial_resurrection(void)
{
    gc_settle();
    nsaved = 0;
    /* a <-> b, and c <-> c; only a's finalizer saves */
    Node *a = fnode_new(1, 1, save_self), *b = fnode_new(1, 2, NULL);
    Node *c = fnode_new(1, 3, NULL);
    node_set(a, 0, b);
    node_set(b, 0, a);
    node_set(c, 0, c);
    GC_DECREF(a);
    GC_DECREF(b);
    GC_DECREF(c);
    CHECK(gc_collect_gen(2) == 1);
    CHECK(logged(1) && logged(2) && logged(3));
    CHECK(logged(-3) && !logged(-1) && !logged(-2));
    GC_DECREF(saved[0]);
    CHECK(gc_collect_gen(2) == 2);
}

static void make_new_cycle(Node *self)
{
    (void)self;
    Node *n = node_new(1, 40);
    node_set(n, 0, n);
    GC_DECREF(n);
}

/* A finalizer that creates a new cycle: the new cycle waits for the next
   collection (it is in generation 0, not in this collection's set). */
static void test_finalizer_creates_cycle(void)
{
    gc_settle();
    Node *a = fnode_new(1, 1, make_new_cycle);
    node_set(a, 0, a);
    GC_DECREF(a);
    CHECK(gc_collect_gen(2) == 1);
    CHECK(logged(-1) && !logged(-40));
    CHECK(gc_collect_gen(2) == 1);
    CHECK(logged(-40));
}

static void drop_partner(Node *self)
{
    /* breaks the cycle from inside: the partner dies by refcount during the
       finalizer pass (its own finalizer then runs on the refcount path) */
    Node *partner = (Node *)self->slot[0];
    if (partner && partner->slot[0] == &self->head)
        GC_CLEAR(partner->slot[0]);
}

/* Objects may vanish from the unreachable set while finalizers run. */
static void test_finalizer_frees_members(void)
{
    gc_settle();
    Node *a = fnode_new(1, 1, drop_partner), *b = fnode_new(1, 2, NULL);
    node_set(a, 0, b);
    node_set(b, 0, a);
    GC_DECREF(a);
    GC_DECREF(b);
    gc_collect_gen(2);
    CHECK(logged(-1) && logged(-2));
    CHECK(gc_collect_gen(2) == 0);
    CHECK(gc_validate());
}

static GcHead *garbage[16];
static size_t ngarbage;

static void save_garbage(GcHead *o)
{
    GC_INCREF(o);
    garbage[ngarbage++] = o;
}

/* E5: SAVEALL keeps everything in gc.garbage, still counted; __del__ first;
   once gc.garbage is cleared they are collected without a second __del__. */
static void test_saveall(void)
{
    gc_settle();
    GcHooks hooks = {.save_garbage = save_garbage};
    gc_set_hooks(&hooks);
    gc_set_debug(GC_DEBUG_SAVEALL);
    ngarbage = 0;
    Node *l = node_new(1, 1), *d = node_new(1, 2);
    node_set(l, 0, l);
    node_set(d, 0, d);
    GC_DECREF(l);
    GC_DECREF(d);
    CHECK(gc_collect_gen(2) == 2);
    CHECK(ngarbage == 2 && garbage[0] == &l->head && garbage[1] == &d->head);
    CHECK(!logged(-1) && !logged(-2));

    Node *a = fnode_new(1, 3, NULL), *b = fnode_new(1, 4, NULL);
    node_set(a, 0, b);
    node_set(b, 0, a);
    GC_DECREF(a);
    GC_DECREF(b);
    CHECK(gc_collect_gen(2) == 2);
    CHECK(logged(3) && logged(4) && ngarbage == 4);
    gc_set_debug(0);
    gc_set_hooks(NULL);
    log_len = 0;
    for (size_t i = 0; i < ngarbage; i++)
        GC_DECREF(garbage[i]);
    CHECK(gc_collect_gen(2) == 4);
    CHECK(!logged(3) && !logged(4) && logged(-3) && logged(-4));
}

/* A cycle where only some members have finalizers: all finalizers run before
   any clear; clears then free everything. */
static void check_partner_intact(Node *self)
{
    Node *partner = (Node *)self->slot[0];
    CHECK(partner != NULL && partner->slot[0] == &self->head);
}

static void test_finalizers_before_clear(void)
{
    gc_settle();
    Node *a = fnode_new(1, 1, check_partner_intact);
    Node *b = fnode_new(1, 2, check_partner_intact);
    node_set(a, 0, b);
    node_set(b, 0, a);
    GC_DECREF(a);
    GC_DECREF(b);
    CHECK(gc_collect_gen(2) == 2);
    CHECK(log_len == 4 && log_events[0] > 0 && log_events[1] > 0);
}

int main(void)
{
    gc_disable();
    test_resurrection();
    test_partial_resurrection();
    test_finalizer_creates_cycle();
    test_finalizer_frees_members();
    test_saveall();
    test_finalizers_before_clear();
    gc_settle();
    CHECK(gc_validate());
    return UNIT_DONE();
}
