/*
 * tests/fuzz/fuzz_vm.c - libFuzzer target over the whole runtime: each input is
 * compiled as a notebook cell and run, seeded with real programs (tests/lang).
 *
 * The VM must never crash, whatever the program does; raising is fine. Each run
 * gets fresh globals, a 256 MiB memory limit, output thrown away, input() at end
 * of file, and 200 ms: a watchdog thread then requests KeyboardInterrupt every
 * millisecond (the VM polls at loop back-edges, calls and sleeps), so endless
 * loops and sleeps end too. After each run a full collection frees its cycles.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "fuzz_runtime.h"
#include "gc.h"
#include "output.h"
#include "vm.h"

#define RUN_BUDGET_NS (200 * 1000000LL)
#define MEMORY_LIMIT  ((size_t)256 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static atomic_llong deadline_ns; /* 0: nothing running */

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *watchdog(void *arg)
{
    (void)arg;
    const struct timespec tick = {0, 1000000};
    for (;;) {
        long long d = atomic_load(&deadline_ns);
        if (d && now_ns() > d)
            vm_request_interrupt();
        nanosleep(&tick, NULL);
    }
    return NULL;
}

static void discard_output(void *ctx, int fd, const char *s, size_t n)
{
    (void)ctx, (void)fd, (void)s, (void)n;
}

static MpObject *no_input(void *ctx, const char *prompt, size_t prompt_size)
{
    (void)ctx, (void)prompt, (void)prompt_size;
    return mp_err_set(mp_EOFError, "EOF when reading a line");
}

/* Once the runtime is up: output and input stubbed, memory limited, the
   watchdog running. */
static void start_sandbox(void)
{
    mp_output_set_sink(discard_output, NULL);
    mp_input_set_hook(no_input, NULL);
    gc_set_memory_limit(MEMORY_LIMIT);
    pthread_t t;
    if (pthread_create(&t, NULL, watchdog, NULL) != 0)
        abort();
    pthread_detach(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_runtime_start("fuzz_vm"))
        start_sandbox();
    MpCode *code = fuzz_compile_cell(data, size);
    MpObject *globals = code ? mp_dict_new() : NULL;
    MpObject *name = globals ? mp_str_from_cstr("__main__") : NULL;
    if (name && mp_dict_set_cstr(globals, "__builtins__", vm_builtins()) == 0 &&
        mp_dict_set_cstr(globals, "__name__", name) == 0) {
        atomic_store(&deadline_ns, now_ns() + RUN_BUDGET_NS);
        MpObject *r = vm_run_code(code, globals);
        atomic_store(&deadline_ns, 0);
        if (!r && !mp_err_occurred())
            abort(); /* a failure must always leave an exception */
        MP_XDECREF(r);
    }
    mp_err_clear();
    vm_clear_handled_exception();
    atomic_store(vm_interrupt_flag, 0);
    MP_XDECREF(name);
    MP_XDECREF(globals);
    if (code)
        MP_DECREF(&code->ob);
    gc_collect_gen(2);
    mp_err_clear();
    return 0;
}
