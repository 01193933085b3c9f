/*
 * tests/unit/test_gc_introspect.c - the read-only views: referrers, referents,
 * objects per generation, shallow and retained sizes (dominator tree, checked by
 * hand on small graphs and against a brute-force definition on random ones),
 * the type registry with its stats, and the memory limit.
 */
#include "test_gc_node.h"

#include <stdlib.h>

#define NODE_SIZE(slots) (sizeof(Node) + (slots) * sizeof(GcHead *) + 16)

typedef struct Found {
    GcHead *items[64];
    size_t n;
} Found;

static int collect_object(GcHead *o, void *arg)
{
    Found *f = arg;
    if (f->n < 64)
        f->items[f->n] = o;
    f->n++;
    return 0;
}

static bool found(const Found *f, const void *o)
{
    for (size_t i = 0; i < f->n && i < 64; i++)
        if (f->items[i] == o)
            return true;
    return false;
}

static void test_referents_referrers(void)
{
    gc_settle();
    Node *r = node_new(2, 0), *a = node_new(1, 0), *b = node_new(1, 0);
    Atom *c = atom_new(0);
    node_set(r, 0, a);
    node_set(r, 1, b);
    node_set(a, 0, c);
    node_set(b, 0, c);
    Found f = {0};
    gc_visit_referents(&r->head, (GcVisit)collect_object, &f);
    CHECK(f.n == 2 && f.items[0] == &b->head &&
          f.items[1] == &a->head); /* last first */
    f.n = 0;
    gc_visit_referents(&c->head, (GcVisit)collect_object, &f);
    CHECK(f.n == 0);
    GcHead *targets[] = {&c->head};
    f.n = 0;
    gc_visit_referrers(targets, 1, collect_object, &f);
    CHECK(f.n == 2 && found(&f, a) && found(&f, b));
    GcHead *two[] = {&a->head, &b->head};
    f.n = 0;
    gc_visit_referrers(two, 2, collect_object, &f);
    CHECK(f.n == 1 && f.items[0] == &r->head); /* once, though it holds both */
    /* frozen objects are not scanned */
    gc_freeze();
    f.n = 0;
    gc_visit_referrers(targets, 1, collect_object, &f);
    CHECK(f.n == 0);
    gc_unfreeze();

    /* get_objects by generation (unfreeze put r, a, b in generation 2) */
    Node *mid = node_new(0, 0);
    gc_collect_gen(0);
    Node *young = node_new(0, 0);
    f.n = 0;
    gc_visit_objects(0, collect_object, &f);
    CHECK(f.n == 1 && f.items[0] == &young->head);
    f.n = 0;
    gc_visit_objects(1, collect_object, &f);
    CHECK(f.n == 1 && f.items[0] == &mid->head);
    f.n = 0;
    gc_visit_objects(2, collect_object, &f);
    CHECK(f.n == 3 && found(&f, r) && found(&f, a) && found(&f, b));
    f.n = 0;
    gc_visit_objects(-1, collect_object, &f);
    CHECK(f.n == 5 && f.items[0] == &young->head && f.items[1] == &mid->head);
    CHECK(gc_generation_of(&young->head) == 0 && gc_generation_of(&mid->head) == 1);
    CHECK(gc_generation_of(&r->head) == 2);
    GC_DECREF(mid);
    CHECK(gc_generation_of(&c->head) == GC_GEN_UNTRACKED);
    CHECK(!gc_is_tracked(&c->head) && !gc_may_be_tracked(&c->head));
    GC_DECREF(young);
    GC_DECREF(c);
    GC_DECREF(a);
    GC_DECREF(b);
    GC_DECREF(r);
}

