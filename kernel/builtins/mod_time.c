/*
 * kernel/builtins/mod_time.c - owns the time module: clocks and sleep.
 *
 * sleep() waits in slices of at most 10 ms and checks for an interrupt after
 * each, so a notebook's "interrupt kernel" stops it promptly.
 */
#include "builtins.h"

#include "args.h"
#include "errors.h"
#include "module.h"
#include "vm.h"

#include <math.h>
#include <time.h>

static int64_t clock_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* A clock function of no arguments: seconds as a float, or nanoseconds. */
static MpObject *clock_result(const char *fname, size_t nargs, MpObject *kwnames,
                              clockid_t id, bool ns)
{
    if (mp_args_check(fname, nargs, kwnames, 0, 0) < 0)
        return NULL;
    int64_t t = clock_ns(id);
    return ns ? mp_int_new(t) : mp_float_new((double)t * 1e-9);
}

#define TIME_CLOCK(name, id, ns)                                               \
    static MpObject *time_##name(MpObject *self, MpObject *const *args,        \
                                 size_t nargs, MpObject *kwnames)              \
    {                                                                          \
        (void)self;                                                            \
        (void)args;                                                            \
        return clock_result("time." #name, nargs, kwnames, id, ns);            \
    }

TIME_CLOCK(time, CLOCK_REALTIME, false)
TIME_CLOCK(time_ns, CLOCK_REALTIME, true)
TIME_CLOCK(perf_counter, CLOCK_MONOTONIC, false)
TIME_CLOCK(perf_counter_ns, CLOCK_MONOTONIC, true)
TIME_CLOCK(monotonic, CLOCK_MONOTONIC, false)
TIME_CLOCK(monotonic_ns, CLOCK_MONOTONIC, true)
TIME_CLOCK(process_time, CLOCK_PROCESS_CPUTIME_ID, false)

static MpObject *time_sleep(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("time.sleep", nargs, kwnames, 1, 1) < 0)
        return NULL;
    double secs;
    MpObject *a = args[0];
    if (a->type == &mp_float_type.gc)
        secs = MP_FLOAT_VALUE(a);
    else if (mp_is_int(a))
        secs = (double)MP_INT_VALUE(a);
    else
        return mp_err_format(mp_TypeError, "'%s' object cannot be interpreted as an integer",
                             mp_type_name(a));
    if (isnan(secs))
        return mp_err_set(mp_ValueError, "Invalid value NaN (not a number)");
    if (secs < 0)
        return mp_err_set(mp_ValueError, "sleep length must be non-negative");
    if (secs > 9e9)
        return mp_err_set(mp_OverflowError, "sleep length is too large");
    const int64_t slice = 10000000; /* 10 ms */
    int64_t deadline = clock_ns(CLOCK_MONOTONIC) + (int64_t)(secs * 1e9);
    for (;;) {
        if (vm_check_interrupt() < 0)
            return NULL;
        int64_t left = deadline - clock_ns(CLOCK_MONOTONIC);
        if (left <= 0)
            break;
        if (left > slice)
            left = slice;
        struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)left};
        nanosleep(&ts, NULL);
    }
    MP_RETURN_NONE;
}

static const MpMethodDef time_functions[] = {
    {"time", time_time, 0, "time()"},
    {"time_ns", time_time_ns, 0, "time_ns()"},
    {"perf_counter", time_perf_counter, 0, "perf_counter()"},
    {"perf_counter_ns", time_perf_counter_ns, 0, "perf_counter_ns()"},
    {"monotonic", time_monotonic, 0, "monotonic()"},
    {"monotonic_ns", time_monotonic_ns, 0, "monotonic_ns()"},
    {"process_time", time_process_time, 0, "process_time()"},
    {"sleep", time_sleep, 0, "sleep(seconds)"},
    {NULL, NULL, 0, NULL},
};

MpObject *mod_time_init(void)
{
    MpObject *m = mp_module_new("time");
    if (m && mp_module_add_functions(m, time_functions) < 0)
        MP_CLEAR(m);
    return m;
}
