/*
 * tests/unit/test_gc_soak.c - the soak test of issue 4: ten million objects
 * built in two-node cycles and dropped, batch after batch, with automatic
 * collection on at the default thresholds; after each batch's full collection
 * the live objects are back at the starting count, and every node was freed by
 * the collector exactly once.
 *
 * MINIPY_SOAK_OBJECTS overrides the ten million (the valgrind setup in the top
 * meson.build sets a smaller count: memcheck runs it some 50 times slower).
 */
#include "test_gc_node.h"

#include <stdlib.h>

#define BATCH_CYCLES 50000 /* two-node cycles alive at once, at most */

int main(void)
{
    const char *env = getenv("MINIPY_SOAK_OBJECTS");
    long objects = env ? strtol(env, NULL, 10) : 10000000L;
    if (objects < 2 * BATCH_CYCLES)
        objects = 2 * BATCH_CYCLES;
    long batches = objects / (2 * BATCH_CYCLES);

    gc_enable();
    gc_settle();
    size_t baseline = gc_live_objects();
    size_t baseline_bytes = gc_live_bytes();
    static Node *held[BATCH_CYCLES];
    size_t returned = 0, collected_explicit = 0;

    for (long b = 0; b < batches; b++) {
        for (size_t i = 0; i < BATCH_CYCLES; i++) {
            Node *x = node_new(1, 0), *y = node_new(1, 0);
            if (x == NULL || y == NULL)
                return 99;
            node_set(x, 0, y);
            node_set(y, 0, x);
            GC_DECREF(y); /* x keeps y alive, y keeps x */
            held[i] = x;
        }
        /* some automatic collections ran meanwhile; none freed a held cycle */
        CHECK(gc_live_objects() == baseline + 2 * BATCH_CYCLES);
        for (size_t i = 0; i < BATCH_CYCLES; i++)
            GC_DECREF(held[i]); /* each cycle now unreachable, refcounts 1 */
        CHECK(gc_live_objects() == baseline + 2 * BATCH_CYCLES);
        collected_explicit += gc_collect_gen(2);
        if (gc_live_objects() == baseline)
            returned++;
        if (b == 0 || b == batches - 1)
            CHECK(gc_validate());
    }
    CHECK(returned == (size_t)batches);
    CHECK(collected_explicit == (size_t)batches * 2 * BATCH_CYCLES);
    CHECK(gc_live_objects() == baseline);
    CHECK(gc_live_bytes() == baseline_bytes);
    CHECK(gc_generation_size(0) + gc_generation_size(1) + gc_generation_size(2) == 0);
    size_t collected = 0;
    for (int g = 0; g < GC_NUM_GENERATIONS; g++)
        collected += gc_get_stats(g).collected;
    CHECK(collected == (size_t)batches * 2 * BATCH_CYCLES);
    CHECK(gc_get_stats(0).collections > 0); /* automatic ones ran too */
    printf("%ld objects in %ld batches\n", batches * 2 * BATCH_CYCLES, batches);
    gc_fini();
    return UNIT_DONE();
}
