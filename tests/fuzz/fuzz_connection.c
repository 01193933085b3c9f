/*
 * tests/fuzz/fuzz_connection.c - libFuzzer target over the connection-file
 * parser (jp_connection_load) and writer.
 *
 * Each input is written to one temporary file and loaded. A refusal must be a
 * one-line message naming the file; an accepted file must write back (mode
 * 0600) and load again to the same fields, and give an endpoint for each port.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char in_path[64], out_path[64];

static void make_paths(void)
{
    snprintf(in_path, sizeof in_path, "/tmp/fuzz-conn-%ld-in.json", (long)getpid());
    snprintf(out_path, sizeof out_path, "/tmp/fuzz-conn-%ld-out.json", (long)getpid());
}

static bool same_connection(const JpConnection *a, const JpConnection *b)
{
    return strcmp(a->transport, b->transport) == 0 && strcmp(a->ip, b->ip) == 0 &&
           strcmp(a->key, b->key) == 0 &&
           strcmp(a->signature_scheme, b->signature_scheme) == 0 &&
           a->shell_port == b->shell_port && a->iopub_port == b->iopub_port &&
           a->stdin_port == b->stdin_port && a->control_port == b->control_port &&
           a->hb_port == b->hb_port;
}

static void check_accepted(JpConnection *conn)
{
    int ports[5] = {conn->shell_port, conn->iopub_port, conn->stdin_port,
                    conn->control_port, conn->hb_port};
    for (int i = 0; i < 5; i++) {
        char *ep = jp_connection_endpoint(conn, ports[i]);
        if (!ep || strncmp(ep, conn->transport, 3) != 0)
            abort();
        free(ep);
    }
    char *err = jp_connection_write(out_path, conn, "fuzz");
    struct stat st;
    if (err || stat(out_path, &st) < 0 || (st.st_mode & 0777) != 0600)
        abort();
    JpConnection again;
    err = jp_connection_load(out_path, &again);
    /* a key with a NUL inside is cut at the NUL: the rest still matches */
    if (err || !same_connection(conn, &again))
        abort();
    jp_connection_fini(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!in_path[0])
        make_paths();
    FILE *f = fopen(in_path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    JpConnection conn;
    char *err = jp_connection_load(in_path, &conn);
    if (err) {
        if (!strstr(err, in_path) || strchr(err, '\n'))
            abort();
        free(err);
    } else {
        check_accepted(&conn);
        jp_connection_fini(&conn);
    }
    return 0;
}
