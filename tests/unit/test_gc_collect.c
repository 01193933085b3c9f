/*
 * tests/unit/test_gc_collect.c - one collection: what is found unreachable, what
 * collect returns (CPython's n + m), promotion between generations, untracking.
 */
#include "test_gc_node.h"

/* a list holding itself -> 1; two-node cycle -> 2 (E4) */
static void test_cycles(void)
{
    gc_settle();
    Node *l = node_new(1, 1);
    node_set(l, 0, l);
    GC_DECREF(l);
    CHECK(gc_collect_gen(2) == 1);
    CHECK(logged(-1));

    Node *a = node_new(1, 2), *b = node_new(1, 3);
    node_set(a, 0, b);
    node_set(b, 0, a);
    GC_DECREF(a);
    GC_DECREF(b);
    CHECK(gc_collect_gen(2) == 2);
    CHECK(logged(-2) && logged(-3));
    CHECK(gc_collect_gen(2) == 0);
}

/* Atoms hanging off a cycle are freed by the cascade but not counted. */
static void test_atoms_not_counted(void)
{
    gc_settle();
    Node *l = node_new(3, 1);
    Atom *x = atom_new(50);
    node_set(l, 0, x);
    GC_DECREF(x);
    node_set(l, 1, l);
    GC_DECREF(l);
    size_t before = gc_live_objects();
    CHECK(gc_collect_gen(2) == 1);
    CHECK(logged(-50));
    CHECK(gc_live_objects() == before - 2);
}

/* Reachable from outside: nothing collected, even through a long internal path. */
static void test_reachable_survives(void)
{
    gc_settle();
    Node *root = node_new(1, 1);
    Node *prev = root;
    for (int i = 0; i < 100; i++) {
        Node *n = node_new(1, 0);
        node_set(prev, 0, n);
        GC_DECREF(n);
        prev = n;
    }
    node_set(prev, 0, root); /* the tail closes a cycle */
    CHECK(gc_collect_gen(0) == 0);
    CHECK(gc_generation_of(&root->head) == 1);
    CHECK(gc_collect_gen(2) == 0);
    CHECK(gc_generation_of(&root->head) == 2);
    GC_DECREF(root);
    CHECK(gc_collect_gen(2) == 101);
}

/* An unreachable object seen first, reachable through a later object: it must
   be moved back (move_unreachable's tentative parking). */
static void test_tentative_unreachable(void)
{
    gc_settle();
    Node *a = node_new(1, 1); /* created first: scanned first, gc_refs 0 */
    Node *b = node_new(1, 2); /* b -> a, b held from outside */
    node_set(b, 0, a);
    node_set(a, 0, b);
    GC_DECREF(a);
    CHECK(gc_collect_gen(0) == 0);
    CHECK(!logged(-1));
    CHECK(gc_generation_of(&a->head) == 1 && gc_generation_of(&b->head) == 1);
    GC_DECREF(b);
    CHECK(gc_collect_gen(1) == 2);
}

/* Only the collected generation (and younger) is examined. */
static void test_old_generation_not_examined(void)
{
    gc_settle();
    Node *a = node_new(1, 1);
    node_set(a, 0, a);
    CHECK(gc_collect_gen(1) == 0); /* a goes to gen 2 */
    CHECK(gc_generation_of(&a->head) == 2);
    GC_DECREF(a);
    CHECK(gc_collect_gen(0) == 0);
    CHECK(gc_collect_gen(1) == 0);
    CHECK(gc_collect_gen(2) == 1);
    /* a young cycle referenced from an old object survives a young collection */
    Node *old = node_new(1, 2);
    CHECK(gc_collect_gen(1) == 0);
    Node *y = node_new(1, 3);
    node_set(y, 0, y);
    node_set(old, 0, y);
    GC_DECREF(y);
    CHECK(gc_collect_gen(0) == 0);
    GC_DECREF(old); /* freed by refcount; y's self-cycle remains */
    CHECK(logged(-2) && !logged(-3));
    CHECK(gc_collect_gen(2) == 1);
}

/* E2: collections move the counts. */
static void test_counts(void)
{
    gc_settle();
    CHECK(gc_get_count(0) == 0 && gc_get_count(1) == 0 && gc_get_count(2) == 0);
    gc_collect_gen(0);
    CHECK(gc_get_count(0) == 0 && gc_get_count(1) == 1 && gc_get_count(2) == 0);
    gc_collect_gen(0);
    CHECK(gc_get_count(1) == 2);
    gc_collect_gen(1);
    CHECK(gc_get_count(1) == 0 && gc_get_count(2) == 1);
    gc_collect_gen(2);
    CHECK(gc_get_count(0) == 0 && gc_get_count(1) == 0 && gc_get_count(2) == 0);
    /* +1 per GC allocation, -1 per GC free, atoms do not count */
    Node *n = node_new(0, 0);
    Atom *x = atom_new(0);
    CHECK(gc_get_count(0) == 1);
    GC_DECREF(x);
    GC_DECREF(n);
    CHECK(gc_get_count(0) == 0);
    GC_DECREF(node_new(0, 0)); /* never below 0 */
    gc_collect_gen(2);
    n = node_new(0, 0);
    gc_collect_gen(0);
    GC_DECREF(n);
    CHECK(gc_get_count(0) == 0);
}

