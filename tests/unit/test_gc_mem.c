/*
 * tests/unit/test_gc_mem.c - gc/mem.c, the block allocator under every object:
 * size classes, zero fill, reuse, pools emptied past the warm limit and taken
 * back, realloc across classes and to and from big blocks. Under ASan and
 * valgrind the same checks run against the malloc fallback.
 */
#include "gc_internal.h"
#include "unit.h"

#include <stdint.h>
#include <string.h>

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0)
            return false;
    return true;
}

/* Sizes are the request rounded up to 8 (small) or the request (big). */
static void test_sizes(void)
{
    static const size_t sizes[] = {0, 1, 7, 8, 9, 24, 55, 56, 57, 511, 512, 513, 4096};
    static const size_t want[] = {8, 8, 8, 8, 16, 24, 56, 56, 64, 512, 512, 513, 4096};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *p = gc_mem_alloc(sizes[i], i % 2 == 0);
        CHECK(p != NULL);
        CHECK(((uintptr_t)p & 7) == 0);
        CHECK(gc_mem_size(p) == want[i]);
        CHECK(all_zero(p, want[i]));
        memset(p, 0xAB, want[i]);
        gc_mem_free(p);
    }
    gc_mem_free(NULL);
}

/* Freed blocks come back zero-filled, and live blocks never overlap. */
static void test_reuse(void)
{
    enum { N = 5000 };
    static unsigned char *blocks[N];
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < N; i++) {
            size_t size = 8 + (i * 37) % 300;
            blocks[i] = gc_mem_alloc(size, i % 3 == 0);
            CHECK(blocks[i] != NULL && all_zero(blocks[i], gc_mem_size(blocks[i])));
            memset(blocks[i], (int)(i & 0xFF), gc_mem_size(blocks[i]));
        }
        bool intact = true;
        for (size_t i = 0; i < N; i++) {
            size_t n = gc_mem_size(blocks[i]);
            for (size_t k = 0; k < n; k++)
                intact &= blocks[i][k] == (unsigned char)(i & 0xFF);
        }
        CHECK(intact);
        /* free every other block first, then the rest: partly used pools */
        for (size_t i = 0; i < N; i += 2)
            gc_mem_free(blocks[i]);
        for (size_t i = 1; i < N; i += 2)
            gc_mem_free(blocks[i]);
    }
}

static long resident_kib(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return -1;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * 4;
}

/* Enough blocks for hundreds of pools: emptied pools stay until they were
   unused for a whole gc_mem_trim() period, then give their pages back, and
   come back zero-filled for another class. */
static void test_many_pools(void)
{
    enum { N = 200000 };
    void **blocks = malloc(N * sizeof *blocks);
    CHECK(blocks != NULL);
    if (blocks == NULL)
        return;
    for (size_t i = 0; i < N; i++)
        blocks[i] = gc_mem_alloc(40, false);
    for (size_t i = 0; i < N; i++) {
        memset(blocks[i], 0xFF, 40);
        gc_mem_free(blocks[i]);
    }
    long full = resident_kib();
    gc_mem_trim(); /* emptied since the last trim: kept */
    long kept = resident_kib();
    gc_mem_trim(); /* unused for a whole period: given back */
    long trimmed = resident_kib();
    if (gc_pools.half != 0 && full > 0) {
        CHECK(kept > full - 1024);
        CHECK(trimmed < full - 6 * 1024); /* the blocks took 8,000 KiB */
    }
    bool zero = true;
    for (size_t i = 0; i < N / 2; i++) {
        blocks[i] = gc_mem_alloc(72, true);
        zero &= blocks[i] != NULL && all_zero(blocks[i], 72);
    }
    CHECK(zero);
    for (size_t i = 0; i < N / 2; i++)
        gc_mem_free(blocks[i]);
    free(blocks);
}

/* Contents survive growing and shrinking through every kind of block. */
static void test_realloc(void)
{
    static const size_t steps[] = {16, 20, 24, 200, 600, 5000, 300, 40, 8, 1000};
    unsigned char *p = gc_mem_realloc(NULL, 8);
    CHECK(p != NULL);
    memset(p, 0x5A, 8);
    size_t filled = 8;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        size_t n = steps[i];
        p = gc_mem_realloc(p, n);
        CHECK(p != NULL);
        size_t keep = filled < n ? filled : n;
        CHECK(gc_mem_size(p) >= n);
        bool same = true;
        for (size_t k = 0; k < keep; k++)
            same &= p[k] == 0x5A;
        CHECK(same);
        memset(p, 0x5A, n);
        filled = n;
    }
    gc_mem_free(p);
}

/* With pools, the kind of a block is known from its address alone. */
static void test_kinds(void)
{
    char *gc_block = gc_mem_alloc(56, true);
    char *other = gc_mem_alloc(56, false);
    CHECK(gc_block != NULL && other != NULL);
    if (gc_pools.half != 0) {
        CHECK(gc_is_gc_fast((GcHead *)(void *)(gc_block + sizeof(GcLinks))));
        CHECK(!gc_is_gc_fast((GcHead *)(void *)other));
    }
    /* realloc keeps the kind */
    gc_block = gc_mem_realloc(gc_block, 200);
    other = gc_mem_realloc(other, 200);
    if (gc_pools.half != 0) {
        CHECK(gc_is_gc_fast((GcHead *)(void *)(gc_block + sizeof(GcLinks))));
        CHECK(!gc_is_gc_fast((GcHead *)(void *)other));
    }
    gc_mem_free(gc_block);
    gc_mem_free(other);
}

int main(void)
{
    test_kinds();
    test_sizes();
    test_reuse();
    test_many_pools();
    test_realloc();
    return UNIT_DONE();
}
