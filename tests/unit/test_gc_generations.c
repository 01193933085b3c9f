/*
 * tests/unit/test_gc_generations.c - when collections happen and what they
 * report: threshold cadence (E6, E7), the 25% rule (E8), freeze (E10), the
 * start/stop hooks, DEBUG_STATS output (E11), stats and the history ring.
 */
#include "test_gc_node.h"

#include <stdio.h>
#include <string.h>

#define MAXEV 256
typedef struct Event {
    bool start;
    int generation;
    size_t collected, uncollectable;
    int at;                /* allocation index when it started */
    int count2;            /* gc_get_count(2) at start */
    size_t pending, total; /* 25% rule inputs at start */
} Event;
static Event events[MAXEV];
static int nevents;
static int alloc_index;

static void on_collect(bool start, int generation, size_t collected,
                       size_t uncollectable)
{
    CHECK(gc_is_collecting());
    CHECK(gc_collect_gen(0) == 0);
    if (nevents < MAXEV)
        events[nevents] = (Event){start,
                                  generation,
                                  collected,
                                  uncollectable,
                                  alloc_index,
                                  gc_get_count(2),
                                  gc_long_lived_pending(),
                                  gc_long_lived_total()};
    nevents++;
}

static const GcHooks record_hooks = {.on_collect = on_collect};

/* Keep n new nodes alive in a chain hanging off `keep`; alloc_index counts. */
static Node *keep_chain(int n)
{
    Node *keep = node_new(1, 0);
    for (alloc_index = 0; alloc_index < n; alloc_index++) {
        Node *x = node_new(1, 0);
        node_set(x, 0, keep->slot[0]);
        node_set(keep, 0, x);
        GC_DECREF(x);
    }
    return keep;
}

#if !(defined(MP_GC_STRESS) && MP_GC_STRESS)
/* E6: threshold 5 -> a collection inside the 6th allocation, then every 6th. */
static void test_threshold_cadence(void)
{
    gc_settle();
    gc_set_hooks(&record_hooks);
    gc_set_threshold(0, 5);
    gc_set_threshold(1, 100);
    gc_set_threshold(2, 100);
    Node *keep = node_new(1, 0); /* allocate before the reset, as E6's lists */
    gc_collect_gen(0);
    nevents = 0;
    gc_enable();
    for (alloc_index = 0; alloc_index < 40; alloc_index++) {
        Node *x = node_new(1, 0);
        node_set(x, 0, keep->slot[0]);
        node_set(keep, 0, x);
        GC_DECREF(x);
    }
    gc_disable();
    int expect[] = {5, 11, 17, 23, 29, 35};
    int starts = 0;
    for (int i = 0; i < nevents && i < MAXEV; i++) {
        if (!events[i].start)
            continue;
        CHECK(starts < 6 && events[i].at == expect[starts]);
        CHECK(events[i].generation == 0);
        starts++;
    }
    CHECK(starts == 6);
    GC_DECREF(keep);
    gc_set_hooks(NULL);
}

/* E7's rule without the Python-level allocations of its callback: thresholds
   (10, 2, 2), 100 allocations -> collections at every 11th, each 4th is gen 1. */
static void test_generation_cadence(void)
{
    gc_settle();
    gc_set_threshold(0, 10);
    gc_set_threshold(1, 2);
    gc_set_threshold(2, 2);
    gc_set_hooks(&record_hooks);
    nevents = 0;
    gc_enable();
    Node *keep = node_new(1, 0);
    for (alloc_index = 0; alloc_index < 99; alloc_index++) {
        Node *x = node_new(1, 0);
        node_set(x, 0, keep->slot[0]);
        node_set(keep, 0, x);
        GC_DECREF(x);
    }
    gc_disable();
    int expect[] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
    int starts = 0;
    for (int i = 0; i < nevents && i < MAXEV; i++) {
        if (!events[i].start)
            continue;
        CHECK(starts < 9 && events[i].generation == expect[starts]);
        starts++;
    }
    CHECK(starts == 9);
    CHECK(gc_get_count(0) == 1 && gc_get_count(1) == 1 && gc_get_count(2) == 2);
    GC_DECREF(keep);
    gc_set_hooks(NULL);
    gc_set_threshold(0, 700);
    gc_set_threshold(1, 10);
    gc_set_threshold(2, 10);
}

