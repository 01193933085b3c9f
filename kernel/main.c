/*
 * kernel/main.c - the minipy executable:
 *   minipy run [--max-memory BYTES] FILE [ARGS...]   run a program, as `python3 FILE`
 *   minipy kernel [-f FILE] [--max-memory BYTES]     serve Jupyter clients
 *   minipy install [--user | --sys-prefix | --prefix DIR]   write the kernelspec
 *
 * `run` exits as CPython: 0, 1 after an uncaught exception (traceback on
 * stderr), a SystemExit's code, 2 for a usage error or an unreadable file.
 */
#include "gc.h"
#include "kernel.h"
#include "output.h"
#include "runtime.h"
#include "vm.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    if (!r)
        status = mp_runtime_exit_status();
    else
        MP_DECREF(r);
    mp_runtime_fini();
    return status;
}

/* BYTES with an optional k, M or G suffix (powers of 1024); false if malformed. */
static bool parse_bytes(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno || *s == '-')
        return false;
    unsigned shift = 0;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: return false;
    }
    if (*end || v > (SIZE_MAX >> shift))
        return false;
    *out = (size_t)v << shift;
    return true;
}

/* The kernel's default limit: half the physical memory, so a runaway cell gets a
   MemoryError long before the machine swaps or the OOM killer takes the kernel
   (and the user's globals) away. 0 (no limit) if the size is unknown. */
static size_t default_kernel_limit(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0)
        return 0;
    return (size_t)pages / 2 * (size_t)page;
}

static void usage(void)
{
    fprintf(stderr, "usage: minipy run [--max-memory BYTES] FILE [ARGS...]\n"
                    "       minipy kernel [-f CONNECTION_FILE] [--max-memory BYTES]\n"
                    "       minipy install [--user | --sys-prefix | --prefix DIR]\n");
}

int main(int argc, char **argv)
{
    size_t limit;
    if (argc >= 3 && strcmp(argv[1], "run") == 0) {
        int first = 2;
        if (strcmp(argv[2], "--max-memory") == 0) {
            if (argc < 5 || !parse_bytes(argv[3], &limit)) {
                usage();
                return 2;
            }
            gc_set_memory_limit(limit);
            first = 4;
        }
        return run_file(argc - first, argv + first);
    }
    if (argc >= 2 && strcmp(argv[1], "kernel") == 0) {
        const char *connection_file = NULL;
        limit = default_kernel_limit();
        for (int i = 2; i < argc; i += 2) {
            bool has_value = i + 1 < argc;
            if (has_value && strcmp(argv[i], "-f") == 0 && !connection_file) {
                connection_file = argv[i + 1];
            } else if (!has_value || strcmp(argv[i], "--max-memory") != 0 ||
                       !parse_bytes(argv[i + 1], &limit)) {
                usage();
                return 2;
            }
        }
        kj_set_memory_limit(limit);
        return kj_kernel_main(connection_file);
    }
    if (argc >= 2 && strcmp(argv[1], "install") == 0)
        return kj_install_main(argc - 2, argv + 2, "/proc/self/exe");
    usage();
    return 2;
}
