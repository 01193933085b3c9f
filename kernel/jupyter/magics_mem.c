/*
 * kernel/jupyter/magics_mem.c - the magics over memory as a whole: %memory
 * (by type, by generation, change since the previous cell, top retainers),
 * %gc (the collector's settings, counters and last collections) and
 * %leakwatch (after each cell, who holds the growth).
 *
 * kj_magics_after_cell() runs at the end of every execute request: it keeps
 * the totals %memory compares with and, when %leakwatch is on, the retained
 * size of every name.
 */
#include "magics.h"
#include "magics_internal.h"

#include "errors.h"
#include "output.h"
#include "runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOP_TYPES          12
#define TOP_GLOBALS        5
/* Each cell adds its source to In and _iN: growth below this is not news. */
#define DEFAULT_MIN_GROWTH 1024

/* ==== Snapshots ==== */

typedef struct TypeCount {
    const GcType *type;
    size_t count, bytes;
} TypeCount;

typedef struct TypeTable {
    TypeCount *items;
    size_t n, cap;
} TypeTable;

/* A name's retained size at the end of a cell (history: the whole history). */
typedef struct NameSize {
    char *name;
    size_t retained;
} NameSize;

static struct {
    bool taken;
    size_t bytes, objects;
    TypeTable types;
    /* %leakwatch */
    bool watching, armed;
    size_t min_growth; /* smaller growth is not reported (each cell's In entry) */
    NameSize *names;
    size_t nnames;
    size_t history_retained;
} snap;

static int add_type(const GcType *type, void *arg)
{
    TypeTable *t = arg;
    if (type->stats.live_count == 0 && type->stats.live_bytes == 0)
        return 0;
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        TypeCount *p = realloc(t->items, cap * sizeof *p);
        if (!p)
            return 1;
        t->items = p;
        t->cap = cap;
    }
    t->items[t->n++] =
        (TypeCount){type, type->stats.live_count, type->stats.live_bytes};
    return 0;
}

static int by_bytes(const void *pa, const void *pb)
{
    const TypeCount *a = pa, *b = pb;
    if (a->bytes != b->bytes)
        return a->bytes < b->bytes ? 1 : -1;
    return strcmp(a->type->name, b->type->name);
}

static const TypeCount *find_type(const TypeTable *t, const GcType *type)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->items[i].type == type)
            return &t->items[i];
    return NULL;
}

static void free_names(void)
{
    for (size_t i = 0; i < snap.nnames; i++)
        free(snap.names[i].name);
    free(snap.names);
    snap.names = NULL;
    snap.nnames = 0;
}

void kj_magics_fini(void)
{
    free_names();
    free(snap.types.items);
    snap.types = (TypeTable){0};
    snap.taken = snap.watching = snap.armed = false;
}

static const NameSize *previous(const char *name)
{
    for (size_t i = 0; i < snap.nnames; i++)
        if (strcmp(snap.names[i].name, name) == 0)
            return &snap.names[i];
    return NULL;
}

static size_t previous_retained(const char *name)
{
    const NameSize *p = previous(name);
    return p ? p->retained : 0;
}

/* Remember each name's retained size (0 for history names). 0 or -1. */
static int keep_names(const KjNamespace *ns)
{
    free_names();
    snap.names = calloc(ns->n + 1, sizeof *snap.names);
    if (!snap.names)
        return -1;
    for (size_t i = 0; i < ns->n; i++) {
        char *copy = strdup(MP_STR_DATA(ns->items[i].name));
        if (!copy)
            return -1;
        snap.names[snap.nnames++] = (NameSize){copy, ns->items[i].retained};
    }
    snap.history_retained = ns->history_retained;
    return 0;
}

/* ==== %leakwatch ==== */

typedef struct Growth {
    const char *name;
    size_t delta;
} Growth;

static int by_delta(const void *pa, const void *pb)
{
    const Growth *a = pa, *b = pb;
    if (a->delta != b->delta)
        return a->delta < b->delta ? 1 : -1;
    return strcmp(a->name, b->name);
}

/* The history names bound in this namespace that the previous snapshot did
   not see: the new Out/_N entries holding the growth. */