/* E8: a full collection needs count2 > threshold2 AND pending >= total / 4. */
static void test_quarter_rule(void)
{
    gc_settle();
    Node *big = keep_chain(400);
    gc_collect_gen(2);
    CHECK(gc_long_lived_total() == gc_generation_size(2));
    CHECK(gc_long_lived_total() >= 401 && gc_long_lived_pending() == 0);
    gc_set_threshold(0, 3);
    gc_set_threshold(1, 0);
    gc_set_threshold(2, 0);
    gc_set_hooks(&record_hooks);
    nevents = 0;
    gc_enable();
    Node *more = keep_chain(600);
    gc_disable();
    gc_set_hooks(NULL);
    int full = 0, skipped = 0;
    for (int i = 0; i < nevents && i < MAXEV; i++) {
        Event *e = &events[i];
        if (!e->start)
            continue;
        bool gate = e->pending >= e->total / 4;
        if (e->generation == 2) {
            full++;
            CHECK(e->count2 > 0 && gate);
        } else if (e->count2 > 0) {
            CHECK(!gate);
            skipped++;
        }
    }
    CHECK(full >= 1 && skipped >= 1);
    /* after a full collection pending restarts at 0 and total is gen 2's size */
    gc_collect_gen(2);
    CHECK(gc_long_lived_pending() == 0 &&
          gc_long_lived_total() == gc_generation_size(2));
    gc_collect_gen(1);
    CHECK(gc_long_lived_pending() == 0); /* nothing young survived */
    Node *n = node_new(0, 0);
    gc_collect_gen(1);
    CHECK(gc_long_lived_pending() == 1);
    GC_DECREF(n);
    GC_DECREF(more);
    GC_DECREF(big);
    gc_set_threshold(0, 700);
    gc_set_threshold(1, 10);
    gc_set_threshold(2, 10);
}

/* No automatic collection while disabled, with threshold 0, or while the
   runtime has an exception pending. */
static bool pending_flag;
static bool exception_pending(void)
{
    return pending_flag;
}

static void test_no_auto_collection(void)
{
    gc_settle();
    GcGenStats s0 = gc_get_stats(0);
    gc_set_threshold(0, 2);
    Node *k1 = keep_chain(10); /* disabled */
    CHECK(gc_get_stats(0).collections == s0.collections);
    CHECK(gc_get_count(0) == 11);
    gc_enable();
    gc_set_threshold(0, 0);
    Node *k2 = keep_chain(10);
    CHECK(gc_get_stats(0).collections == s0.collections);
    gc_set_threshold(0, 2);
    GcHooks hooks = {.exception_pending = exception_pending};
    gc_set_hooks(&hooks);
    pending_flag = true;
    Node *k3 = keep_chain(10);
    CHECK(gc_get_stats(0).collections == s0.collections);
    pending_flag = false;
    Node *k4 = node_new(0, 0);
    CHECK(gc_get_stats(0).collections == s0.collections + 1);
    CHECK(gc_get_count(0) == 0);
    gc_disable();
    gc_set_hooks(NULL);
    gc_set_threshold(0, 700);
    GC_DECREF(k1);
    GC_DECREF(k2);
    GC_DECREF(k3);
    GC_DECREF(k4);
}

#endif

/* E10 */
static void test_freeze(void)
{
    gc_settle();
    Node *keep = keep_chain(10);
    size_t tracked =
        gc_generation_size(0) + gc_generation_size(1) + gc_generation_size(2);
    gc_freeze();
    CHECK(gc_get_freeze_count() == tracked);
    CHECK(gc_generation_size(0) + gc_generation_size(1) + gc_generation_size(2) == 0);
    CHECK(gc_get_count(0) == 0 && gc_get_count(1) == 0 && gc_get_count(2) == 0);
    CHECK(gc_generation_of(&keep->head) == GC_GEN_FROZEN);
    Node *l = node_new(1, 0);
    node_set(l, 0, l);
    GC_DECREF(l);
    CHECK(gc_collect_gen(2) == 1); /* new objects are still collected */
    gc_unfreeze();
    CHECK(gc_get_freeze_count() == 0);
    CHECK(gc_generation_of(&keep->head) == 2);
    l = node_new(1, 0);
    node_set(l, 0, l);
    GC_DECREF(l);
    gc_freeze();
    CHECK(gc_collect_gen(2) == 0); /* frozen garbage */
    gc_unfreeze();
    CHECK(gc_collect_gen(2) == 1);
    GC_DECREF(keep);
}

