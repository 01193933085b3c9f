/*
 * bench/gc_sizes.c - Minipy's real bytes per object, for `tools/bench gc`.
 *
 * Builds N objects of each kind in the runtime and divides the growth of
 * gc_live_bytes() (every byte gc/ hands out: GC prefix, object, owned buffers)
 * by N. Prints one line per kind, "kind bytes", for tools/bench to tabulate
 * beside CPython's numbers. Usage: gc_sizes [N] (default 100000).
 */
#include "gc.h"
#include "runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The expression building the i-th object, as tools/bench builds it in python3. */
static const struct {
    const char *kind;
    const char *expr;
} kinds[] = {
    {"empty list", "[]"},
    {"empty dict", "{}"},
    {"instance, 2 attributes", "Two(None)"}, /* no new value object */
    {"int", "i + 1000000"},
    {"float", "i * 0.5"},
    {"short str", "str(i + 100000)"},
};

static int run(const char *src)
{
    MpObject *r = mp_runtime_exec(src, strlen(src), "<gc_sizes>", COMP_FILE);
    if (r == NULL) {
        mp_runtime_print_exception(2);
        return -1;
    }
    MP_DECREF(r);
    return 0;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
    if (n <= 0 || mp_runtime_init(argc, argv) != 0)
        return 2;
    char src[256];
    snprintf(src, sizeof src,
             "import gc\n"
             "class Two:\n"
             "    def __init__(self, i):\n"
             "        self.a = i\n"
             "        self.b = None\n"
             "keep = [None] * %ld\n"
             "i = 0\n",
             n);
    if (run(src) != 0)
        return 1;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        /* The loop's own int i is replaced each step; the one left over is noise
           well below a byte per object. */
        if (run("gc.collect()\n") != 0)
            return 1;
        snprintf(src, sizeof src, "for i in range(%ld):\n    keep[i] = %s\n", n,
                 kinds[k].expr);
        size_t before = gc_live_bytes();
        if (run(src) != 0)
            return 1;
        size_t after = gc_live_bytes();
        printf("%s\t%.1f\n", kinds[k].kind, ((double)after - (double)before) / (double)n);
        snprintf(src, sizeof src, "for i in range(%ld):\n    keep[i] = None\n", n);
        if (run(src) != 0)
            return 1;
    }
    mp_runtime_fini();
    return 0;
}