static void add_new_history(MpStrBuf *b, const KjNamespace *ns)
{
    bool any = false;
    for (size_t i = 0; i < ns->n; i++) {
        const char *s = MP_STR_DATA(ns->items[i].name);
        if (!ns->items[i].history || s[0] != '_' || s[1] < '0' || s[1] > '9')
            continue;
        if (previous(s) || ns->items[i].value == mp_none)
            continue;
        kj_buf_printf(b, "%s%s (Out[%s])", any ? ", " : ": ", s, s + 1);
        any = true;
    }
}

/* Compare with the previous snapshot and print who holds the growth. */
static int leak_report(size_t grew, long long objects)
{
    KjNamespace ns;
    if (kj_namespace_scan(mp_runtime_globals(), &ns) < 0)
        return -1;
    Growth *g = calloc(ns.n + 1, sizeof *g);
    size_t n = 0;
    for (size_t i = 0; g && i < ns.n; i++) {
        const KjBinding *b = &ns.items[i];
        size_t before = previous_retained(MP_STR_DATA(b->name));
        if (!b->history && b->retained > before)
            g[n++] = (Growth){MP_STR_DATA(b->name), b->retained - before};
    }
    MpStrBuf buf;
    mp_strbuf_init(&buf);
    char a[32], c[32];
    kj_buf_printf(&buf,
                  "leakwatch: live memory grew by %s (%+lld objects) in this cell\n",
                  kj_format_bytes((double)grew, a, sizeof a), objects);
    if (g)
        qsort(g, n, sizeof *g, by_delta);
    for (size_t i = 0; i < n && i < TOP_GLOBALS; i++)
        kj_buf_printf(&buf, "  %-20s +%s retained\n", g[i].name,
                      kj_format_bytes((double)g[i].delta, c, sizeof c));
    bool hist = ns.history_retained > snap.history_retained;
    if (hist) {
        kj_buf_printf(
            &buf, "  %-20s +%s retained", "output history",
            kj_format_bytes((double)(ns.history_retained - snap.history_retained), c,
                            sizeof c));
        add_new_history(&buf, &ns);
        mp_strbuf_add_cstr(&buf, "\n  (free it with %reset -f out, or %xdel NAME)\n");
    }
    if (n == 0 && !hist)
        mp_strbuf_add_cstr(&buf,
                           "  no global holds it: look at caches, closures, class "
                           "attributes or cycles waiting for a collection (%gc)\n");
    int rc = g && kj_buf_print(&buf) == 0 && keep_names(&ns) == 0 ? 0 : -1;
    if (!g)
        mp_strbuf_free(&buf);
    free(g);
    kj_namespace_fini(&ns);
    return rc;
}

MpObject *kj_magic_leakwatch(const char *args)
{
    const char *p = args + strspn(args, " \t");
    if (strncmp(p, "on", 2) == 0 && (p[2] == '\0' || p[2] == ' ')) {
        const char *n = p + 2 + strspn(p + 2, " \t");
        char *end = (char *)n;
        long min = *n ? strtol(n, &end, 10) : DEFAULT_MIN_GROWTH;
        if (*n && (end == n || *end != '\0' || min < 0))
            return mp_err_format(
                mp_ValueError, "%%leakwatch on [MIN_BYTES]: not a byte count: '%s'", n);
        snap.watching = true;
        snap.min_growth = (size_t)min;
        snap.armed = false; /* the baseline is taken at the end of this cell */
    } else if (strcmp(p, "off") == 0) {
        snap.watching = false;
        free_names();
    } else if (*p == '\0') {
        const char *msg = snap.watching ? "leakwatch is on\n" : "leakwatch is off\n";
        mp_output_write(1, msg, strlen(msg));
    } else {
        return mp_err_format(mp_ValueError, "%%leakwatch: expected on or off, not '%s'",
                             p);
    }
    MP_RETURN_NONE;
}

void kj_magics_after_cell(void)
{
    size_t bytes = gc_live_bytes(), objects = gc_live_objects();
    if (snap.watching) {
        int rc = 0;
        if (snap.armed && snap.taken && bytes > snap.bytes &&
            bytes - snap.bytes >= snap.min_growth) {
            rc = leak_report(bytes - snap.bytes,
                             (long long)objects - (long long)snap.objects);
        } else {
            KjNamespace ns;
            rc = kj_namespace_scan(mp_runtime_globals(), &ns);
            if (rc == 0) {
                rc = keep_names(&ns);
                kj_namespace_fini(&ns);
            }
        }
        if (rc < 0)
            mp_err_clear();
        snap.armed = true;
        /* the scan itself allocated nothing that stays, but read again */
        bytes = gc_live_bytes();
        objects = gc_live_objects();
    }
    snap.types.n = 0;
    gc_visit_types(add_type, &snap.types);
    snap.bytes = bytes;
    snap.objects = objects;
    snap.taken = true;
}

