/*
 * kernel/jupyter/refgraph.c - %refgraph NAME [DEPTH]: an SVG drawing of who
 * refers to an object, and what it refers to, in the style of objgraph's
 * show_backrefs.
 *
 * The referrers are found level by level (gc_visit_referrers over a whole
 * level at once), up to DEPTH levels and MAX_NODES objects. The namespace
 * dict is not drawn as a node: each of its entries becomes a node with the
 * global's name. Graphviz's dot lays the graph out and renders SVG in memory.
 * Graphviz (seven shared libraries) is loaded with dlopen() at the first
 * %refgraph, so kernels that never draw do not pay for it at start-up. Only
 * its core (SVG) and dot layout plugins are loaded, not the pango text plugin:
 * label widths then come from Graphviz's own font metrics, so the drawing is the
 * same on every machine whatever fonts it has.
 */
#include "magics_internal.h"

#include "errors.h"
#include "kernel.h"
#include "runtime.h"

#include <gvc.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DEPTH 3
#define MAX_DEPTH     10
#define MAX_NODES     60
#define MAX_REFERENTS 12

/* ==== The graph, as plain C arrays ==== */

typedef enum NodeRole { ROLE_TARGET, ROLE_REFERRER, ROLE_REFERENT } NodeRole;

typedef struct Node {
    MpObject *obj;   /* a strong reference while the graph is built */
    intptr_t refcnt; /* as first seen, before our reference */
    int depth;
    NodeRole role;
} Node;

typedef struct Edge {
    size_t from, to; /* node indexes; from == SIZE_MAX: a global name */
    MpObject *name;  /* the global's name (borrowed from the dict) or NULL */
} Edge;

typedef struct Graph {
    MpObject *globals;
    Node nodes[MAX_NODES];
    size_t nnodes;
    Edge *edges;
    size_t nedges, edges_cap;
    bool truncated;
    bool oom;
} Graph;

static size_t node_index(const Graph *g, const MpObject *o)
{
    for (size_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].obj == o)
            return i;
    return SIZE_MAX;
}

/* Index of o, added if new; SIZE_MAX when the graph is full. */
static size_t add_node(Graph *g, MpObject *o, int depth, NodeRole role)
{
    size_t i = node_index(g, o);
    if (i != SIZE_MAX)
        return i;
    if (g->nnodes == MAX_NODES) {
        g->truncated = true;
        return SIZE_MAX;
    }
    g->nodes[g->nnodes] = (Node){o, o->refcnt, depth, role};
    MP_INCREF(o);
    return g->nnodes++;
}

static void add_edge(Graph *g, size_t from, size_t to, MpObject *name)
{
    for (size_t i = 0; i < g->nedges; i++)
        if (g->edges[i].from == from && g->edges[i].to == to &&
            g->edges[i].name == name)
            return;
    if (g->nedges == g->edges_cap) {
        size_t cap = g->edges_cap ? 2 * g->edges_cap : 64;
        Edge *e = realloc(g->edges, cap * sizeof *e);
        if (!e) {
            g->oom = true;
            return;
        }
        g->edges = e;
        g->edges_cap = cap;
    }
    g->edges[g->nedges++] = (Edge){from, to, name};
}

/* ==== Walking the references ==== */

typedef struct Found {
    GcHead **items;
    size_t n, cap;
    bool oom;
} Found;

/* A gc_visit_referrers callback: no allocation of GC objects here. */
static int collect(GcHead *o, void *arg)
{
    Found *f = arg;
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 64;
        GcHead **p = realloc(f->items, cap * sizeof *p);
        if (!p) {
            f->oom = true;
            return 1;
        }
        f->items = p;
        f->cap = cap;
    }
    f->items[f->n++] = o;
    return 0;
}

typedef struct Link {
    Graph *g;
    size_t from;
    int depth;
} Link;

/* A referent of a referrer: the edge from -> child when child is in the level
   being expanded. */
static int link_child(GcHead *child, void *arg)
{
    Link *l = arg;
    size_t to = child ? node_index(l->g, child) : SIZE_MAX;
    if (to != SIZE_MAX && l->g->nodes[to].depth == l->depth &&
        l->g->nodes[to].role != ROLE_REFERENT)
        add_edge(l->g, l->from, to, NULL);
    return 0;
}

