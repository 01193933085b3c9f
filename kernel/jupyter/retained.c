/*
 * kernel/jupyter/retained.c - owns "what would be freed if this name let go":
 * the retained size of every global, for %whos, %memory and %leakwatch.
 *
 * The namespace dict itself is made opaque (gc_domtree_new_opaque), so a
 * function's __globals__ does not make every global reachable from every
 * function; instead each user name gets a root of its own (a Holder, seen only
 * by the dominator walk), and the history names (In, Out, _, _N, ...) share
 * one. Objects that have more references than the graph shows are held from
 * outside the namespace (sys.modules, a running frame, an immortal): they
 * become roots too, so no name is credited with them. A name's retained size
 * is then its Holder's dominated bytes, which is 0 when another name or an
 * outside reference also holds the value.
 */
#include "magics_internal.h"

#include "errors.h"

#include <stdlib.h>
#include <string.h>

/* ==== Holders: one root per name ==== */

/* A pseudo-object for the dominator walk only: never allocated by gc/, never
   tracked, never freed by a refcount (its count stays 1). */
typedef struct Holder {
    GcHead head;
    MpObject **values; /* borrowed */
    size_t n;
} Holder;

static int holder_traverse(GcHead *self, GcVisit visit, void *arg)
{
    Holder *h = (Holder *)self;
    for (size_t i = 0; i < h->n; i++) {
        int r = visit(h->values[i], arg);
        if (r)
            return r;
    }
    return 0;
}

static GcType holder_type = {.name = "namespace name", .traverse = holder_traverse};

static void holder_init(Holder *h, MpObject **values, size_t n)
{
    h->head.refcnt = 1;
    h->head.type = &holder_type;
    h->values = values;
    h->n = n;
}

/* What the Holder's root dominates, the Holder itself not counted. */
static size_t holder_retained(const GcDomTree *t, Holder *h)
{
    size_t r = gc_domtree_retained(t, &h->head);
    size_t self = gc_shallow_size(&h->head);
    return r > self ? r - self : 0;
}

/* ==== References seen inside the graph (object -> count) ==== */

typedef struct Counts {
    const GcHead **keys;
    size_t *vals;
    size_t cap; /* power of two, at least twice the objects */
} Counts;

static size_t slot_of(const Counts *c, const GcHead *o)
{
    uintptr_t h = (uintptr_t)o;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15u;
    size_t i = (size_t)(h ^ (h >> 29)) & (c->cap - 1);
    while (c->keys[i] != NULL && c->keys[i] != o)
        i = (i + 1) & (c->cap - 1);
    return i;
}

static int count_edge(GcHead *child, void *arg)
{
    Counts *c = arg;
    if (child == NULL)
        return 0;
    size_t i = slot_of(c, child);
    c->keys[i] = child;
    c->vals[i]++;
    return 0;
}

static size_t count_of(const Counts *c, const GcHead *o)
{
    size_t i = slot_of(c, o);
    return c->keys[i] ? c->vals[i] : 0;
}

/* ==== The scan ==== */

/* Objects of the namespace graph that something outside it also holds. */
static GcHead **outside_held(MpObject *globals, const KjNamespace *ns,
                             MpObject **values, size_t *nout)
{
    GcDomTree *t = gc_domtree_new_opaque((GcHead *const *)values, ns->n, globals);
    if (!t)
        return NULL;
    size_t n = gc_domtree_count(t);
    Counts c = {0};
    c.cap = 64;
    while (c.cap < 2 * (n + 1))
        c.cap *= 2;
    c.keys = calloc(c.cap, sizeof *c.keys);
    c.vals = calloc(c.cap, sizeof *c.vals);
    GcHead **out = malloc((n + 1) * sizeof *out);
    if (!c.keys || !c.vals || !out) {
        free(out);
        out = NULL;
        goto done;
    }
    for (size_t i = 0; i < ns->n; i++)
        count_edge(values[i], &c);
    for (size_t i = 0; i < n; i++) {
        GcHead *o = gc_domtree_object(t, i);
        if (o != globals)
            gc_visit_referents(o, count_edge, &c);
    }
    *nout = 0;
    for (size_t i = 0; i < n; i++) {
        GcHead *o = gc_domtree_object(t, i);
        if (o != globals && (size_t)o->refcnt > count_of(&c, o))
            out[(*nout)++] = o;
    }
done:
    free(c.keys);
    free(c.vals);
    gc_domtree_free(t);
    return out;
}

/* Retained sizes, with borrowed pointers only: nothing here allocates a
   Minipy object, so no collection or user code can run meanwhile. */
static int compute_retained(MpObject *globals, KjNamespace *ns)
{
    MpObject **values = malloc((ns->n + 1) * sizeof *values);
    MpObject **hist = malloc((ns->n + 1) * sizeof *hist);
    Holder *holders = malloc((ns->n + 1) * sizeof *holders);
    size_t nout = 0, nhist = 0;
    GcHead **outside = NULL, **roots = NULL;
    GcDomTree *t = NULL;
    int rc = -1;
    if (!values || !hist || !holders)
        goto done;
    for (size_t i = 0; i < ns->n; i++) {
        values[i] = ns->items[i].value;
        if (ns->items[i].history)
            hist[nhist++] = ns->items[i].value;
    }
    outside = outside_held(globals, ns, values, &nout);
    roots = outside ? malloc((ns->n + 1 + nout) * sizeof *roots) : NULL;
    if (!roots)
        goto done;
    size_t nroots = 0;
    for (size_t i = 0; i < ns->n; i++) {
        holder_init(&holders[i], &values[i], 1);
        if (!ns->items[i].history)
            roots[nroots++] = &holders[i].head;
    }
    holder_init(&holders[ns->n], hist, nhist);
    roots[nroots++] = &holders[ns->n].head;
    memcpy(roots + nroots, outside, nout * sizeof *roots);
    t = gc_domtree_new_opaque(roots, nroots + nout, globals);
    if (!t)
        goto done;
    for (size_t i = 0; i < ns->n; i++)
        ns->items[i].retained =
            ns->items[i].history ? 0 : holder_retained(t, &holders[i]);
    ns->history_retained = holder_retained(t, &holders[ns->n]);
    rc = 0;
done:
    gc_domtree_free(t);
    free(values);
    free(hist);
    free(holders);
    free(outside);
    free(roots);
    return rc;
}

int kj_namespace_scan(MpObject *globals, KjNamespace *ns)
{
    memset(ns, 0, sizeof *ns);
    ns->items = malloc(((size_t)MP_DICT_LEN(globals) + 1) * sizeof *ns->items);
    if (!ns->items) {
        mp_err_nomemory();
        return -1;
    }
    int64_t pos = 0;
    MpObject *k, *v;
    while (mp_dict_next(globals, &pos, &k, &v)) {
        if (!mp_is_str(k))
            continue;
        ns->items[ns->n++] =
            (KjBinding){k, v, v->refcnt, 0, kj_is_history_name(MP_STR_DATA(k))};
    }
    int rc = compute_retained(globals, ns);
    for (size_t i = 0; i < ns->n; i++) {
        MP_INCREF(ns->items[i].name);
        MP_INCREF(ns->items[i].value);
    }
    if (rc < 0) {
        kj_namespace_fini(ns);
        mp_err_nomemory();
    }
    return rc;
}

void kj_namespace_fini(KjNamespace *ns)
{
    for (size_t i = 0; i < ns->n; i++) {
        MP_DECREF(ns->items[i].name);
        MP_DECREF(ns->items[i].value);
    }
    free(ns->items);
    memset(ns, 0, sizeof *ns);
}