/* ==== %memory ==== */

static int add_shallow(GcHead *o, void *arg)
{
    *(size_t *)arg += gc_shallow_size(o);
    return 0;
}

static void add_delta(MpStrBuf *b, long long d, bool as_bytes)
{
    char buf[32];
    if (!snap.taken)
        return;
    if (as_bytes) {
        kj_format_bytes((double)d, buf, sizeof buf);
        kj_buf_printf(b, "  (%s%s)", d >= 0 ? "+" : "", buf);
    } else {
        kj_buf_printf(b, "  (%+lld)", d);
    }
}

static void memory_totals(MpStrBuf *b)
{
    char buf[32];
    size_t bytes = gc_live_bytes(), objects = gc_live_objects();
    kj_buf_printf(b, "Live objects: %zu", objects);
    add_delta(b, (long long)objects - (long long)snap.objects, false);
    kj_buf_printf(b, "\nLive bytes:   %zu = %s", bytes,
                  kj_format_bytes((double)bytes, buf, sizeof buf));
    add_delta(b, (long long)bytes - (long long)snap.bytes, true);
    mp_strbuf_add_cstr(
        b, snap.taken ? "\n(changes since the end of the previous cell)\n\n" : "\n\n");
}

static int memory_by_type(MpStrBuf *b)
{
    TypeTable now = {0};
    if (gc_visit_types(add_type, &now) != 0) {
        free(now.items);
        return -1;
    }
    qsort(now.items, now.n, sizeof *now.items, by_bytes);
    kj_buf_printf(b, "By type (largest %d):\n%-26s %10s %12s %10s %12s\n", TOP_TYPES,
                  "type", "objects", "bytes", "+objects", "+bytes");
    for (size_t i = 0; i < now.n && i < TOP_TYPES; i++) {
        const TypeCount *t = &now.items[i];
        const TypeCount *old = find_type(&snap.types, t->type);
        long long dc = (long long)t->count - (long long)(old ? old->count : 0);
        long long db = (long long)t->bytes - (long long)(old ? old->bytes : 0);
        kj_buf_printf(b, "%-26s %10zu %12zu %+10lld %+12lld\n", t->type->name, t->count,
                      t->bytes, snap.taken ? dc : 0, snap.taken ? db : 0);
    }
    free(now.items);
    return 0;
}

static void memory_by_generation(MpStrBuf *b)
{
    kj_buf_printf(b, "\nBy generation (tracked containers):\n%-12s %10s %12s\n",
                  "generation", "objects", "bytes");
    size_t tracked = 0;
    for (int g = 0; g < GC_NUM_GENERATIONS; g++) {
        size_t bytes = 0;
        gc_visit_objects(g, add_shallow, &bytes);
        kj_buf_printf(b, "%-12d %10zu %12zu\n", g, gc_generation_size(g), bytes);
        tracked += gc_generation_size(g);
    }
    size_t frozen = gc_generation_size(GC_GEN_FROZEN);
    kj_buf_printf(b, "%-12s %10zu\n%-12s %10zu\n", "frozen", frozen, "untracked",
                  gc_live_objects() - tracked - frozen);
}

static int memory_top_globals(MpStrBuf *b)
{
    KjNamespace ns;
    if (kj_namespace_scan(mp_runtime_globals(), &ns) < 0)
        return -1;
    Growth *g = calloc(ns.n + 1, sizeof *g);
    size_t n = 0;
    for (size_t i = 0; g && i < ns.n; i++)
        if (!ns.items[i].history && ns.items[i].retained > 0)
            g[n++] = (Growth){MP_STR_DATA(ns.items[i].name), ns.items[i].retained};
    if (g) {
        qsort(g, n, sizeof *g, by_delta);
        char buf[32];
        kj_buf_printf(
            b, "\nGlobals retaining the most (bytes freed if the name let go):\n");
        for (size_t i = 0; i < n && i < TOP_GLOBALS; i++)
            kj_buf_printf(b, "  %-20s %12zu  %s\n", g[i].name, g[i].delta,
                          kj_format_bytes((double)g[i].delta, buf, sizeof buf));
        if (n == 0)
            mp_strbuf_add_cstr(b, "  (none)\n");
        kj_buf_printf(b, "  %-20s %12zu  %s\n", "output history", ns.history_retained,
                      kj_format_bytes((double)ns.history_retained, buf, sizeof buf));
    }
    free(g);
    kj_namespace_fini(&ns);
    if (!g) {
        mp_err_nomemory();
        return -1;
    }
    return 0;
}

