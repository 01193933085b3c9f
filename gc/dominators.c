/*
 * gc/dominators.c - owns retained sizes: the dominator tree of the object graph
 * reachable from a root set.
 *
 * Lengauer-Tarjan (the simple variant with path compression, O(m log n)) over
 * a depth-first numbering; node 0 is a virtual root pointing at every root.
 * Every walk is iterative, so a million-long chain needs no deep C stack.
 */
#include "gc_internal.h"

#include <string.h>

#define NONE SIZE_MAX

struct GcDomTree {
    size_t n;          /* nodes, the virtual root 0 included */
    GcHead **obj;      /* by depth-first number */
    size_t *idom;      /* immediate dominator, by number */
    size_t *retained;  /* bytes, by number */
    size_t hash_cap;   /* power of two */
    GcHead **hash_key; /* object -> number */
    size_t *hash_val;
};

/* ==== Object -> number table (open addressing) ==== */

static size_t hash_slot(const GcDomTree *t, const GcHead *o)
{
    uintptr_t h = (uintptr_t)o;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15u;
    return (size_t)(h ^ (h >> 29)) & (t->hash_cap - 1);
}

static size_t hash_get(const GcDomTree *t, const GcHead *o)
{
    if (t->hash_cap == 0)
        return NONE;
    for (size_t i = hash_slot(t, o);; i = (i + 1) & (t->hash_cap - 1)) {
        if (t->hash_key[i] == o)
            return t->hash_val[i];
        if (t->hash_key[i] == NULL)
            return NONE;
    }
}

static void hash_put_nogrow(GcDomTree *t, GcHead *o, size_t v)
{
    size_t i = hash_slot(t, o);
    while (t->hash_key[i] != NULL)
        i = (i + 1) & (t->hash_cap - 1);
    t->hash_key[i] = o;
    t->hash_val[i] = v;
}

/* Keeps the load under one half. */
static bool hash_put(GcDomTree *t, GcHead *o, size_t v, size_t count)
{
    if (2 * (count + 1) > t->hash_cap) {
        size_t old_cap = t->hash_cap;
        GcHead **old_key = t->hash_key;
        size_t *old_val = t->hash_val;
        t->hash_cap = old_cap ? 2 * old_cap : 64;
        t->hash_key = calloc(t->hash_cap, sizeof *t->hash_key);
        t->hash_val = malloc(t->hash_cap * sizeof *t->hash_val);
        if (t->hash_key == NULL || t->hash_val == NULL) {
            free(t->hash_key);
            free(t->hash_val);
            t->hash_key = old_key;
            t->hash_val = old_val;
            t->hash_cap = old_cap;
            return false;
        }
        for (size_t i = 0; i < old_cap; i++)
            if (old_key[i] != NULL)
                hash_put_nogrow(t, old_key[i], old_val[i]);
        free(old_key);
        free(old_val);
    }
    hash_put_nogrow(t, o, v);
    return true;
}

/* ==== Graph construction ==== */

typedef struct Builder {
    GcDomTree *t;
    size_t cap;         /* capacity of the per-node arrays */
    size_t *parent;     /* depth-first tree parent */
    size_t *succ_start; /* into edges */
    size_t *succ_count;
    GcHead **edges; /* successor objects, numbered lazily */
    size_t nedges, edges_cap;
    const GcHead *opaque; /* numbered, but its references are not followed */
    bool oom;
} Builder;

static bool grow(void **p, size_t elem, size_t cap)
{
    void *q = realloc(*p, elem * cap);
    if (q == NULL)
        return false;
    *p = q;
    return true;
}

static int collect_edge(GcHead *child, void *arg)
{
    Builder *b = arg;
    if (child == NULL)
        return 0;
    if (b->nedges == b->edges_cap) {
        size_t cap = b->edges_cap ? 2 * b->edges_cap : 256;
        if (!grow((void **)&b->edges, sizeof *b->edges, cap)) {
            b->oom = true;
            return 1;
        }
        b->edges_cap = cap;
    }
    b->edges[b->nedges++] = child;
    return 0;
}

