/*
 * gc/generations.c - owns the collector's state: counts, thresholds (700, 10,
 * 10), enable/disable, debug flags, per-generation stats, freeze, the hooks the
 * runtime installs and the ring buffer of recent collections.
 *
 * When a collection runs is decided in alloc.c (count 0 past threshold 0) and
 * collect.c (which generation, with the 25% rule); this file holds the numbers.
 */
#include "gc_internal.h"

#include <stdarg.h>

#define LIST_INIT(id)                                                                  \
    [id] = {{&gc_state.lists[id].head, &gc_state.lists[id].head}, 0}

GcState gc_state = {
    .lists = {LIST_INIT(GC_LIST_NONE), LIST_INIT(GC_LIST_GEN0), LIST_INIT(GC_LIST_GEN1),
              LIST_INIT(GC_LIST_GEN2), LIST_INIT(GC_LIST_PERMANENT),
              LIST_INIT(GC_LIST_UNREACHABLE), LIST_INIT(GC_LIST_WORK)},
    .threshold = {700, 10, 10},
    .enabled = true,
};

static void check_generation(int generation)
{
    GC_ASSERT(generation >= 0 && generation < GC_NUM_GENERATIONS);
}

void gc_enable(void)
{
    gc_state.enabled = true;
}

void gc_disable(void)
{
    gc_state.enabled = false;
}

bool gc_is_enabled(void)
{
    return gc_state.enabled;
}

int gc_get_count(int generation)
{
    check_generation(generation);
    return gc_state.count[generation];
}

int gc_get_threshold(int generation)
{
    check_generation(generation);
    return gc_state.threshold[generation];
}

void gc_set_threshold(int generation, int threshold)
{
    check_generation(generation);
    gc_state.threshold[generation] = threshold;
}

void gc_set_debug(int flags)
{
    gc_state.debug = flags;
}

int gc_get_debug(void)
{
    return gc_state.debug;
}

GcGenStats gc_get_stats(int generation)
{
    check_generation(generation);
    return gc_state.stats[generation];
}

void gc_freeze(void)
{
    for (int i = 0; i < GC_NUM_GENERATIONS; i++) {
        gc_list_merge(GC_LIST_GEN0 + i, GC_LIST_PERMANENT);
        gc_state.count[i] = 0;
    }
}

void gc_unfreeze(void)
{
    gc_list_merge(GC_LIST_PERMANENT, GC_LIST_GEN2);
}

size_t gc_get_freeze_count(void)
{
    return gc_list(GC_LIST_PERMANENT)->count;
}

size_t gc_long_lived_pending(void)
{
    return gc_state.long_lived_pending;
}

size_t gc_long_lived_total(void)
{
    return gc_state.long_lived_total;
}

void gc_set_hooks(const GcHooks *hooks)
{
    if (hooks)
        gc_state.hooks = *hooks;
    else
        gc_state.hooks = (GcHooks){0};
}

void gc_debug_printf(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (gc_state.hooks.debug_print)
        gc_state.hooks.debug_print(buf);
    else
        fputs(buf, stderr);
}

/* ==== History ==== */

void gc_history_add(const GcRecord *record)
{
    GcRecord *slot = &gc_state.history[gc_state.history_seq % GC_HISTORY_SIZE];
    *slot = *record;
    slot->seq = ++gc_state.history_seq;
}

size_t gc_history(GcRecord *out, size_t max)
{
    uint64_t total = gc_state.history_seq;
    size_t have = total < GC_HISTORY_SIZE ? (size_t)total : GC_HISTORY_SIZE;
    size_t n = have < max ? have : max;
    /* the newest n, oldest first */
    for (size_t i = 0; i < n; i++) {
        uint64_t seq = total - n + i; /* 0-based sequence number */
        out[i] = gc_state.history[seq % GC_HISTORY_SIZE];
    }
    return n;
}