/* E7: the start/stop hooks of an explicit collection; stats; history. */
static void test_hooks_stats_history(void)
{
    gc_settle();
    gc_set_hooks(&record_hooks);
    nevents = 0;
    GcGenStats s1 = gc_get_stats(1);
    Node *l = node_new(1, 0);
    node_set(l, 0, l);
    GC_DECREF(l);
    CHECK(gc_collect_gen(1) == 1);
    CHECK(nevents == 2);
    CHECK(events[0].start && events[0].generation == 1 && events[0].collected == 0);
    CHECK(!events[1].start && events[1].generation == 1 && events[1].collected == 1 &&
          events[1].uncollectable == 0);
    GcGenStats s = gc_get_stats(1);
    CHECK(s.collections == s1.collections + 1 && s.collected == s1.collected + 1);
    CHECK(s.uncollectable == s1.uncollectable);
    gc_set_hooks(NULL);

    GcRecord rec[GC_HISTORY_SIZE];
    size_t n = gc_history(rec, GC_HISTORY_SIZE);
    CHECK(n >= 1);
    CHECK(n >= 1 && rec[n - 1].generation == 1 && rec[n - 1].collected == 1 &&
          rec[n - 1].trigger == GC_TRIGGER_EXPLICIT && rec[n - 1].examined >= 1);
    for (int i = 0; i < 2 * GC_HISTORY_SIZE; i++)
        gc_collect_gen(0);
    n = gc_history(rec, GC_HISTORY_SIZE);
    CHECK(n == GC_HISTORY_SIZE);
    for (size_t i = 1; i < n; i++)
        CHECK(rec[i].seq == rec[i - 1].seq + 1);
    CHECK(gc_history(rec, 3) == 3 && rec[2].seq == rec[0].seq + 2);
}

/* E11: DEBUG_STATS | DEBUG_COLLECTABLE output, through the print hook. */
static char out[4096];
static void debug_print(const char *text)
{
    strncat(out, text, sizeof out - strlen(out) - 1);
}
static const char *type_name(const GcHead *o)
{
    (void)o;
    return "A";
}

static void test_debug_output(void)
{
    gc_settle();
    GcHooks hooks = {.debug_print = debug_print, .type_name = type_name};
    gc_set_hooks(&hooks);
    out[0] = '\0';
    Node *a = node_new(1, 0);
    node_set(a, 0, a);
    GC_DECREF(a);
    gc_set_debug(GC_DEBUG_STATS | GC_DEBUG_COLLECTABLE);
    CHECK(gc_get_debug() == 3);
    CHECK(gc_collect_gen(0) == 1);
    gc_set_debug(0);
    gc_set_hooks(NULL);
    char expect[512];
    snprintf(expect, sizeof expect,
             "gc: collecting generation 0...\n"
             "gc: objects in each generation: 1 0 %zu\n"
             "gc: objects in permanent generation: 0\n"
             "gc: collectable <A %p>\n"
             "gc: done, 1 unreachable, 0 uncollectable, ",
             gc_generation_size(2), (void *)a);
    CHECK(strncmp(out, expect, strlen(expect)) == 0);
    CHECK(strstr(out, "s elapsed\n") != NULL);
    if (strncmp(out, expect, strlen(expect)) != 0)
        fprintf(stderr, "got:\n%s\nexpected:\n%s\n", out, expect);
}

int main(void)
{
    gc_disable();
    CHECK(gc_get_threshold(0) == 700 && gc_get_threshold(1) == 10 &&
          gc_get_threshold(2) == 10);
#if defined(MP_GC_STRESS) && MP_GC_STRESS
    /* every allocation collects: threshold cadence cannot be observed */
    printf("stress build: cadence tests skipped\n");
#else
    test_threshold_cadence();
    test_generation_cadence();
    test_quarter_rule();
    test_no_auto_collection();
#endif
    test_freeze();
    test_hooks_stats_history();
    test_debug_output();
    CHECK(!gc_is_enabled());
    gc_settle();
    CHECK(gc_validate());
    return UNIT_DONE();
}