static void test_retained_by_hand(void)
{
    gc_settle();
    /* R -> A -> C, R -> B -> C: C is dominated by R only */
    Node *r = node_new(2, 0), *a = node_new(1, 0), *b = node_new(1, 0);
    Node *c = node_new(0, 0);
    node_set(r, 0, a);
    node_set(r, 1, b);
    node_set(a, 0, c);
    node_set(b, 0, c);
    CHECK(gc_shallow_size(&r->head) == NODE_SIZE(2));
    GcHead *roots[] = {&r->head};
    GcDomTree *t = gc_domtree_new(roots, 1);
    CHECK(t != NULL);
    if (t) {
        CHECK(gc_domtree_count(t) == 4);
        CHECK(gc_domtree_object(t, 0) == &r->head);
        CHECK(gc_domtree_retained(t, &a->head) == NODE_SIZE(1));
        CHECK(gc_domtree_retained(t, &c->head) == NODE_SIZE(0));
        CHECK(gc_domtree_retained(t, &r->head) ==
              NODE_SIZE(2) + 2 * NODE_SIZE(1) + NODE_SIZE(0));
        CHECK(gc_domtree_idom(t, &c->head) == &r->head);
        CHECK(gc_domtree_idom(t, &a->head) == &r->head);
        CHECK(gc_domtree_idom(t, &r->head) == NULL);
        gc_domtree_free(t);
    }
    /* A opaque: C is reached through B only, so B dominates it */
    t = gc_domtree_new_opaque(roots, 1, &a->head);
    CHECK(t != NULL);
    if (t) {
        CHECK(gc_domtree_count(t) == 4);
        CHECK(gc_domtree_retained(t, &a->head) == NODE_SIZE(1));
        CHECK(gc_domtree_idom(t, &c->head) == &b->head);
        CHECK(gc_domtree_retained(t, &b->head) == NODE_SIZE(1) + NODE_SIZE(0));
        gc_domtree_free(t);
    }
    /* R -> X; X -> Y, X -> Z; Y -> Z; Z -> X (a cycle back), Z -> atom */
    Node *x = node_new(2, 0), *y = node_new(1, 0), *z = node_new(2, 0);
    Atom *leaf = atom_new(0);
    Node *r2 = node_new(1, 0);
    node_set(r2, 0, x);
    node_set(x, 0, y);
    node_set(x, 1, z);
    node_set(y, 0, z);
    node_set(z, 0, x);
    node_set(z, 1, leaf);
    GcHead *roots2[] = {&r2->head};
    t = gc_domtree_new(roots2, 1);
    CHECK(t != NULL);
    if (t) {
        CHECK(gc_domtree_count(t) == 5);
        CHECK(gc_domtree_idom(t, &z->head) == &x->head);
        CHECK(gc_domtree_idom(t, &y->head) == &x->head);
        CHECK(gc_domtree_idom(t, &leaf->head) == &z->head);
        CHECK(gc_domtree_retained(t, &z->head) == NODE_SIZE(2) + 28);
        CHECK(gc_domtree_retained(t, &x->head) == 2 * NODE_SIZE(2) + NODE_SIZE(1) + 28);
        CHECK(gc_domtree_retained(t, &r2->head) ==
              2 * NODE_SIZE(2) + 2 * NODE_SIZE(1) + 28);
        CHECK(gc_domtree_retained(t, &a->head) == 0); /* not reachable */
        gc_domtree_free(t);
    }
    /* two roots sharing a child: the child hangs off the virtual root */
    GcHead *both[] = {&a->head, &b->head};
    t = gc_domtree_new(both, 2);
    CHECK(t != NULL);
    if (t) {
        CHECK(gc_domtree_idom(t, &c->head) == NULL);
        CHECK(gc_domtree_retained(t, &a->head) == NODE_SIZE(1));
        gc_domtree_free(t);
    }
    GC_DECREF(leaf);
    GC_DECREF(r2);
    GC_DECREF(x);
    GC_DECREF(y);
    GC_DECREF(z);
    GC_DECREF(c);
    GC_DECREF(a);
    GC_DECREF(b);
    GC_DECREF(r);
    CHECK(gc_collect_gen(2) == 3); /* x, y, z cycle */
}

