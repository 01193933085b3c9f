/*
 * kernel/jupyter/magics_time.c - running one statement under a clock or the
 * allocator's counters: %time, %timeit (IPython's auto-ranging) and %memit.
 *
 * The statement is compiled once as a cell (its last expression is its value)
 * and run in the user's globals, as IPython runs it in the user namespace.
 */
#include "magics_internal.h"

#include "compiler.h"
#include "errors.h"
#include "output.h"
#include "runtime.h"
#include "vm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static MpCode *compile_statement(const char *magic, const char *src)
{
    src += strspn(src, " \t");
    if (*src == '\0') {
        mp_err_format(mp_ValueError, "%%%s needs a statement: %%%s STATEMENT", magic,
                      magic);
        return NULL;
    }
    char filename[32];
    snprintf(filename, sizeof filename, "<%%%s>", magic);
    return comp_compile(src, strlen(src), filename, COMP_CELL);
}

static double wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* IPython's _format_time: 3 significant digits in s, ms, µs or ns; minutes
   and hours spelled out past a minute. */
static const char *format_time(double t, char *buf, size_t size)
{
    if (t >= 60.0) {
        long total = (long)t;
        long h = total / 3600, m = total % 3600 / 60;
        double s = t - (double)(h * 3600 + m * 60);
        if (h > 0)
            snprintf(buf, size, "%ldh %ldmin %.0fs", h, m, s);
        else
            snprintf(buf, size, "%ldmin %.0fs", m, s);
        return buf;
    }
    static const char *const units[] = {"s", "ms", "\xc2\xb5s", "ns"};
    static const double scale[] = {1, 1e3, 1e6, 1e9};
    int order = 3;
    if (t > 0.0) {
        int f = (int)floor(log10(t));            /* below 60 s: at most 1 */
        int q = f >= 0 ? f / 3 : -((2 - f) / 3); /* Python's f // 3 */
        order = -q < 3 ? -q : 3;
    }
    snprintf(buf, size, "%.3g %s", t * scale[order], units[order]);
    return buf;
}

/* ==== %time ==== */

typedef struct CpuTimes {
    double user, sys;
} CpuTimes;

static CpuTimes cpu_times(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (CpuTimes){(double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6,
                      (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6};
}

MpObject *kj_magic_time(const char *args)
{
    MpCode *code = compile_statement("time", args);
    if (!code)
        return NULL;
    CpuTimes c0 = cpu_times();
    double w0 = wall_seconds();
    MpObject *r = vm_run_code(code, mp_runtime_globals());
    double wall = wall_seconds() - w0;
    CpuTimes c1 = cpu_times();
    MP_DECREF(&code->ob);
    char u[32], s[32], t[32], w[32];
    double user = c1.user - c0.user, sys = c1.sys - c0.sys;
    MpStrBuf b;
    mp_strbuf_init(&b);
    kj_buf_printf(&b, "CPU times: user %s, sys: %s, total: %s\nWall time: %s\n",
                  format_time(user, u, sizeof u), format_time(sys, s, sizeof s),
                  format_time(user + sys, t, sizeof t), format_time(wall, w, sizeof w));
    if (kj_buf_print(&b) < 0) {
        MP_XDECREF(r);
        return NULL;
    }
    return r; /* the value, for the cell to show, or NULL with the exception */
}

/* ==== %timeit ==== */

/* Run the code `loops` times; the seconds taken, or -1 with an exception. */
static double time_loops(MpCode *code, long loops)
{
    MpObject *globals = mp_runtime_globals();
    double t0 = wall_seconds();
    for (long i = 0; i < loops; i++) {
        MpObject *r = vm_run_code(code, globals);
        if (!r)
            return -1;
        MP_DECREF(r);
    }
    return wall_seconds() - t0;
}

/* -n N and -r R as IPython's %timeit; the statement follows. */
static const char *timeit_options(const char *p, long *loops, long *runs)
{
    for (;;) {
        p += strspn(p, " \t");
        if (p[0] != '-' || (p[1] != 'n' && p[1] != 'r'))
            return p;
        char opt = p[1];
        char *end;
        long v = strtol(p + 2, &end, 10);
        if (end == p + 2 || v <= 0) {
            mp_err_format(mp_ValueError, "%%timeit: -%c needs a positive integer", opt);
            return NULL;
        }
        *(opt == 'n' ? loops : runs) = v;
        p = end;
    }
}

/* 10,000,000 */
static void add_grouped(MpStrBuf *b, long v)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%ld", v);
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            mp_strbuf_add_char(b, ',');
        mp_strbuf_add_char(b, digits[i]);
    }
}

