/*
 * protocol/connection.c - reads and writes Jupyter connection files.
 *
 * A connection file names the transport, the address, the five ports, the HMAC
 * key and its scheme. Errors are one line naming the file and the field; the
 * caller prints it and exits with status 2.
 */
#include "protocol.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const port_names[5] = {"shell_port", "iopub_port", "stdin_port",
                                          "control_port", "hb_port"};

static int *port_slot(JpConnection *c, int i)
{
    int *slots[5] = {&c->shell_port, &c->iopub_port, &c->stdin_port, &c->control_port,
                     &c->hb_port};
    return slots[i];
}

/* A malloc'd "connection file PATH: ..." message (NULL if out of memory). */
__attribute__((format(printf, 2, 3))) static char *file_error(const char *path,
                                                              const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (char *c = msg; *c; c++) /* jansson quotes the bad input: keep one line */
        if ((unsigned char)*c < 0x20)
            *c = ' ';
    size_t n = strlen(path) + strlen(msg) + 32;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "connection file %s: %s", path, msg);
    return out;
}

void jp_connection_fini(JpConnection *c)
{
    free(c->ip);
    if (c->key)
        sodium_memzero(c->key, strlen(c->key));
    free(c->key);
    c->ip = c->key = NULL;
}

char *jp_connection_load(const char *path, JpConnection *conn)
{
    memset(conn, 0, sizeof *conn);
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        if (jerr.line < 0) /* the file could not be opened or read */
            return file_error(path, "%s", jerr.text);
        return file_error(path, "invalid JSON at line %d: %s", jerr.line, jerr.text);
    }
    char *err = NULL;
    if (!json_is_object(root)) {
        err = file_error(path, "not a JSON object");
        goto done;
    }
    json_t *v = json_object_get(root, "transport");
    const char *transport = v ? json_string_value(v) : "tcp";
    if (!transport || (strcmp(transport, "tcp") && strcmp(transport, "ipc"))) {
        err = file_error(path, "field 'transport' must be \"tcp\" or \"ipc\"");
        goto done;
    }
    snprintf(conn->transport, sizeof conn->transport, "%s", transport);
    const char *ip = json_string_value(json_object_get(root, "ip"));
    if (!ip || !*ip) {
        err = file_error(path, "field 'ip' missing or not a non-empty string");
        goto done;
    }
    for (int i = 0; i < 5; i++) {
        json_t *p = json_object_get(root, port_names[i]);
        json_int_t port = json_is_integer(p) ? json_integer_value(p) : 0;
        if (port < 1 || port > 65535) {
            err = file_error(path, "field '%s' missing or not an integer in 1..65535",
                             port_names[i]);
            goto done;
        }
        *port_slot(conn, i) = (int)port;
    }
    v = json_object_get(root, "key");
    const char *key = v ? json_string_value(v) : "";
    if (!key) {
        err = file_error(path, "field 'key' is not a string");
        goto done;
    }
    v = json_object_get(root, "signature_scheme");
    const char *scheme = v ? json_string_value(v) : "hmac-sha256";
    if (!scheme || (strcmp(scheme, "hmac-sha256") && strcmp(scheme, "hmac-sha512"))) {
        err = file_error(path, "field 'signature_scheme' must be \"hmac-sha256\" or "
                               "\"hmac-sha512\"");
        goto done;
    }
    snprintf(conn->signature_scheme, sizeof conn->signature_scheme, "%s", scheme);
    conn->ip = strdup(ip);
    conn->key = strdup(key);
    if (!conn->ip || !conn->key) {
        jp_connection_fini(conn);
        err = file_error(path, "out of memory");
    }
done:
    json_decref(root);
    return err;
}

int jp_connection_init_local(JpConnection *conn)
{
    memset(conn, 0, sizeof *conn);
    if (sodium_init() < 0)
        return -1;
    snprintf(conn->transport, sizeof conn->transport, "tcp");
    snprintf(conn->signature_scheme, sizeof conn->signature_scheme, "hmac-sha256");
    conn->ip = strdup("127.0.0.1");
    conn->key = malloc(37);
    if (!conn->ip || !conn->key) {
        jp_connection_fini(conn);
        return -1;
    }
    jp_uuid(conn->key);
    return 0;
}

char *jp_connection_write(const char *path, const JpConnection *conn,
                          const char *kernel_name)
{
    json_t *root = json_pack(
        "{s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:s, s:s}", "transport", conn->transport,
        "ip", conn->ip, "shell_port", conn->shell_port, "iopub_port", conn->iopub_port,
        "stdin_port", conn->stdin_port, "control_port", conn->control_port, "hb_port",
        conn->hb_port, "key", conn->key, "signature_scheme", conn->signature_scheme);
    if (root && kernel_name)
        json_object_set_new(root, "kernel_name", json_string(kernel_name));
    char *text = root ? json_dumps(root, JSON_INDENT(2)) : NULL;
    json_decref(root);
    if (!text)
        return file_error(path, "out of memory");
    char *err = NULL;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        err = file_error(path, "%s", strerror(errno));
    } else {
        size_t len = strlen(text), off = 0;
        if (fchmod(fd, 0600) < 0)
            err = file_error(path, "%s", strerror(errno));
        while (!err && off < len) {
            ssize_t w = write(fd, text + off, len - off);
            if (w < 0 && errno != EINTR)
                err = file_error(path, "%s", strerror(errno));
            off += w > 0 ? (size_t)w : 0;
        }
        if (close(fd) < 0 && !err)
            err = file_error(path, "%s", strerror(errno));
    }
    free(text);
    return err;
}

char *jp_connection_endpoint(const JpConnection *conn, int port)
{
    size_t n = strlen(conn->ip) + 32;
    char *ep = malloc(n);
    if (!ep)
        return NULL;
    if (strcmp(conn->transport, "ipc") == 0)
        snprintf(ep, n, "ipc://%s-%d", conn->ip, port);
    else if (port == 0)
        snprintf(ep, n, "tcp://%s:*", conn->ip);
    else
        snprintf(ep, n, "tcp://%s:%d", conn->ip, port);
    return ep;
}
