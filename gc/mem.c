/*
 * gc/mem.c - owns the memory of every block gc/ hands out: objects and the
 * buffers they own.
 *
 * Small blocks (up to MEM_SMALL_MAX bytes) come from size-class pools, as
 * CPython's obmalloc: 16 KiB pools carved from one reserved address range, so
 * telling a small block from a big one is a range check and a small block's
 * size is its pool's class, read from the pool header. The range has two
 * sides: GC objects (with their GcLinks) in the upper half, everything else in
 * the lower, so the collector tells a referent's kind by its address alone. Classes are multiples of
 * 8 bytes, so a block's size never depends on malloc's rounding. Bigger blocks
 * come from malloc behind a 16-byte header holding their size. Emptied pools
 * are kept for reuse by any class; those still unused one gc_mem_trim() later
 * (every full collection), past MEM_WARM_POOLS of them, give their pages back
 * to the system until they are needed again: a program that frees and builds
 * again between full collections does not pay page faults for it.
 */
#include "gc_internal.h"

#include <string.h>
#include <sys/mman.h>

#define MEM_ALIGN      8
#define MEM_SMALL_MAX  512
#define MEM_CLASSES    (MEM_SMALL_MAX / MEM_ALIGN)
#define MEM_POOL_SIZE  GC_POOL_SIZE
#define MEM_WARM_POOLS 64
/* Address space tried for the pools, halved until the system grants it. */
#define MEM_REGION_MAX ((size_t)32 << 30)
#define MEM_REGION_MIN ((size_t)1 << 30)
#define MEM_HUGE_AFTER ((size_t)8 << 20)
#define MEM_HUGE_PAGE  ((uintptr_t)2 << 20)

/* Under ASan or valgrind every block comes from malloc, so that they check each
   object on its own (CPython's PYTHONMALLOC=malloc); block sizes stay the same. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define UNDER_VALGRIND() RUNNING_ON_VALGRIND
#endif
#endif
#if !defined(UNDER_VALGRIND)
#define UNDER_VALGRIND() 0
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer) /* clang's way of saying it */
#define MEM_UNDER_ASAN
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(MEM_UNDER_ASAN)
#define POOLS_WANTED() false
#else
#define POOLS_WANTED() (!UNDER_VALGRIND())
#endif

typedef struct Pool Pool;
struct Pool {
    Pool *next; /* in its class's list of pools with room, or a warm list */
    Pool *prev;
    void *free;     /* chain of freed blocks, linked through their first word */
    char *fresh;    /* first never-used block */
    uint32_t size;  /* block size */
    uint32_t used;  /* blocks handed out */
    uint32_t epoch; /* when it went on the warm list */
};

#define POOL_FIRST ((sizeof(Pool) + MEM_ALIGN - 1) & ~(size_t)(MEM_ALIGN - 1))

/* The 16-byte header of a big block: its size as requested (as its class would
   have it, for a small block that no pool could hold), and its kind. */
typedef struct Big {
    size_t size;
    size_t gc_object;
} Big;

/* One half of the range: the pools of one kind of block. */
typedef struct Side {
    char *top, *end; /* pools are carved from the side's start up to top */
    Pool *usable[MEM_CLASSES]; /* per class, pools with a free block */
    Pool *warm;  /* empty pools, pages kept, the most recently emptied first */
    Pool **cold; /* empty pools, pages given back (so not linked through them) */
    size_t ncold, cold_cap;
} Side;

GcPools gc_pools;

static struct {
    bool tried;
    uint32_t epoch; /* gc_mem_trim() calls so far */
    Side sides[2];  /* [0] other blocks, [1] GC objects */
} mem;

static Pool *pool_of(const void *p)
{
    return (Pool *)((uintptr_t)p & ~(uintptr_t)(MEM_POOL_SIZE - 1));
}

static Side *side_of(const Pool *pool)
{
    return &mem.sides[gc_pools_gc_side(pool)];
}

static void reserve_region(void)
{
    mem.tried = true;
    if (!POOLS_WANTED())
        return;
    for (size_t size = MEM_REGION_MAX; size >= MEM_REGION_MIN; size /= 2) {
        /* over-reserve by a pool so that the range can start pool-aligned */
        void *p = mmap(NULL, size + MEM_POOL_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED)
            continue;
        uintptr_t start = ((uintptr_t)p + MEM_POOL_SIZE - 1) & ~(MEM_POOL_SIZE - 1);
        gc_pools.base = start;
        gc_pools.half = size / 2;
        for (int kind = 0; kind < 2; kind++) {
            uintptr_t from = start + (size_t)kind * gc_pools.half;
            mem.sides[kind].top = (char *)from;
            mem.sides[kind].end = (char *)(from + gc_pools.half);
            /* Past the first few MiB (an idle kernel's whole heap), huge pages:
               a full collection walks every pool, and TLB misses cost a sixth. */
            uintptr_t huge =
                (from + MEM_HUGE_AFTER + MEM_HUGE_PAGE - 1) & ~(MEM_HUGE_PAGE - 1);
            madvise((void *)huge, from + gc_pools.half - huge, MADV_HUGEPAGE);
        }
        return;
    }
}

static bool has_room(const Pool *pool)
{
    return pool->free != NULL || pool->fresh + pool->size <= (char *)pool + MEM_POOL_SIZE;
}

static Pool **usable_head(const Pool *pool)
{
    return &side_of(pool)->usable[(pool->size - 1) / MEM_ALIGN];
}

static void usable_push(Pool *pool)
{
    Pool **head = usable_head(pool);
    pool->prev = NULL;
    pool->next = *head;
    if (*head)
        (*head)->prev = pool;
    *head = pool;
}