/* Give o the next number and record its successors. */
static size_t number(Builder *b, GcHead *o, size_t parent)
{
    GcDomTree *t = b->t;
    size_t v = t->n;
    if (v == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 256;
        if (!grow((void **)&t->obj, sizeof *t->obj, cap) ||
            !grow((void **)&b->parent, sizeof *b->parent, cap) ||
            !grow((void **)&b->succ_start, sizeof *b->succ_start, cap) ||
            !grow((void **)&b->succ_count, sizeof *b->succ_count, cap)) {
            b->oom = true;
            return NONE;
        }
        b->cap = cap;
    }
    if (o != NULL && !hash_put(t, o, v, v)) {
        b->oom = true;
        return NONE;
    }
    t->n++;
    t->obj[v] = o;
    b->parent[v] = parent;
    b->succ_start[v] = b->nedges;
    if (o != NULL && o != b->opaque && gc_is_gc(o))
        o->type->traverse(o, collect_edge, b);
    b->succ_count[v] = b->nedges - b->succ_start[v];
    return b->oom ? NONE : v;
}

/* Depth-first numbering from the virtual root (whose successors are roots). */
static bool depth_first(Builder *b, GcHead *const *roots, size_t nroots)
{
    if (number(b, NULL, NONE) == NONE)
        return false;
    for (size_t i = 0; i < nroots; i++)
        if (collect_edge(roots[i], b))
            return false;
    b->succ_count[0] = b->nedges;
    size_t *stack = NULL, *pos = NULL;
    size_t depth = 0, stack_cap = 0;
    bool ok = true;
    size_t v = 0;
    size_t next_edge = 0;
    for (;;) {
        if (next_edge < b->succ_count[v]) {
            GcHead *w_obj = b->edges[b->succ_start[v] + next_edge++];
            if (hash_get(b->t, w_obj) != NONE)
                continue;
            if (depth == stack_cap) {
                size_t cap = stack_cap ? 2 * stack_cap : 256;
                if (!grow((void **)&stack, sizeof *stack, cap) ||
                    !grow((void **)&pos, sizeof *pos, cap)) {
                    ok = false;
                    break;
                }
                stack_cap = cap;
            }
            size_t w = number(b, w_obj, v);
            if (w == NONE) {
                ok = false;
                break;
            }
            stack[depth] = v;
            pos[depth] = next_edge;
            depth++;
            v = w;
            next_edge = 0;
        } else if (depth > 0) {
            depth--;
            v = stack[depth];
            next_edge = pos[depth];
        } else {
            break;
        }
    }
    free(stack);
    free(pos);
    return ok;
}

/* ==== Lengauer-Tarjan ==== */

typedef struct Lt {
    size_t *semi, *label, *ancestor, *bucket_head, *bucket_next, *path;
    size_t *pred_start, *preds;
} Lt;

/* Path compression without recursion: collect the path, then fold it top-down. */
static size_t eval(Lt *lt, size_t v)
{
    if (lt->ancestor[v] == NONE)
        return v;
    size_t sp = 0, x = v;
    while (lt->ancestor[lt->ancestor[x]] != NONE) {
        lt->path[sp++] = x;
        x = lt->ancestor[x];
    }
    while (sp > 0) {
        x = lt->path[--sp];
        size_t a = lt->ancestor[x];
        if (lt->semi[lt->label[a]] < lt->semi[lt->label[x]])
            lt->label[x] = lt->label[a];
        lt->ancestor[x] = lt->ancestor[a];
    }
    return lt->label[v];
}