MpObject *kj_magic_timeit(const char *args)
{
    long loops = 0, runs = 7;
    const char *stmt = timeit_options(args, &loops, &runs);
    if (!stmt)
        return NULL;
    MpCode *code = compile_statement("timeit", stmt);
    if (!code)
        return NULL;
    /* as the timeit module: no collection while the clock runs */
    bool was_enabled = gc_is_enabled();
    gc_disable();
    double *per_loop = malloc((size_t)runs * sizeof *per_loop);
    int rc = per_loop ? 0 : -1;
    if (!per_loop)
        mp_err_nomemory();
    /* IPython's autorange: 1, 10, 100, ... loops until a run takes 0.2 s */
    for (long n = 1; rc == 0 && loops == 0; n *= 10) {
        double t = time_loops(code, n);
        if (t < 0)
            rc = -1;
        else if (t >= 0.2 || n >= 1000000000L)
            loops = n;
    }
    for (long i = 0; rc == 0 && i < runs; i++) {
        double t = time_loops(code, loops);
        if (t < 0)
            rc = -1;
        else
            per_loop[i] = t / (double)loops;
    }
    if (was_enabled)
        gc_enable();
    MP_DECREF(&code->ob);
    if (rc < 0) {
        free(per_loop);
        return NULL;
    }
    double mean = 0, var = 0;
    for (long i = 0; i < runs; i++)
        mean += per_loop[i];
    mean /= (double)runs;
    for (long i = 0; i < runs; i++)
        var += (per_loop[i] - mean) * (per_loop[i] - mean);
    free(per_loop);
    char m[32], s[32];
    MpStrBuf b;
    mp_strbuf_init(&b);
    kj_buf_printf(&b, "%s \xc2\xb1 %s per loop (mean \xc2\xb1 std. dev. of %ld run%s, ",
                  format_time(mean, m, sizeof m),
                  format_time(sqrt(var / (double)runs), s, sizeof s), runs,
                  runs == 1 ? "" : "s");
    add_grouped(&b, loops);
    kj_buf_printf(&b, " loop%s each)\n", loops == 1 ? "" : "s");
    if (kj_buf_print(&b) < 0)
        return NULL;
    MP_RETURN_NONE;
}

/* ==== %memit ==== */

MpObject *kj_magic_memit(const char *args)
{
    MpCode *code = compile_statement("memit", args);
    if (!code)
        return NULL;
    size_t before = gc_live_bytes(), objects = gc_live_objects();
    gc_reset_peak_bytes();
    MpObject *r = vm_run_code(code, mp_runtime_globals());
    MP_DECREF(&code->ob);
    MP_XDECREF(r);
    if (!r)
        return NULL;
    size_t peak = gc_peak_bytes(), after = gc_live_bytes();
    long long held = (long long)after - (long long)before;
    char p[32], inc[32], h[32];
    MpStrBuf b;
    mp_strbuf_init(&b);
    kj_buf_printf(&b,
                  "peak memory: %s, increment: %s (%zu bytes allocated at the peak)\n"
                  "still held after: %s%s (%lld bytes, %+lld objects)\n",
                  kj_format_bytes((double)peak, p, sizeof p),
                  kj_format_bytes((double)(peak - before), inc, sizeof inc),
                  peak - before, held >= 0 ? "+" : "",
                  kj_format_bytes((double)held, h, sizeof h), held,
                  (long long)gc_live_objects() - (long long)objects);
    if (kj_buf_print(&b) < 0)
        return NULL;
    MP_RETURN_NONE;
}