static void usable_remove(Pool *pool)
{
    if (pool->prev)
        pool->prev->next = pool->next;
    else
        *usable_head(pool) = pool->next;
    if (pool->next)
        pool->next->prev = pool->prev;
}

/* An empty pool of the side for blocks of `size`, made usable; NULL when the
   side is full. */
static Pool *pool_new(Side *side, size_t size)
{
    Pool *pool;
    if (side->warm != NULL) {
        pool = side->warm;
        side->warm = pool->next;
    } else if (side->ncold > 0) {
        pool = side->cold[--side->ncold];
    } else if ((size_t)(side->end - side->top) >= MEM_POOL_SIZE) {
        pool = (Pool *)(void *)side->top;
        side->top += MEM_POOL_SIZE;
    } else {
        return NULL;
    }
    pool->free = NULL;
    pool->fresh = (char *)pool + POOL_FIRST;
    pool->size = (uint32_t)size;
    pool->used = 0;
    usable_push(pool);
    return pool;
}

/* Every block of the pool is free again (and it is on no list): keep it for
   any class until gc_mem_trim(). */
static void pool_release(Pool *pool)
{
    Side *side = side_of(pool);
    pool->epoch = mem.epoch;
    pool->next = side->warm;
    side->warm = pool;
}

/* Give a warm pool's pages back; false when cold has no room (it stays warm). */
static bool pool_cool(Side *side, Pool *pool)
{
    if (side->ncold == side->cold_cap) {
        size_t cap = side->cold_cap ? 2 * side->cold_cap : 256;
        Pool **cold = realloc(side->cold, cap * sizeof *cold);
        if (cold == NULL)
            return false;
        side->cold = cold;
        side->cold_cap = cap;
    }
    madvise(pool, MEM_POOL_SIZE, MADV_DONTNEED); /* the header too */
    side->cold[side->ncold++] = pool;
    return true;
}

static void trim_side(Side *side)
{
    /* The warm list runs from the newest epoch to the oldest. */
    Pool **link = &side->warm;
    for (size_t kept = 0; *link != NULL; kept++) {
        Pool *pool = *link;
        if (pool->epoch != mem.epoch && kept >= MEM_WARM_POOLS) {
            *link = pool->next;
            if (!pool_cool(side, pool)) {
                *link = pool;
                break;
            }
        } else {
            link = &pool->next;
        }
    }
}

void gc_mem_trim(void)
{
    trim_side(&mem.sides[0]);
    trim_side(&mem.sides[1]);
    mem.epoch++;
}

static void *small_alloc(size_t size, bool gc_object)
{
    Side *side = &mem.sides[gc_object];
    Pool *pool = side->usable[(size - 1) / MEM_ALIGN];
    if (pool == NULL && (pool = pool_new(side, size)) == NULL)
        return NULL;
    void *p = pool->free;
    if (p != NULL) {
        pool->free = *(void **)p;
    } else {
        p = pool->fresh;
        pool->fresh += size;
    }
    pool->used++;
    if (!has_room(pool))
        usable_remove(pool);
    /* word stores: an inlined memset of unknown size was a slow `rep stos` */
    for (uint64_t *w = p, *end = w + size / sizeof *w; w < end; w++)
        *w = 0;
    return p;
}

static void small_free(void *p)
{
    Pool *pool = pool_of(p);
    bool had_room = has_room(pool);
    *(void **)p = pool->free;
    pool->free = p;
    if (--pool->used == 0) {
        if (had_room)
            usable_remove(pool);
        pool_release(pool);
    } else if (!had_room) {
        usable_push(pool);
    }
}

static size_t class_size(size_t size)
{
    return size == 0 ? MEM_ALIGN : (size + MEM_ALIGN - 1) & ~(size_t)(MEM_ALIGN - 1);
}

void *gc_mem_alloc(size_t size, bool gc_object)
{
    if (size <= MEM_SMALL_MAX) {
        if (!mem.tried)
            reserve_region();
        size = class_size(size);
        void *p = gc_pools.half != 0 ? small_alloc(size, gc_object) : NULL;
        if (p != NULL)
            return p;
    }
    if (size > SIZE_MAX - sizeof(Big))
        return NULL;
    Big *big = calloc(1, sizeof(Big) + size);
    if (big == NULL)
        return NULL;
    big->size = size;
    big->gc_object = gc_object;
    return big + 1;
}

size_t gc_mem_size(const void *p)
{
    if (gc_pools_hold(p))
        return pool_of(p)->size;
    return ((const Big *)p - 1)->size;
}

void gc_mem_free(void *p)
{
    if (p == NULL)
        return;
    if (gc_pools_hold(p))
        small_free(p);
    else
        free((Big *)p - 1);
}

static bool is_gc_block(const void *p)
{
    return gc_pools_hold(p) ? gc_pools_gc_side(p) : ((const Big *)p - 1)->gc_object != 0;
}

void *gc_mem_realloc(void *p, size_t size)
{
    if (p == NULL)
        return gc_mem_alloc(size, false);
    size_t old = gc_mem_size(p);
    size_t want = size <= MEM_SMALL_MAX ? class_size(size) : size;
    if (want == old)
        return p;
    if (!gc_pools_hold(p) && want > MEM_SMALL_MAX) {
        if (size > SIZE_MAX - sizeof(Big))
            return NULL;
        Big *big = realloc((Big *)p - 1, sizeof(Big) + size);
        if (big == NULL)
            return NULL;
        big->size = size;
        return big + 1;
    }
    void *q = gc_mem_alloc(size, is_gc_block(p));
    if (q == NULL)
        return NULL;
    memcpy(q, p, old < want ? old : want);
    gc_mem_free(p);
    return q;
}