/* Global names bound to o become name edges. */
static void add_names(Graph *g, size_t to)
{
    int64_t pos = 0;
    MpObject *k, *v;
    while (mp_dict_next(g->globals, &pos, &k, &v))
        if (v == g->nodes[to].obj && mp_is_str(k))
            add_edge(g, SIZE_MAX, to, k);
}

/* Modules and the namespace are where a chain of referrers stops. */
static bool stops_here(const Graph *g, const MpObject *o)
{
    return o == g->globals || strcmp(mp_type_name(o), "module") == 0;
}

static void expand_referrers(Graph *g, int max_depth)
{
    Found f = {0};
    for (int depth = 0; depth < max_depth && !g->oom; depth++) {
        f.n = 0;
        GcHead *level[MAX_NODES];
        size_t nlevel = 0;
        for (size_t i = 0; i < g->nnodes; i++)
            if (g->nodes[i].depth == depth && g->nodes[i].role != ROLE_REFERENT &&
                !stops_here(g, g->nodes[i].obj)) {
                level[nlevel++] = g->nodes[i].obj;
                add_names(g, i);
            }
        if (nlevel == 0)
            break;
        gc_visit_referrers(level, nlevel, collect, &f);
        if (f.oom)
            g->oom = true;
        for (size_t i = 0; i < f.n && !g->oom; i++) {
            if (f.items[i] == g->globals)
                continue; /* drawn as the names */
            size_t from = add_node(g, f.items[i], depth + 1, ROLE_REFERRER);
            if (from == SIZE_MAX)
                continue;
            Link l = {g, from, depth};
            gc_visit_referents(f.items[i], link_child, &l);
        }
    }
    free(f.items);
}

static int link_referent(GcHead *child, void *arg)
{
    Link *l = arg;
    if (child == NULL || child == l->g->globals)
        return 0;
    if (l->depth >= MAX_REFERENTS) {
        l->g->truncated = true;
        return 0;
    }
    size_t known = node_index(l->g, child);
    size_t to = known != SIZE_MAX ? known : add_node(l->g, child, 1, ROLE_REFERENT);
    if (to != SIZE_MAX) {
        add_edge(l->g, l->from, to, NULL);
        l->depth++;
    }
    return 0;
}

static void graph_fini(Graph *g)
{
    for (size_t i = 0; i < g->nnodes; i++)
        MP_DECREF(g->nodes[i].obj);
    free(g->edges);
}

/* ==== Drawing ==== */

/* "list\nrefcount 3" plus a short value for scalars and the name of what has one. */
static void node_label(const Node *n, char *buf, size_t size)
{
    MpObject *o = n->obj;
    const char *type = mp_type_name(o);
    int len = snprintf(buf, size, "%s\nrefcount %lld", type, (long long)n->refcnt);
    if (len < 0 || (size_t)len >= size)
        return;
    if (mp_is_str(o)) {
        snprintf(buf + len, size - (size_t)len, "\n'%.24s%s'", MP_STR_DATA(o),
                 MP_STR_SIZE(o) > 24 ? "..." : "");
    } else if (mp_is_int(o) && o->type == &mp_int_type.gc) {
        snprintf(buf + len, size - (size_t)len, "\n%lld", (long long)MP_INT_VALUE(o));
    } else if (o->type == &mp_list_type.gc || o->type == &mp_dict_type.gc) {
        long long count = o->type == &mp_list_type.gc ? (long long)MP_LIST_SIZE(o)
                                                      : (long long)MP_DICT_LEN(o);
        snprintf(buf + len, size - (size_t)len, "\n%lld item%s", count,
                 count == 1 ? "" : "s");
    } else if (o->type == &mp_type_type.gc) {
        snprintf(buf + len, size - (size_t)len, "\n%s", ((MpType *)o)->gc.name);
    }
}

static const char *role_color(NodeRole r)
{
    switch (r) {
    case ROLE_TARGET:
        return "#ffd27f";
    case ROLE_REFERRER:
        return "#e6f0ff";
    case ROLE_REFERENT:
        return "#eeeeee";
    }
    return "white";
}

/* ==== Graphviz, loaded on first use ==== */

#define GV_LIBRARY "libgvc.so.6"

