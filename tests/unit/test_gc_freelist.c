/*
 * tests/unit/test_gc_freelist.c - free lists (gc_freelist_*): parked blocks
 * bypass generation 0's count both ways (E3: freeing 100 lists with room for 80
 * lowers count0 by 20), come back zeroed and untracked, and clearing frees them.
 */
#include "test_gc_node.h"

#define KEEP 8

static GcHead *parked[KEEP];
static GcFreeList freelist = GC_FREELIST_INIT(parked);

/* A node type whose dealloc parks the block when there is room. */
static void pnode_dealloc(GcHead *self)
{
    gc_untrack(self);
    node_clear(self);
    if (!gc_freelist_push(&freelist, self))
        gc_free(self);
}

static GcType pnode_type = {.name = "pnode",
                            .traverse = node_traverse,
                            .clear = node_clear,
                            .dealloc = pnode_dealloc,
                            .size = node_size};

/* A new tracked pnode with two slots, from the free list when it has one. */
static Node *pnode_new(int label)
{
    Node *n = (Node *)gc_freelist_pop(&freelist);
    if (n == NULL)
        n = (Node *)gc_alloc(&pnode_type, sizeof(Node) + 2 * sizeof(GcHead *));
    if (n == NULL)
        return NULL;
    n->nslots = 2;
    n->label = label;
    gc_track(&n->head);
    return n;
}

int main(void)
{
    gc_disable();
    gc_collect_gen(2);
    Node *nodes[12];
    int c0 = gc_get_count(0);
    size_t live0 = gc_live_objects();
    for (int i = 0; i < 12; i++)
        nodes[i] = pnode_new(i + 1);
    CHECK(gc_get_count(0) == c0 + 12);
    CHECK(gc_live_objects() == live0 + 12);

    /* A cycle among the freed ones: parking happens after the cascade. */
    node_set(nodes[0], 0, nodes[1]);
    node_set(nodes[1], 0, nodes[0]);
    GC_DECREF(&nodes[1]->head);
    for (int i = 0; i < 12; i++) {
        if (i != 1)
            GC_DECREF(&nodes[i]->head);
    }
    /* 10 freed by refcount: 8 parked (no count change), 2 freed; the cycle of
       nodes 0 and 1 is still alive. */
    CHECK(freelist.count == KEEP);
    CHECK(gc_get_count(0) == c0 + 12 - 2);
    CHECK(gc_live_objects() == live0 + 2);
    CHECK(gc_collect_gen(0) == 2);
    CHECK(freelist.count == KEEP);

    /* Taking parked blocks back counts no allocation; they come back fresh. */
    int c1 = gc_get_count(0);
    Node *n = pnode_new(42);
    CHECK(gc_get_count(0) == c1);
    CHECK(n->head.refcnt == 1 && n->head.type == &pnode_type);
    CHECK(n->slot[0] == NULL && n->slot[1] == NULL);
    CHECK(gc_is_tracked(&n->head) && !gc_is_finalized(&n->head));
    CHECK(gc_weakrefs_of(&n->head) == NULL);
    CHECK(freelist.count == KEEP - 1);
    GC_DECREF(&n->head);
    CHECK(freelist.count == KEEP);

    /* Clearing frees every parked block (count0 stays clamped at 0). */
    size_t bytes = gc_live_bytes();
    gc_collect_gen(2);
    gc_freelist_clear(&freelist);
    CHECK(freelist.count == 0);
    CHECK(gc_get_count(0) == 0);
    CHECK(gc_live_bytes() < bytes);
    CHECK(gc_live_objects() == live0);
    CHECK(gc_validate());
    return UNIT_DONE();
}