static bool dominators(Builder *b)
{
    GcDomTree *t = b->t;
    size_t n = t->n;
    Lt lt = {0};
    size_t **arrays[] = {&lt.semi,        &lt.label, &lt.ancestor,  &lt.bucket_head,
                         &lt.bucket_next, &lt.path,  &lt.pred_start};
    bool ok = (t->idom = malloc(n * sizeof(size_t))) != NULL;
    for (size_t i = 0; ok && i < sizeof arrays / sizeof arrays[0]; i++)
        ok = (*arrays[i] = malloc((n + 1) * sizeof(size_t))) != NULL;
    ok = ok && (lt.preds = malloc((b->nedges + 1) * sizeof(size_t))) != NULL;
    if (ok) {
        /* predecessors, compressed rows */
        memset(lt.pred_start, 0, (n + 1) * sizeof(size_t));
        for (size_t e = 0; e < b->nedges; e++)
            lt.pred_start[hash_get(t, b->edges[e]) + 1]++;
        for (size_t v = 0; v < n; v++)
            lt.pred_start[v + 1] += lt.pred_start[v];
        memcpy(lt.path, lt.pred_start, (n + 1) * sizeof(size_t));
        for (size_t v = 0; v < n; v++)
            for (size_t e = 0; e < b->succ_count[v]; e++) {
                size_t w = hash_get(t, b->edges[b->succ_start[v] + e]);
                lt.preds[lt.path[w]++] = v;
            }
        for (size_t v = 0; v < n; v++) {
            lt.semi[v] = lt.label[v] = v;
            lt.ancestor[v] = lt.bucket_head[v] = NONE;
        }
        for (size_t w = n - 1; w >= 1; w--) {
            for (size_t e = lt.pred_start[w]; e < lt.pred_start[w + 1]; e++) {
                size_t u = eval(&lt, lt.preds[e]);
                if (lt.semi[u] < lt.semi[w])
                    lt.semi[w] = lt.semi[u];
            }
            lt.bucket_next[w] = lt.bucket_head[lt.semi[w]];
            lt.bucket_head[lt.semi[w]] = w;
            size_t p = b->parent[w];
            lt.ancestor[w] = p;
            for (size_t v = lt.bucket_head[p]; v != NONE; v = lt.bucket_next[v]) {
                size_t u = eval(&lt, v);
                t->idom[v] = lt.semi[u] < lt.semi[v] ? u : p;
            }
            lt.bucket_head[p] = NONE;
        }
        for (size_t w = 1; w < n; w++)
            if (t->idom[w] != lt.semi[w])
                t->idom[w] = t->idom[t->idom[w]];
        t->idom[0] = 0;
    }
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        free(*arrays[i]);
    free(lt.preds);
    return ok;
}

/* ==== Public ==== */

GcDomTree *gc_domtree_new(GcHead *const *roots, size_t nroots)
{
    return gc_domtree_new_opaque(roots, nroots, NULL);
}

GcDomTree *gc_domtree_new_opaque(GcHead *const *roots, size_t nroots,
                                 const GcHead *opaque)
{
    GcDomTree *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    Builder b = {.t = t, .opaque = opaque};
    bool ok = depth_first(&b, roots, nroots) && dominators(&b) &&
              (t->retained = malloc(t->n * sizeof(size_t))) != NULL;
    if (ok) {
        t->retained[0] = 0;
        for (size_t v = 1; v < t->n; v++)
            t->retained[v] = gc_shallow_size(t->obj[v]);
        /* a dominator is numbered before what it dominates */
        for (size_t v = t->n - 1; v >= 1; v--)
            t->retained[t->idom[v]] += t->retained[v];
    }
    free(b.parent);
    free(b.succ_start);
    free(b.succ_count);
    free(b.edges);
    if (!ok) {
        gc_domtree_free(t);
        return NULL;
    }
    return t;
}

void gc_domtree_free(GcDomTree *tree)
{
    if (tree == NULL)
        return;
    free(tree->obj);
    free(tree->idom);
    free(tree->retained);
    free(tree->hash_key);
    free(tree->hash_val);
    free(tree);
}

size_t gc_domtree_count(const GcDomTree *tree)
{
    return tree->n - 1;
}

GcHead *gc_domtree_object(const GcDomTree *tree, size_t i)
{
    GC_ASSERT(i + 1 < tree->n);
    return tree->obj[i + 1];
}

size_t gc_domtree_retained(const GcDomTree *tree, const GcHead *o)
{
    size_t v = hash_get(tree, o);
    return v == NONE ? 0 : tree->retained[v];
}

GcHead *gc_domtree_idom(const GcDomTree *tree, const GcHead *o)
{
    size_t v = hash_get(tree, o);
    if (v == NONE || tree->idom[v] == 0)
        return NULL;
    return tree->obj[tree->idom[v]];
}