/* The Graphviz entry points render_svg() calls, typed as gvc.h declares them. */
static struct {
    __typeof__(&gvContextPlugins) gvContextPlugins;
    __typeof__(&gvFreeContext) gvFreeContext;
    __typeof__(&gvLayout) gvLayout;
    __typeof__(&gvFreeLayout) gvFreeLayout;
    __typeof__(&gvRenderData) gvRenderData;
    __typeof__(&gvFreeRenderData) gvFreeRenderData;
    __typeof__(&agopen) agopen;
    __typeof__(&agclose) agclose;
    __typeof__(&agattr) agattr;
    __typeof__(&agsafeset) agsafeset;
    __typeof__(&agnode) agnode;
    __typeof__(&agedge) agedge;
    const Agdesc_t *directed;
} gv;

/* The two plugins render_svg() needs, as gvContextPlugins() builtins. */
static lt_symlist_t plugins[3];

/* Loads the core and dot layout plugins from Graphviz's plugin directory.
   0, or -1 with an ImportError set. */
static int load_plugins(void)
{
    static const char *const names[][2] = {
        {"libgvplugin_core.so.6", "gvplugin_core_LTX_library"},
        {"libgvplugin_dot_layout.so.6", "gvplugin_dot_layout_LTX_library"},
    };
    for (int i = 0; i < 2; i++) {
        char file[512];
        snprintf(file, sizeof file, "%s/%s", MP_GRAPHVIZ_PLUGIN_DIR, names[i][0]);
        void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
        void *sym = h ? dlsym(h, names[i][1]) : NULL;
        if (!sym) {
            mp_err_format(mp_ImportError, "%%refgraph needs Graphviz's plugin %s", file);
            return -1;
        }
        plugins[i].name = names[i][1];
        plugins[i].address = sym;
    }
    return 0;
}

/* Loads Graphviz once. 0, or -1 with an ImportError set (the library or one of
   its symbols is missing); a failed load is retried at the next call. */
static int load_graphviz(void)
{
    static void *lib;
    if (lib)
        return 0;
    void *h = dlopen(GV_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        mp_err_format(mp_ImportError, "%%refgraph needs Graphviz: %s", dlerror());
        return -1;
    }
    struct {
        const char *name;
        void **slot;
    } syms[] = {
        {"gvContextPlugins", (void **)&gv.gvContextPlugins},
        {"gvFreeContext", (void **)&gv.gvFreeContext},
        {"gvLayout", (void **)&gv.gvLayout},
        {"gvFreeLayout", (void **)&gv.gvFreeLayout},
        {"gvRenderData", (void **)&gv.gvRenderData},
        {"gvFreeRenderData", (void **)&gv.gvFreeRenderData},
        {"agopen", (void **)&gv.agopen},
        {"agclose", (void **)&gv.agclose},
        {"agattr", (void **)&gv.agattr},
        {"agsafeset", (void **)&gv.agsafeset},
        {"agnode", (void **)&gv.agnode},
        {"agedge", (void **)&gv.agedge},
        {"Agdirected", (void **)&gv.directed},
    };
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
        /* POSIX: a dlsym() result converts to a function pointer */
        if (!(*syms[i].slot = dlsym(h, syms[i].name))) {
            mp_err_format(mp_ImportError, "%%refgraph needs Graphviz: %s lacks %s",
                          GV_LIBRARY, syms[i].name);
            dlclose(h);
            return -1;
        }
    }
    if (load_plugins() < 0) {
        dlclose(h);
        return -1;
    }
    lib = h;
    return 0;
}

