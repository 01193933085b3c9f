/*
 * tests/unit/test_gc_node.h - the test-only object kinds the gc unit tests build
 * graphs from: a node with N child slots, an atom (non-GC leaf), and a weakref.
 *
 * Nodes can carry a finalizer (a function pointer per node, so each test decides
 * what __del__ does) and a label; every dealloc and finalize is logged in order.
 */
#ifndef MINIPY_TESTS_UNIT_TEST_GC_NODE_H
#define MINIPY_TESTS_UNIT_TEST_GC_NODE_H

#include "gc.h"
#include "unit.h"

#include <string.h>

typedef struct Node Node;
typedef void (*NodeFinalizer)(Node *self);

struct Node {
    GcHead head;
    int label;
    NodeFinalizer on_finalize;
    size_t nslots;
    GcHead *slot[];
};

#define LOG_MAX 4096
static int log_events[LOG_MAX]; /* +label: finalized, -label: deallocated */
static size_t log_len;

static inline void log_event(int e)
{
    if (log_len < LOG_MAX)
        log_events[log_len] = e;
    log_len++;
}

static inline int node_traverse(GcHead *self, GcVisit visit, void *arg)
{
    Node *n = (Node *)self;
    for (size_t i = n->nslots; i-- > 0;) {
        if (n->slot[i]) {
            int r = visit(n->slot[i], arg);
            if (r)
                return r;
        }
    }
    return 0;
}

static inline void node_clear(GcHead *self)
{
    Node *n = (Node *)self;
    for (size_t i = 0; i < n->nslots; i++)
        GC_CLEAR(n->slot[i]);
}

static inline void node_dealloc(GcHead *self)
{
    Node *n = (Node *)self;
    gc_untrack(self);
    if (n->label)
        log_event(-n->label);
    node_clear(self);
    gc_free(self);
}

static inline size_t node_size(const GcHead *self)
{
    return sizeof(Node) + ((const Node *)self)->nslots * sizeof(GcHead *);
}

static inline void node_finalize(GcHead *self)
{
    Node *n = (Node *)self;
    log_event(n->label);
    if (n->on_finalize)
        n->on_finalize(n);
}

static GcType node_type = {.name = "node",
                           .traverse = node_traverse,
                           .clear = node_clear,
                           .dealloc = node_dealloc,
                           .size = node_size};

/* Same as node, with a finalizer (a class with __del__). */
static GcType fnode_type = {.name = "fnode",
                            .traverse = node_traverse,
                            .clear = node_clear,
                            .finalize = node_finalize,
                            .dealloc = node_dealloc,
                            .size = node_size};

/* A new tracked node (refcount 1) of `type` with nslots empty slots. */
static inline Node *node_new_of(GcType *type, size_t nslots, int label)
{
    Node *n = (Node *)gc_alloc(type, sizeof(Node) + nslots * sizeof(GcHead *));
    if (n == NULL)
        return NULL;
    n->nslots = nslots;
    n->label = label;
    gc_track(&n->head);
    return n;
}

static inline Node *node_new(size_t nslots, int label)
{
    return node_new_of(&node_type, nslots, label);
}

static inline Node *fnode_new(size_t nslots, int label, NodeFinalizer fin)
{
    Node *n = node_new_of(&fnode_type, nslots, label);
    if (n)
        n->on_finalize = fin;
    return n;
}

/* slot i of `from` takes a new reference to `to` (dropping the old one). */
static inline void node_set(Node *from, size_t i, void *to)
{
    GcHead *old = from->slot[i];
    if (to)
        GC_INCREF(to);
    from->slot[i] = to;
    GC_XDECREF(old);
}

/* ==== Atoms: non-GC leaves (ints, strs) ==== */

typedef struct Atom {
    GcHead head;
    int label;
} Atom;

static inline void atom_dealloc(GcHead *self)
{
    if (((Atom *)self)->label)
        log_event(-((Atom *)self)->label);
    gc_free(self);
}

static inline size_t atom_size(const GcHead *self)
{
    (void)self;
    return 28;
}

static GcType atom_type = {.name = "atom", .dealloc = atom_dealloc, .size = atom_size};

static inline Atom *atom_new(int label)
{
    Atom *a = (Atom *)gc_alloc(&atom_type, sizeof(Atom));
    if (a)
        a->label = label;
    return a;
}

/* ==== Weak references ==== */

typedef struct WeakObj {
    GcHead head;
    GcWeakRef ref;
    int label;
    int calls; /* callbacks received */
    void (*on_call)(struct WeakObj *self);
} WeakObj;

static inline int weak_traverse(GcHead *self, GcVisit visit, void *arg)
{
    (void)self;
    (void)visit;
    (void)arg;
    return 0;
}

static inline void weak_clear(GcHead *self)
{
    gc_weakref_detach(&((WeakObj *)self)->ref);
}

static inline void weak_dealloc(GcHead *self)
{
    WeakObj *w = (WeakObj *)self;
    gc_untrack(self);
    gc_weakref_detach(&w->ref);
    if (w->label)
        log_event(-w->label);
    gc_free(self);
}

static GcType weak_type = {.name = "weakref",
                           .traverse = weak_traverse,
                           .clear = weak_clear,
                           .dealloc = weak_dealloc,
                           .weakref_offset = offsetof(WeakObj, ref)};

static inline void weak_callback(GcWeakRef *ref)
{
    WeakObj *w = (WeakObj *)ref->owner;
    CHECK(ref->referent == NULL);
    CHECK(w->head.refcnt >= 1);
    w->calls++;
    log_event(1000 + w->label);
    if (w->on_call)
        w->on_call(w);
}

static inline WeakObj *weak_new(void *referent, bool with_callback, int label)
{
    WeakObj *w = (WeakObj *)gc_alloc(&weak_type, sizeof(WeakObj));
    if (w == NULL)
        return NULL;
    w->label = label;
    gc_track(&w->head);
    gc_weakref_attach(&w->ref, &w->head, referent,
                      with_callback ? weak_callback : NULL);
    return w;
}

/* ==== Helpers ==== */

/* Full collection until nothing is left: a clean slate between test cases. */
static inline void gc_settle(void)
{
    while (gc_collect_gen(2) != 0)
        ;
    log_len = 0;
}

static inline bool logged(int e)
{
    for (size_t i = 0; i < log_len && i < LOG_MAX; i++)
        if (log_events[i] == e)
            return true;
    return false;
}

#endif