MpObject *kj_magic_memory(const char *args)
{
    if (args[strspn(args, " \t")] != '\0')
        return mp_err_set(mp_ValueError, "%memory takes no arguments");
    MpStrBuf b;
    mp_strbuf_init(&b);
    memory_totals(&b);
    if (memory_by_type(&b) < 0) {
        mp_strbuf_free(&b);
        return mp_err_nomemory();
    }
    memory_by_generation(&b);
    if (memory_top_globals(&b) < 0) {
        mp_strbuf_free(&b);
        return NULL;
    }
    if (kj_buf_print(&b) < 0)
        return NULL;
    MP_RETURN_NONE;
}

/* ==== %gc ==== */

static const char *trigger_name(GcTrigger t)
{
    switch (t) {
    case GC_TRIGGER_THRESHOLD:
        return "threshold";
    case GC_TRIGGER_EXPLICIT:
        return "gc.collect";
    case GC_TRIGGER_STRESS:
        return "stress";
    }
    return "?";
}

#define GC_SHOWN_RECORDS 10

MpObject *kj_magic_gc(const char *args)
{
    if (args[strspn(args, " \t")] != '\0')
        return mp_err_set(mp_ValueError, "%gc takes no arguments");
    MpStrBuf b;
    mp_strbuf_init(&b);
    kj_buf_printf(&b, "enabled: %s\nthresholds: (%d, %d, %d)\ncounts: (%d, %d, %d)\n",
                  gc_is_enabled() ? "True" : "False", gc_get_threshold(0),
                  gc_get_threshold(1), gc_get_threshold(2), gc_get_count(0),
                  gc_get_count(1), gc_get_count(2));
    kj_buf_printf(&b, "objects per generation: (%zu, %zu, %zu), frozen %zu\n",
                  gc_generation_size(0), gc_generation_size(1), gc_generation_size(2),
                  gc_get_freeze_count());
    kj_buf_printf(&b,
                  "long-lived: total %zu, pending %zu (a threshold-triggered full "
                  "collection waits while pending <= total / 4)\n",
                  gc_long_lived_total(), gc_long_lived_pending());
    kj_buf_printf(&b, "\nstats:\n%-11s %12s %10s %14s\n", "generation", "collections",
                  "collected", "uncollectable");
    for (int g = 0; g < GC_NUM_GENERATIONS; g++) {
        GcGenStats s = gc_get_stats(g);
        kj_buf_printf(&b, "%-11d %12zu %10zu %14zu\n", g, s.collections, s.collected,
                      s.uncollectable);
    }
    GcRecord rec[GC_HISTORY_SIZE];
    size_t n = gc_history(rec, GC_HISTORY_SIZE);
    size_t first = n > GC_SHOWN_RECORDS ? n - GC_SHOWN_RECORDS : 0;
    kj_buf_printf(&b, "\nlast collections (%zu shown of %zu kept):\n", n - first, n);
    if (n == 0)
        mp_strbuf_add_cstr(&b, "  none yet\n");
    else
        kj_buf_printf(&b, "%6s %4s %-11s %9s %10s %14s %14s\n", "#", "gen", "trigger",
                      "examined", "collected", "uncollectable", "duration");
    for (size_t i = first; i < n; i++)
        kj_buf_printf(&b, "%6llu %4d %-11s %9zu %10zu %14zu %11llu \xc2\xb5s\n",
                      (unsigned long long)rec[i].seq, rec[i].generation,
                      trigger_name(rec[i].trigger), rec[i].examined, rec[i].collected,
                      rec[i].uncollectable, (unsigned long long)rec[i].duration_us);
    if (kj_buf_print(&b) < 0)
        return NULL;
    MP_RETURN_NONE;
}