/* The SVG text (malloc'd, NUL-terminated) or NULL. Graphviz is loaded. */
static char *render_svg(const Graph *g)
{
    GVC_t *gvc = gv.gvContextPlugins(plugins, 0);
    if (!gvc)
        return NULL;
    Agraph_t *ag = gv.agopen("refgraph", *gv.directed, NULL);
    gv.agsafeset(ag, "rankdir", "BT", "");
    gv.agattr(ag, AGNODE, "shape", "box");
    gv.agattr(ag, AGNODE, "style", "filled,rounded");
    gv.agattr(ag, AGNODE, "fontname", "Helvetica");
    gv.agattr(ag, AGNODE, "fontsize", "10");
    gv.agattr(ag, AGNODE, "fillcolor", "white");
    gv.agattr(ag, AGNODE, "label", "");
    gv.agattr(ag, AGEDGE, "color", "#555555");
    Agnode_t **an = calloc(g->nnodes + 1, sizeof *an);
    char id[32], label[160];
    for (size_t i = 0; an && i < g->nnodes; i++) {
        snprintf(id, sizeof id, "o%zu", i);
        an[i] = gv.agnode(ag, id, 1);
        node_label(&g->nodes[i], label, sizeof label);
        gv.agsafeset(an[i], "label", label, "");
        gv.agsafeset(an[i], "fillcolor", (char *)role_color(g->nodes[i].role), "");
    }
    for (size_t i = 0; an && i < g->nedges; i++) {
        const Edge *e = &g->edges[i];
        Agnode_t *from;
        if (e->from == SIZE_MAX) {
            snprintf(id, sizeof id, "name%zu", i);
            from = gv.agnode(ag, id, 1);
            gv.agsafeset(from, "label", (char *)MP_STR_DATA(e->name), "");
            gv.agsafeset(from, "shape", "plaintext", "");
            gv.agsafeset(from, "style", "", "");
            gv.agsafeset(from, "fontname", "Helvetica-Bold", "");
        } else {
            from = an[e->from];
        }
        /* rankdir BT with edges target -> referrer draws referrers above */
        Agedge_t *edge = gv.agedge(ag, an[e->to], from, NULL, 1);
        gv.agsafeset(edge, "dir", "back", "");
    }
    char *svg = NULL;
    if (an && gv.gvLayout(gvc, ag, "dot") == 0) {
        char *data = NULL;
        unsigned int len = 0;
        if (gv.gvRenderData(gvc, ag, "svg", &data, &len) == 0 && data) {
            svg = malloc((size_t)len + 1);
            if (svg) {
                memcpy(svg, data, len);
                svg[len] = '\0';
            }
        }
        gv.gvFreeRenderData(data);
        gv.gvFreeLayout(gvc, ag);
    }
    free(an);
    gv.agclose(ag);
    gv.gvFreeContext(gvc);
    return svg;
}

/* ==== %refgraph ==== */

MpObject *kj_magic_refgraph(const char *args)
{
    const char *p = args + strspn(args, " \t");
    size_t len = strcspn(p, " \t");
    if (len == 0)
        return mp_err_set(mp_ValueError, "usage: %refgraph NAME [DEPTH]");
    int depth = DEFAULT_DEPTH;
    const char *rest = p + len + strspn(p + len, " \t");
    if (*rest) {
        char *end;
        long d = strtol(rest, &end, 10);
        if (end == rest || *(end + strspn(end, " \t")) != '\0' || d < 1 ||
            d > MAX_DEPTH)
            return mp_err_format(mp_ValueError,
                                 "%%refgraph: DEPTH must be 1 to %d, not '%s'",
                                 MAX_DEPTH, rest);
        depth = (int)d;
    }
    if (load_graphviz() < 0)
        return NULL;
    MpObject *globals = mp_runtime_globals();
    MpObject *obj = kj_resolve(globals, p, len);
    if (!obj)
        return mp_err_format(mp_NameError, "name '%.*s' is not defined", (int)len, p);
    Graph g = {.globals = globals};
    add_node(&g, obj, 0, ROLE_TARGET);
    Link l = {&g, 0, 0};
    gc_visit_referents(obj, link_referent, &l);
    expand_referrers(&g, depth);
    char *svg = g.oom ? NULL : render_svg(&g);
    MpStrBuf plain, rich;
    mp_strbuf_init(&plain);
    mp_strbuf_init(&rich);
    kj_buf_printf(&plain, "<refgraph of %.*s: %zu objects, %zu references%s>", (int)len,
                  p, g.nnodes, g.nedges, g.truncated ? ", truncated" : "");
    graph_fini(&g);
    if (!svg) {
        mp_strbuf_free(&plain);
        mp_strbuf_free(&rich);
        return mp_err_set(mp_RuntimeError,
                          "%refgraph: Graphviz could not draw the graph");
    }
    mp_strbuf_add_cstr(&rich, svg);
    free(svg);
    if (kj_buf_display(&plain, "image/svg+xml", &rich) < 0)
        return NULL;
    MP_RETURN_NONE;
}
