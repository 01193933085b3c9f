/*
 * tests/unit/test_builtins_io.c - the hooks the Jupyter kernel plugs into the
 * builtins: the output sink, the input hook, and time.sleep()'s interrupt checks.
 *
 * Runs small programs through mp_runtime_exec and checks what reached the sink.
 */
#include "builtins.h"
#include "errors.h"
#include "output.h"
#include "runtime.h"
#include "unit.h"
#include "vm.h"

#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static char captured[2][256];
static size_t captured_len[2];

static void capture(void *ctx, int fd, const char *s, size_t n)
{
    (void)ctx;
    int i = fd == 2;
    size_t room = sizeof captured[i] - 1 - captured_len[i];
    if (n > room)
        n = room;
    memcpy(captured[i] + captured_len[i], s, n);
    captured_len[i] += n;
    captured[i][captured_len[i]] = '\0';
}

static char last_prompt[64];

static MpObject *fake_input(void *ctx, const char *prompt, size_t n)
{
    if (n >= sizeof last_prompt)
        n = sizeof last_prompt - 1;
    memcpy(last_prompt, prompt, n);
    last_prompt[n] = '\0';
    if (ctx)
        return mp_err_set(mp_EOFError, "EOF when reading a line");
    return mp_str_from_cstr("typed");
}

/* Run src; true when it raised nothing. */
static bool run(const char *src)
{
    MpObject *r = mp_runtime_exec(src, strlen(src), "<test>", COMP_FILE);
    if (!r)
        return false;
    MP_DECREF(r);
    return true;
}

static void on_alarm(int sig)
{
    (void)sig;
    vm_request_interrupt();
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (mp_runtime_init(argc, argv) < 0)
        return 99;

    mp_output_set_sink(capture, NULL);
    CHECK(run("import sys\nprint(1, 'a', sep='-')\nsys.stderr.write('e')\n"
              "print('x', file=sys.stderr, end='')"));
    CHECK(strcmp(captured[0], "1-a\n") == 0);
    CHECK(strcmp(captured[1], "ex") == 0);

    mp_input_set_hook(fake_input, NULL);
    CHECK(run("print(input('name? '))"));
    CHECK(strcmp(last_prompt, "name? ") == 0);
    CHECK(strstr(captured[0], "typed\n") != NULL);
    mp_input_set_hook(fake_input, (void *)1);
    CHECK(!run("input()"));
    CHECK(mp_err_matches(mp_EOFError));
    mp_err_clear();
    mp_input_set_hook(NULL, NULL);
    mp_output_set_sink(NULL, NULL);

    /* An interrupt 100 ms into a 5 s sleep stops it well within 200 ms. */
    signal(SIGALRM, on_alarm);
    struct itimerval it = {.it_value = {.tv_sec = 0, .tv_usec = 100000}};
    setitimer(ITIMER_REAL, &it, NULL);
    double t0 = now();
    CHECK(!run("import time\ntime.sleep(5)"));
    double waited = now() - t0;
    CHECK(mp_err_matches(mp_KeyboardInterrupt));
    mp_err_clear();
    CHECK(waited >= 0.09 && waited < 0.3);
    return UNIT_DONE();
}