/* ==== Random graphs against the definition ==== */

#define RN 24
static Node *rnodes[RN];
static bool removed[RN];

static int index_of(const GcHead *o)
{
    for (int i = 0; i < RN; i++)
        if (&rnodes[i]->head == o)
            return i;
    return -1;
}

/* Which nodes are reachable from node 0 when `removed` ones are cut. */
static void reach(bool *seen)
{
    int stack[RN * RN], sp = 0;
    for (int i = 0; i < RN; i++)
        seen[i] = false;
    if (removed[0])
        return;
    seen[0] = true;
    stack[sp++] = 0;
    while (sp > 0) {
        Node *n = rnodes[stack[--sp]];
        for (size_t s = 0; s < n->nslots; s++) {
            int j = n->slot[s] ? index_of(n->slot[s]) : -1;
            if (j >= 0 && !seen[j] && !removed[j]) {
                seen[j] = true;
                stack[sp++] = j;
            }
        }
    }
}

static void test_retained_random(void)
{
    gc_settle();
    size_t baseline = gc_live_objects();
    srand(12345);
    for (int round = 0; round < 200; round++) {
        for (int i = 0; i < RN; i++)
            rnodes[i] = node_new(3, 0);
        for (int i = 0; i < RN; i++)
            for (int s = 0; s < 3; s++)
                if (rand() % 3)
                    node_set(rnodes[i], (size_t)s, rnodes[rand() % RN]);
        GcHead *root[] = {&rnodes[0]->head};
        GcDomTree *t = gc_domtree_new(root, 1);
        CHECK(t != NULL);
        bool all[RN], without[RN];
        reach(all);
        for (int v = 0; t && v < RN; v++) {
            size_t expect = 0;
            if (all[v]) {
                removed[v] = true;
                reach(without);
                removed[v] = false;
                for (int w = 0; w < RN; w++)
                    if (all[w] && !without[w])
                        expect += NODE_SIZE(3);
            }
            CHECK(gc_domtree_retained(t, &rnodes[v]->head) == expect);
        }
        gc_domtree_free(t);
        for (int i = 0; i < RN; i++)
            GC_DECREF(rnodes[i]);
        gc_collect_gen(2);
    }
    CHECK(gc_live_objects() == baseline);
}

/* A deep chain: no recursion in the walk nor in the path compression. */
static void test_retained_deep(void)
{
    gc_settle();
    enum { N = 300000 };
    Node *head = node_new(1, 0), *prev = head;
    for (int i = 1; i < N; i++) {
        Node *n = node_new(1, 0);
        node_set(prev, 0, n);
        GC_DECREF(n);
        prev = n;
    }
    node_set(prev, 0, head); /* and a back edge */
    GcHead *root[] = {&head->head};
    GcDomTree *t = gc_domtree_new(root, 1);
    CHECK(t != NULL);
    if (t) {
        CHECK(gc_domtree_count(t) == N);
        CHECK(gc_domtree_retained(t, &head->head) == (size_t)N * NODE_SIZE(1));
        CHECK(gc_domtree_retained(t, &prev->head) == NODE_SIZE(1));
        gc_domtree_free(t);
    }
    GC_DECREF(head);
    CHECK(gc_collect_gen(2) == N);
}

/* ==== Types, accounting, limit ==== */

static GcType late_type = {.name = "late", .dealloc = atom_dealloc};

static int seek_type(const GcType *t, void *arg)
{
    return t == arg;
}

