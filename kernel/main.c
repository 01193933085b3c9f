/*
 * kernel/main.c - the minipy executable: `minipy run FILE [ARGS...]`.
 *
 * Exit status as CPython's: 0, 1 after an uncaught exception (traceback on
 * stderr), 2 for a usage error or an unreadable file.
 */
#include "output.h"
#include "runtime.h"

#include <errno.h>
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
    fprintf(stderr, "usage: minipy run FILE [ARGS...]\n");
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "run") == 0)
        return run_file(argc - 2, argv + 2);
    usage();
    return 2;
}
