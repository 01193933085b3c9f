/*
 * kernel/main.c - the minipy executable:
 *   minipy run FILE [ARGS...]      run a program, as `python3 FILE` would
 *   minipy kernel [-f FILE]        serve Jupyter clients
 *   minipy install [--user | --sys-prefix | --prefix DIR]   write the kernelspec
 *
 * `run` exits as CPython: 0, 1 after an uncaught exception (traceback on
 * stderr), 2 for a usage error or an unreadable file.
 */
#include "kernel.h"
#include "output.h"
#include "runtime.h"
#include "vm.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static void on_sigint(int sig)
{
    (void)sig;
    vm_request_interrupt();
}

static int run_file(int argc, char **argv)
{
    const char *path = argv[0];
    size_t len;
    char *src = read_file(path, &len);
    if (!src) {
        fprintf(stderr, "minipy: can't open file '%s': [Errno %d] %s\n", path, errno,
                strerror(errno));
        return 2;
    }
    if (mp_runtime_init(argc, argv) < 0) {
        free(src);
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    MpObject *r = mp_runtime_exec(src, len, path, COMP_FILE);
    free(src);
    int status = 0;
    if (!r) {
        mp_runtime_print_exception(2);
        status = 1;
    } else {
        MP_DECREF(r);
    }
    mp_runtime_fini();
    return status;
}

static void usage(void)
{
    fprintf(stderr, "usage: minipy run FILE [ARGS...]\n"
                    "       minipy kernel [-f CONNECTION_FILE]\n"
                    "       minipy install [--user | --sys-prefix | --prefix DIR]\n");
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "run") == 0)
        return run_file(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "kernel") == 0) {
        if (argc == 2)
            return kj_kernel_main(NULL);
        if (argc == 4 && strcmp(argv[2], "-f") == 0)
            return kj_kernel_main(argv[3]);
    }
    if (argc >= 2 && strcmp(argv[1], "install") == 0)
        return kj_install_main(argc - 2, argv + 2, "/proc/self/exe");
    usage();
    return 2;
}