static void test_types_and_accounting(void)
{
    gc_settle();
    CHECK(gc_visit_types(seek_type, &late_type) == 0);
    gc_type_register(&late_type);
    gc_type_register(&late_type);
    CHECK(gc_visit_types(seek_type, &late_type) == 1);
    CHECK(gc_visit_types(seek_type, &node_type) == 1);

    size_t count = node_type.stats.live_count, bytes = node_type.stats.live_bytes;
    size_t all_bytes = gc_live_bytes(), all_objects = gc_live_objects();
    Node *n = node_new(4, 0);
    CHECK(node_type.stats.live_count == count + 1);
    CHECK(node_type.stats.live_bytes > bytes + sizeof(Node) + 4 * sizeof(GcHead *));
    CHECK(gc_live_objects() == all_objects + 1);
    void *buf = gc_buffer_alloc(&node_type, 1000);
    CHECK(buf != NULL);
    size_t with_buf = gc_live_bytes();
    CHECK(with_buf >= all_bytes + 1000);
    buf = gc_buffer_realloc(&node_type, buf, 1000, 3000);
    CHECK(buf != NULL && gc_live_bytes() == with_buf + 2000);
    gc_buffer_free(&node_type, buf, 3000);
    GC_DECREF(n);
    CHECK(node_type.stats.live_count == count && node_type.stats.live_bytes == bytes);
    CHECK(gc_live_bytes() == all_bytes && gc_live_objects() == all_objects);

    /* resize of an untracked object keeps the accounting exact: blocks count
       their usable size (malloc may round up), so the type holds at least the
       new block, and freeing gives back exactly what was counted */
    Atom *a = atom_new(0);
    size_t atom_bytes = atom_type.stats.live_bytes;
    GcHead *bigger = gc_resize(&a->head, 4096);
    CHECK(bigger != NULL);
    if (bigger) {
        CHECK(atom_type.stats.live_bytes > atom_bytes &&
              atom_type.stats.live_bytes >= 4096);
        a = (Atom *)bigger;
    }
    GC_DECREF(a);
    CHECK(gc_live_bytes() == all_bytes);
}

static void test_memory_limit(void)
{
    gc_settle();
    size_t live = gc_live_bytes();
    gc_set_memory_limit(live + 4096);
    CHECK(gc_memory_limit() == live + 4096);
    Node *ok = node_new(1, 0);
    CHECK(ok != NULL);
    CHECK(node_new(1000, 0) == NULL); /* fails cleanly, nothing counted */
    CHECK(gc_buffer_alloc(&node_type, 8192) == NULL);
    void *buf = gc_buffer_alloc(&node_type, 100);
    CHECK(buf != NULL);
    CHECK(gc_buffer_realloc(&node_type, buf, 100, 100000) == NULL);
    gc_buffer_free(&node_type, buf, 100);
    Atom *a = atom_new(0);
    CHECK(a != NULL && gc_resize(&a->head, 100000) == NULL);
    GC_DECREF(a);
    gc_set_memory_limit(0);
    Node *big = node_new(1000, 0);
    CHECK(big != NULL);
    GC_DECREF(big);
    GC_XDECREF(ok);
    CHECK(gc_live_bytes() == live);
}

/* The peak follows the high-water mark of live bytes and restarts at a reset. */
static void test_peak_bytes(void)
{
    gc_settle();
    gc_reset_peak_bytes();
    size_t base = gc_live_bytes();
    CHECK(gc_peak_bytes() == base);
    Node *big = node_new(1000, 0);
    size_t with_big = gc_live_bytes();
    CHECK(with_big > base && gc_peak_bytes() == with_big);
    GC_DECREF(big);
    CHECK(gc_live_bytes() == base && gc_peak_bytes() == with_big);
    Node *small = node_new(1, 0);
    CHECK(gc_peak_bytes() == with_big); /* below the mark: unchanged */
    gc_reset_peak_bytes();
    CHECK(gc_peak_bytes() == gc_live_bytes());
    GC_DECREF(small);
    CHECK(gc_peak_bytes() > gc_live_bytes());
}

int main(void)
{
    gc_disable();
    test_referents_referrers();
    test_retained_by_hand();
    test_retained_random();
    test_retained_deep();
    test_types_and_accounting();
    test_memory_limit();
    test_peak_bytes();
    gc_settle();
    CHECK(gc_validate());
    return UNIT_DONE();
}