/* ==== Untracking: a tuple-like and a dict-like container ==== */

static bool all_untrackable(GcHead *self)
{
    Node *n = (Node *)self;
    for (size_t i = 0; i < n->nslots; i++)
        if (n->slot[i] && gc_may_be_tracked(n->slot[i]))
            return false;
    return true;
}

static bool tuple_can_untrack(GcHead *self, int generation)
{
    (void)generation;
    return all_untrackable(self);
}

static bool dict_can_untrack(GcHead *self, int generation)
{
    return generation == 2 && all_untrackable(self);
}

static GcType tuple_type = {.name = "tuple",
                            .traverse = node_traverse,
                            .clear = node_clear,
                            .dealloc = node_dealloc,
                            .size = node_size,
                            .can_untrack = tuple_can_untrack,
                            .flags = GC_TYPE_IMMUTABLE_CONTAINER};
static GcType dict_type = {.name = "dict",
                           .traverse = node_traverse,
                           .clear = node_clear,
                           .dealloc = node_dealloc,
                           .size = node_size,
                           .can_untrack = dict_can_untrack};

/* E9: tuples untracked at any collection, dicts only at full ones; tuples first. */
static void test_untracking(void)
{
    gc_settle();
    Atom *one = atom_new(0);
    Node *t = node_new_of(&tuple_type, 2, 0);
    node_set(t, 0, one);
    CHECK(gc_is_tracked(&t->head) && gc_may_be_tracked(&t->head));
    gc_collect_gen(0);
    CHECK(!gc_is_tracked(&t->head));
    CHECK(!gc_may_be_tracked(&t->head));

    Node *l = node_new(0, 0);
    Node *t2 = node_new_of(&tuple_type, 1, 0);
    node_set(t2, 0, l);
    gc_collect_gen(0);
    CHECK(gc_is_tracked(&t2->head)); /* holds a list */

    /* d = {'k': []}; d['k'] = 1: tracked until a full collection */
    Node *d = node_new_of(&dict_type, 1, 0);
    node_set(d, 0, l);
    node_set(d, 0, one);
    gc_collect_gen(0);
    gc_collect_gen(1);
    CHECK(gc_is_tracked(&d->head));
    CHECK(gc_may_be_tracked(&d->head));
    gc_collect_gen(2);
    CHECK(!gc_is_tracked(&d->head));
    CHECK(gc_may_be_tracked(&d->head)); /* an untracked dict still may be */

    /* a dict created before the tuple it holds (list order: dict first) is
       untracked in the same full collection: tuples go first */
    Node *d2 = node_new_of(&dict_type, 1, 0);
    Node *t3 = node_new_of(&tuple_type, 1, 0);
    node_set(t3, 0, one);
    node_set(d2, 0, t3);
    gc_collect_gen(2);
    CHECK(!gc_is_tracked(&t3->head) && !gc_is_tracked(&d2->head));

    /* an untracked object dies normally */
    GC_DECREF(t3);
    GC_DECREF(d2);
    GC_DECREF(d);
    GC_DECREF(t2);
    GC_DECREF(l);
    GC_DECREF(t);
    GC_DECREF(one);
    CHECK(gc_collect_gen(2) == 0);
    CHECK(gc_validate());
}

/* A cycle through an untracked-but-GC container is still found when tracked
   parts hold it; untracked parts are not counted. */
static void test_generation_sizes(void)
{
    gc_settle();
    size_t g2 = gc_generation_size(2);
    Node *a = node_new(0, 0), *b = node_new(0, 0);
    CHECK(gc_generation_size(0) == 2);
    gc_collect_gen(0);
    CHECK(gc_generation_size(0) == 0 && gc_generation_size(1) == 2);
    gc_collect_gen(2);
    CHECK(gc_generation_size(2) == g2 + 2);
    gc_untrack(&b->head);
    CHECK(gc_generation_of(&b->head) == GC_GEN_UNTRACKED);
    CHECK(gc_generation_size(2) == g2 + 1);
    GC_DECREF(a);
    GC_DECREF(b);
    CHECK(gc_generation_size(2) == g2);
}

int main(void)
{
    gc_disable();
    test_cycles();
    test_atoms_not_counted();
    test_reachable_survives();
    test_tentative_unreachable();
    test_old_generation_not_examined();
    test_counts();
    test_untracking();
    test_generation_sizes();
    CHECK(gc_validate());
    return UNIT_DONE();
}
