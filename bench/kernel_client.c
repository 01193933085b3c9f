/*
 * bench/kernel_client.c - a lean Jupyter client that measures one kernel.
 *
 *   kernel_client [--check] [-n N] [-x EXECUTES] [-l LINES] KERNEL_ARGV...
 *                 (one argument is "{connection_file}")
 *   kernel_client --floor [-n N]
 *
 * Writes a connection file (free tcp ports on 127.0.0.1, a random key), starts the
 * kernel in a process group of its own and prints one JSON object: start-up time
 * to the first kernel_info_reply, kernel_info and `1+1` latencies, a cell printing
 * LINES lines, and RSS at idle and after EXECUTES executes. --floor measures this
 * client against an in-process ZMQ echo instead, so the kernel figures can be read
 * against what the client itself costs. Requests are built and signed with
 * protocol/; replies are checked against their signature and then read only for
 * the few header fields the measurements use. --check exits 1 unless every line of
 * the print cell arrived in order and the kernel shut down cleanly (the test
 * suite runs that; timings belong here, never in tests). Read measure_kernel()
 * first.
 */
#include "protocol.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#define QUIET_MS   120000 /* a kernel silent this long has failed */
#define STARTUP_MS 60000

typedef struct Client {
    void *zctx;
    void *shell, *control, *iopub;
    JpSigner *signer;
    JpSession session;
    pid_t pid; /* the kernel, leader of its own process group; 0 when reaped */
} Client;

/* The connection file and the kernel's output, in a directory of their own. */
static struct {
    char dir[32], conn_file[64], log[64];
} files;

/* Removes the files; with show, first copies the kernel's output to stderr. */
static void remove_files(bool show)
{
    if (!files.dir[0])
        return;
    FILE *f = show ? fopen(files.log, "r") : NULL;
    char line[512];
    while (f && fgets(line, sizeof line, f))
        fprintf(stderr, "kernel: %s", line);
    if (f)
        fclose(f);
    unlink(files.conn_file);
    unlink(files.log);
    rmdir(files.dir);
    files.dir[0] = '\0';
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

__attribute__((format(printf, 2, 3))) static void die(Client *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("kernel_client: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (c && c->pid > 0) {
        kill(-c->pid, SIGKILL);
        waitpid(c->pid, NULL, 0);
    }
    remove_files(true);
    exit(1);
}

/* ==== Figures ==== */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v and returns its q-quantile (nearest rank), in the unit given. */
static double quantile(double *v, size_t n, double q)
{
    qsort(v, n, sizeof *v, cmp_double);
    size_t rank = (size_t)(q * (double)n + 0.999999);
    return v[rank ? rank - 1 : 0];
}

static void set_latency(json_t *out, const char *name, double *ms, size_t n)
{
    char key[64];
    snprintf(key, sizeof key, "%s_p50_us", name);
    json_object_set_new(out, key, json_real(quantile(ms, n, 0.50) * 1e3));
    snprintf(key, sizeof key, "%s_p99_us", name);
    json_object_set_new(out, key, json_real(quantile(ms, n, 0.99) * 1e3));
}

/* Resident memory in KiB: all of it (VmRSS: shared library pages included) and
   the process's own anonymous part (RssAnon: heaps, stacks). */
typedef struct Rss {
    long total, anon;
} Rss;

/* Adds the resident memory of one process to *r (nothing if it is gone). */
static void add_rss(pid_t pid, Rss *r)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
    FILE *f = fopen(path, "r");
    long kib;
    while (f && fgets(line, sizeof line, f)) {
        if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
            r->total += kib;
        else if (sscanf(line, "RssAnon: %ld kB", &kib) == 1)
            r->anon += kib;
    }
    if (f)
        fclose(f);
}

/* The resident memory of every process in process group pgid (a kernel and any
   helpers it started). */
static Rss group_rss(pid_t pgid)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    Rss r = {0, 0};
    while (d && (e = readdir(d))) {
        char path[300], buf[512];
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        char *rp = strrchr(buf, ')'); /* the command name may hold anything */
        char state;
        long ppid, pgrp;
        if (rp && sscanf(rp + 1, " %c %ld %ld", &state, &ppid, &pgrp) == 3 &&
            pgrp == (long)pgid)
            add_rss((pid_t)atol(e->d_name), &r);
    }
    if (d)
        closedir(d);
    return r;
}

/* Records the memory of pid as <when>_kib and <when>_anon_kib and, when group,
   that of its process group as <when>_group_kib and <when>_group_anon_kib. */
static void set_rss(json_t *out, const char *when, pid_t pid, bool group)
{
    Rss r[2] = {{0, 0}, {0, 0}};
    add_rss(pid, &r[0]);
    if (group)
        r[1] = group_rss(pid);
    static const char *const suffix[2][2] = {{"_kib", "_anon_kib"},
                                             {"_group_kib", "_group_anon_kib"}};
    for (int g = 0; g < (group ? 2 : 1); g++) {
        char key[64];
        snprintf(key, sizeof key, "%s%s", when, suffix[g][0]);
        json_object_set_new(out, key, json_integer(r[g].total));
        snprintf(key, sizeof key, "%s%s", when, suffix[g][1]);
        json_object_set_new(out, key, json_integer(r[g].anon));
    }
}

/* ==== Messages ==== */

/* Sends msg_type with content (stolen) on socket; the new msg_id goes to id. */
static void send_request(Client *c, void *socket, const char *msg_type, json_t *content,
                         char id[64])
{
    JpMessage m;
    if (jp_msg_init(&m, &c->session, msg_type, NULL, content) < 0)
        die(c, "out of memory building %s", msg_type);
    snprintf(id, 64, "%s", json_string_value(json_object_get(m.header, "msg_id")));
    if (jp_wire_send(socket, c->signer, &m) < 0)
        die(c, "cannot send: %s", zmq_strerror(errno));
    jp_msg_fini(&m);
}

static json_t *execute_content(const char *code)
{
    return json_pack("{s:s, s:b, s:b, s:{}, s:b, s:b}", "code", code, "silent", 0,
                     "store_history", 1, "user_expressions", "allow_stdin", 0,
                     "stop_on_error", 1);
}

/* ==== Receiving, decoded no further than the measurements need ==== */

#define MAX_FRAMES 16 /* identities, delimiter, signature, four dicts, buffers */

/* A received message whose signature checked out: its frames, and the few
   fields the measurements read, taken from the JSON text without building a
   tree (a stream's text is parsed properly where it is counted). */
typedef struct Msg {
    zmq_msg_t frames[MAX_FRAMES];
    size_t n;
    JpBytes parts[4]; /* header, parent_header, metadata, content: views */
    char type[64], id[64], parent_id[64];
    char state[16]; /* execution_state of a status message, else "" */
} Msg;

static void msg_close(Msg *m)
{
    for (size_t i = 0; i < m->n; i++)
        zmq_msg_close(&m->frames[i]);
    m->n = 0;
}

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* p is at a string's opening quote: the position after its closing quote, or
   NULL if the text ends first. */
static const char *skip_string(const char *p, const char *end)
{
    for (p++; p < end; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '"')
            return p + 1;
    }
    return NULL;
}

/* p is at a value inside an object: the position after it (at the ',' or '}'
   that follows a scalar), or NULL if the text is malformed. */
static const char *skip_value(const char *p, const char *end)
{
    int depth = 0;
    while (p < end) {
        if (*p == '"') {
            if (!(p = skip_string(p, end)))
                return NULL;
            if (depth == 0)
                return p;
            continue;
        }
        if (*p == '{' || *p == '[') {
            depth++;
        } else if (*p == '}' || *p == ']') {
            if (depth == 0)
                return p;
            if (--depth == 0)
                return p + 1;
        } else if (*p == ',' && depth == 0) {
            return p;
        }
        p++;
    }
    return NULL;
}

/* Copies the string value of key, a member of the JSON object text obj, into
   out (size bytes with its NUL). False when it is absent, not a string, holds
   escapes or does not fit: none of which a header field the client reads may. */
static bool string_field(JpBytes obj, const char *key, char *out, size_t size)
{
    const char *p = obj.data, *end = p + obj.len;
    size_t klen = strlen(key);
    p = skip_ws(p, end);
    if (p == end || *p++ != '{')
        return false;
    for (;;) {
        p = skip_ws(p, end);
        if (p == end || *p != '"')
            return false; /* '}': no such member */
        const char *k = p + 1, *kend = skip_string(p, end);
        if (!kend)
            return false;
        p = skip_ws(kend, end);
        if (p == end || *p++ != ':')
            return false;
        p = skip_ws(p, end);
        if ((size_t)(kend - 1 - k) == klen && memcmp(k, key, klen) == 0) {
            const char *v = p + 1,
                       *vend = p < end && *p == '"' ? skip_string(p, end) : NULL;
            size_t n = vend ? (size_t)(vend - 1 - v) : size;
            if (n >= size || memchr(v, '\\', n))
                return false;
            memcpy(out, v, n);
            out[n] = '\0';
            return true;
        }
        if (!(p = skip_value(p, end)))
            return false;
        p = skip_ws(p, end);
        if (p == end || *p != ',')
            return false;
        p++;
    }
}

/* Receives one message without waiting. JP_RECV_OK leaves it in *m for
   msg_close(); a malformed or badly signed one is logged and dropped. */
static JpRecv msg_recv(Client *c, void *socket, Msg *m)
{
    m->n = 0;
    zmq_msg_t spare; /* frames past MAX_FRAMES: buffers, not read */
    zmq_msg_init(&spare);
    for (bool more = true; more;) {
        zmq_msg_t *f = m->n < MAX_FRAMES ? &m->frames[m->n] : &spare;
        if (f != &spare)
            zmq_msg_init(f);
        int rc;
        while ((rc = zmq_msg_recv(f, socket, m->n ? 0 : ZMQ_DONTWAIT)) < 0 &&
               errno == EINTR && m->n > 0)
            ;
        if (rc < 0) {
            int e = errno;
            if (f != &spare)
                zmq_msg_close(f);
            zmq_msg_close(&spare);
            msg_close(m);
            errno = e;
            return e == EAGAIN || e == EINTR ? JP_RECV_AGAIN : JP_RECV_ERROR;
        }
        more = zmq_msg_more(f);
        if (f != &spare)
            m->n++;
    }
    zmq_msg_close(&spare);
    size_t d = 0; /* the delimiter */
    while (d < m->n && !(zmq_msg_size(&m->frames[d]) == strlen(JP_DELIMITER) &&
                         memcmp(zmq_msg_data(&m->frames[d]), JP_DELIMITER,
                                strlen(JP_DELIMITER)) == 0))
        d++;
    const char *why = "no delimiter or too few frames";
    if (d + 6 <= m->n) {
        for (int i = 0; i < 4; i++)
            m->parts[i] = (JpBytes){zmq_msg_data(&m->frames[d + 2 + i]),
                                    zmq_msg_size(&m->frames[d + 2 + i])};
        JpVerify v = jp_verify(c->signer, m->parts, zmq_msg_data(&m->frames[d + 1]),
                               zmq_msg_size(&m->frames[d + 1]));
        why = jp_verify_str(v);
        if (v == JP_VERIFY_OK) {
            why = "a header without msg_type and msg_id";
            m->parent_id[0] = m->state[0] = '\0';
            string_field(m->parts[1], "msg_id", m->parent_id, sizeof m->parent_id);
            if (string_field(m->parts[0], "msg_type", m->type, sizeof m->type) &&
                string_field(m->parts[0], "msg_id", m->id, sizeof m->id)) {
                if (strcmp(m->type, "status") == 0)
                    string_field(m->parts[3], "execution_state", m->state,
                                 sizeof m->state);
                return JP_RECV_OK;
            }
        }
    }
    fprintf(stderr, "kernel_client: dropped a message: %s\n", why);
    msg_close(m);
    return JP_RECV_DROPPED;
}

static bool is_reply_to(const Msg *m, const char *id)
{
    return strcmp(m->parent_id, id) == 0;
}

/* Waits up to timeout_ms for one message on socket. False on timeout; dies when
   the kernel has exited or the socket failed. */
static bool recv_one(Client *c, void *socket, Msg *m, long timeout_ms)
{
    zmq_pollitem_t item = {socket, 0, ZMQ_POLLIN, 0};
    double deadline = now_ms() + (double)timeout_ms;
    for (;;) {
        long left = (long)(deadline - now_ms());
        if (left < 0)
            left = 0;
        int rc = zmq_poll(&item, 1, left);
        if (rc < 0 && errno != EINTR)
            die(c, "poll failed: %s", zmq_strerror(errno));
        if (rc > 0) {
            JpRecv r = msg_recv(c, socket, m);
            if (r == JP_RECV_OK)
                return true;
            if (r == JP_RECV_ERROR)
                die(c, "receive failed: %s", zmq_strerror(errno));
            continue;
        }
        int status;
        if (c->pid > 0 && waitpid(c->pid, &status, WNOHANG) == c->pid) {
            c->pid = 0;
            die(c, "%s", "the kernel exited");
        }
        if (now_ms() >= deadline)
            return false;
    }
}

/* Waits for the reply to request id on socket; dies after QUIET_MS. */
static void wait_reply(Client *c, void *socket, const char *id)
{
    Msg m;
    for (;;) {
        if (!recv_one(c, socket, &m, QUIET_MS))
            die(c, "no reply to %s", id);
        bool done = is_reply_to(&m, id);
        msg_close(&m);
        if (done)
            return;
    }
}

/* The stream output of the print cell, checked as it arrives: it must be the
   lines "0", "1", ... in order, however the kernel splits them into messages. */
typedef struct Output {
    long streams; /* stream messages */
    long lines;   /* complete lines */
    long value;   /* digits of the line being read so far */
    int digits;
    bool in_order; /* every line so far was the number expected */
} Output;

static void check_text(Output *o, const char *t)
{
    for (; t && *t; t++) {
        if (*t >= '0' && *t <= '9' && o->digits < 18) {
            o->value = o->value * 10 + (*t - '0');
            o->digits++;
        } else if (*t == '\n') {
            o->in_order = o->in_order && o->digits > 0 && o->value == o->lines;
            o->lines++;
            o->value = 0;
            o->digits = 0;
        } else {
            o->in_order = false;
        }
    }
}

/* Reads IOPub until status idle for request id, counting its stream output into
   out (may be NULL); dies when the kernel stays silent for QUIET_MS. */
static void wait_idle(Client *c, const char *id, Output *out)
{
    Msg m;
    for (;;) {
        if (!recv_one(c, c->iopub, &m, QUIET_MS))
            die(c, "no status idle for %s", id);
        bool done = false;
        if (is_reply_to(&m, id)) {
            if (strcmp(m.type, "stream") == 0 && out) {
                json_t *content = json_loadb(m.parts[3].data, m.parts[3].len, 0, NULL);
                out->streams++;
                check_text(out, json_string_value(json_object_get(content, "text")));
                json_decref(content);
            } else {
                done = strcmp(m.state, "idle") == 0;
            }
        }
        msg_close(&m);
        if (done)
            return;
    }
}

/* One execute of code: ms from the request to its status idle; the reply is
   awaited too before the next request goes out. */
static double execute(Client *c, const char *code, Output *out)
{
    char id[64];
    double t0 = now_ms();
    send_request(c, c->shell, "execute_request", execute_content(code), id);
    wait_idle(c, id, out);
    double t = now_ms() - t0;
    wait_reply(c, c->shell, id);
    return t;
}

/* ==== Sockets, connection file, the kernel process ==== */

static void *client_socket(Client *c, int type, int port)
{
    char ep[64];
    snprintf(ep, sizeof ep, "tcp://127.0.0.1:%d", port);
    void *s = zmq_socket(c->zctx, type);
    int linger = 0, ivl = 1, unlimited = 0;
    if (!s || zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger) < 0 ||
        zmq_setsockopt(s, ZMQ_RECONNECT_IVL, &ivl, sizeof ivl) < 0 ||
        zmq_setsockopt(s, ZMQ_RCVHWM, &unlimited, sizeof unlimited) < 0 ||
        (type == ZMQ_SUB && zmq_setsockopt(s, ZMQ_SUBSCRIBE, "", 0) < 0) ||
        zmq_connect(s, ep) < 0)
        die(c, "cannot connect to %s", ep);
    return s;
}

/* Five distinct free tcp ports on 127.0.0.1, held open together while chosen. */
static void free_ports(int ports[5])
{
    int fds[5];
    for (int i = 0; i < 5; i++) {
        struct sockaddr_in a = {.sin_family = AF_INET};
        socklen_t len = sizeof a;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        fds[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (fds[i] < 0 || bind(fds[i], (struct sockaddr *)&a, sizeof a) < 0 ||
            getsockname(fds[i], (struct sockaddr *)&a, &len) < 0)
            die(NULL, "cannot find a free port: %s", strerror(errno));
        ports[i] = ntohs(a.sin_port);
    }
    for (int i = 0; i < 5; i++)
        close(fds[i]);
}

/* Starts argv (with "{connection_file}" replaced) in a new process group, its
   output in log. Returns the pid. */
static pid_t launch(char **argv, const char *conn_file, const char *log)
{
    int n = 0;
    while (argv[n])
        n++;
    char **args = calloc((size_t)n + 1, sizeof *args);
    if (!args)
        die(NULL, "%s", "out of memory");
    for (int i = 0; i < n; i++)
        args[i] =
            strcmp(argv[i], "{connection_file}") == 0 ? (char *)conn_file : argv[i];
    pid_t pid = fork();
    if (pid < 0)
        die(NULL, "fork: %s", strerror(errno));
    if (pid == 0) {
        setpgid(0, 0);
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int null = open("/dev/null", O_RDONLY);
        if (fd >= 0 && null >= 0) {
            dup2(null, 0);
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execvp(args[0], args);
        _exit(127);
    }
    setpgid(pid, pid); /* also here, so the group exists whoever runs first */
    free(args);
    return pid;
}

/* Asks for a shutdown on control and reaps the kernel; returns "clean" or
   "killed" (no exit within 10 s, or no shutdown_reply). */
static const char *shut_down(Client *c)
{
    char id[64];
    send_request(c, c->control, "shutdown_request", json_pack("{s:b}", "restart", 0),
                 id);
    Msg m;
    bool replied = false;
    while (!replied && recv_one(c, c->control, &m, 10000)) {
        replied = is_reply_to(&m, id);
        msg_close(&m);
    }
    double deadline = now_ms() + 10000;
    int status;
    while (now_ms() < deadline) {
        if (waitpid(c->pid, &status, WNOHANG) == c->pid) {
            kill(-c->pid, SIGKILL); /* helpers the kernel left behind */
            c->pid = 0;
            return replied && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "clean"
                                                                            : "unclean";
        }
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    kill(-c->pid, SIGKILL);
    waitpid(c->pid, &status, 0);
    c->pid = 0;
    return "killed";
}

/* ==== The measurements ==== */

/* Launch to the first kernel_info_reply, in ms. A request is resent every
   second, as clients waiting for a kernel do. */
static double wait_started(Client *c, double t0)
{
    char id[64];
    Msg m;
    for (;;) {
        send_request(c, c->shell, "kernel_info_request", NULL, id);
        double resend = now_ms() + 1000;
        while (now_ms() < resend) {
            if (!recv_one(c, c->shell, &m, (long)(resend - now_ms()) + 1))
                break;
            bool first = strcmp(m.type, "kernel_info_reply") == 0;
            msg_close(&m);
            if (first)
                return now_ms() - t0;
        }
        if (now_ms() - t0 > STARTUP_MS)
            die(c, "%s", "no kernel_info_reply within 60 s");
    }
}

/* IOPub subscriptions take effect asynchronously: send kernel_info requests until
   one's status message arrives, so no later output is missed. */
static void wait_iopub(Client *c)
{
    double t0 = now_ms();
    for (;;) {
        char id[64];
        send_request(c, c->shell, "kernel_info_request", NULL, id);
        wait_reply(c, c->shell, id);
        Msg m;
        bool seen = false, idle = false;
        while (!seen && recv_one(c, c->iopub, &m, 200)) {
            seen = is_reply_to(&m, id);
            /* the subscription may have begun between busy and idle */
            idle = seen && strcmp(m.state, "idle") == 0;
            msg_close(&m);
        }
        if (seen) {
            if (!idle)
                wait_idle(c, id, NULL);
            return;
        }
        if (now_ms() - t0 > STARTUP_MS)
            die(c, "%s", "IOPub never delivered a status message");
    }
}

typedef struct Params {
    size_t n;        /* latency samples */
    size_t executes; /* executes before the second RSS reading */
    long lines;      /* lines the print cell prints */
} Params;

static void measure_kernel(char **argv, const Params *p, json_t *out)
{
    Client c = {0};
    char dir[] = "/tmp/kernel_client.XXXXXX";
    if (!mkdtemp(dir))
        die(NULL, "mkdtemp: %s", strerror(errno));
    snprintf(files.dir, sizeof files.dir, "%s", dir);
    snprintf(files.conn_file, sizeof files.conn_file, "%s/kernel.json", dir);
    snprintf(files.log, sizeof files.log, "%s/kernel.log", dir);
    const char *conn_file = files.conn_file;

    JpConnection conn;
    if (jp_connection_init_local(&conn) < 0)
        die(NULL, "%s", "out of memory");
    int ports[5];
    free_ports(ports);
    conn.shell_port = ports[0];
    conn.iopub_port = ports[1];
    conn.stdin_port = ports[2];
    conn.control_port = ports[3];
    conn.hb_port = ports[4];
    char *err = jp_connection_write(conn_file, &conn, NULL);
    if (err)
        die(NULL, "%s", err);
    c.signer = jp_signer_new(conn.signature_scheme, conn.key, strlen(conn.key), &err);
    if (!c.signer)
        die(NULL, "%s", err);
    jp_session_init(&c.session, "bench");
    c.zctx = zmq_ctx_new();
    c.shell = client_socket(&c, ZMQ_DEALER, conn.shell_port);
    c.control = client_socket(&c, ZMQ_DEALER, conn.control_port);
    c.iopub = client_socket(&c, ZMQ_SUB, conn.iopub_port);

    double t0 = now_ms();
    c.pid = launch(argv, conn_file, files.log);
    json_object_set_new(out, "startup_ms", json_real(wait_started(&c, t0)));
    wait_iopub(&c);
    set_rss(out, "rss_idle", c.pid, true);

    double *ms = calloc(p->n, sizeof *ms);
    if (!ms)
        die(&c, "%s", "out of memory");
    for (size_t i = 0; i < p->n; i++) {
        char id[64];
        double t = now_ms();
        send_request(&c, c.shell, "kernel_info_request", NULL, id);
        wait_reply(&c, c.shell, id);
        ms[i] = now_ms() - t;
        wait_idle(&c, id, NULL);
    }
    set_latency(out, "kernel_info", ms, p->n);

    for (size_t i = 0; i < p->n; i++)
        ms[i] = execute(&c, "1+1", NULL);
    set_latency(out, "execute", ms, p->n);
    free(ms);
    for (size_t i = p->n; i < p->executes; i++)
        execute(&c, "1+1", NULL);
    json_object_set_new(out, "executes", json_integer((json_int_t)p->executes));
    set_rss(out, "rss_after", c.pid, true);

    char code[96];
    snprintf(code, sizeof code, "for i in range(%ld): print(i)", p->lines);
    Output o = {.in_order = true};
    json_object_set_new(out, "print_ms", json_real(execute(&c, code, &o)));
    json_object_set_new(out, "print_lines", json_integer(o.lines));
    json_object_set_new(out, "print_in_order",
                        json_boolean(o.in_order && o.digits == 0));
    json_object_set_new(out, "print_streams", json_integer(o.streams));

    json_object_set_new(out, "shutdown", json_string(shut_down(&c)));
    zmq_close(c.shell);
    zmq_close(c.control);
    zmq_close(c.iopub);
    zmq_ctx_term(c.zctx);
    jp_signer_free(c.signer);
    jp_connection_fini(&conn);
    remove_files(false);
}

/* ==== The floor: this client against an in-process echo ==== */

/* Two ROUTERs served by one thread: what arrives on `reply` goes back to its
   sender unchanged, what arrives on `publish` goes out on `pub` without the
   routing identity. Raw ZMQ, nothing parsed: all signing and JSON work is the
   client's, exactly as against a kernel. */
typedef struct Echo {
    void *reply, *publish, *pub;
} Echo;

static void *echo_loop(void *arg)
{
    Echo *e = arg;
    zmq_pollitem_t items[2] = {{e->reply, 0, ZMQ_POLLIN, 0},
                               {e->publish, 0, ZMQ_POLLIN, 0}};
    zmq_msg_t part;
    zmq_msg_init(&part);
    while (zmq_poll(items, 2, -1) >= 0) { /* ETERM once the context shuts down */
        for (int k = 0; k < 2; k++) {
            if (!(items[k].revents & ZMQ_POLLIN))
                continue;
            void *in = items[k].socket, *to = k == 0 ? e->reply : e->pub;
            bool first = true, more = true;
            while (more && zmq_msg_recv(&part, in, 0) >= 0) {
                more = zmq_msg_more(&part);
                if (first && k == 1) { /* the routing identity */
                    first = false;
                    continue;
                }
                first = false;
                zmq_msg_send(&part, to, more ? ZMQ_SNDMORE : 0);
            }
        }
    }
    zmq_msg_close(&part);
    zmq_close(e->reply);
    zmq_close(e->publish);
    zmq_close(e->pub);
    return NULL;
}

static void *echo_socket(void *zctx, int type, int *port)
{
    void *s = zmq_socket(zctx, type);
    int zero = 0;
    if (!s || zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof zero) < 0 ||
        zmq_setsockopt(s, ZMQ_SNDHWM, &zero, sizeof zero) < 0 ||
        zmq_bind(s, "tcp://127.0.0.1:*") < 0)
        die(NULL, "cannot bind the echo: %s", zmq_strerror(errno));
    char ep[64];
    size_t len = sizeof ep;
    zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, ep, &len);
    *port = atoi(strrchr(ep, ':') + 1);
    return s;
}

/* A request on socket and its echo back on from, matched by its own msg_id:
   ms for the round trip. */
static double echo_round_trip(Client *c, void *socket, void *from)
{
    char id[64];
    double t0 = now_ms();
    send_request(c, socket, "kernel_info_request", NULL, id);
    for (;;) {
        Msg m;
        if (!recv_one(c, from, &m, QUIET_MS))
            die(c, "%s", "the echo stopped answering");
        bool done = strcmp(m.id, id) == 0;
        msg_close(&m);
        if (done)
            return now_ms() - t0;
    }
}

/* The client's own cost: a request/reply round trip (as kernel_info) and a
   request answered on a SUB socket (as execute to idle), through the same
   encoding, signing, verification and parsing, against an echo that costs
   nothing. */
static void measure_floor(const Params *p, json_t *out)
{
    Client c = {0};
    char *err = NULL;
    c.signer = jp_signer_new("hmac-sha256", "floor-key", 9, &err);
    if (!c.signer)
        die(NULL, "%s", err);
    jp_session_init(&c.session, "bench");
    c.zctx = zmq_ctx_new();
    Echo e;
    int reply_port, publish_port, pub_port;
    e.reply = echo_socket(c.zctx, ZMQ_ROUTER, &reply_port);
    e.publish = echo_socket(c.zctx, ZMQ_ROUTER, &publish_port);
    e.pub = echo_socket(c.zctx, ZMQ_PUB, &pub_port);
    /* shell asks for a reply on shell; control asks for an answer on iopub */
    c.shell = client_socket(&c, ZMQ_DEALER, reply_port);
    c.control = client_socket(&c, ZMQ_DEALER, publish_port);
    c.iopub = client_socket(&c, ZMQ_SUB, pub_port);
    pthread_t thread;
    if (pthread_create(&thread, NULL, echo_loop, &e) != 0)
        die(NULL, "%s", "cannot start the echo thread");

    echo_round_trip(&c, c.shell, c.shell);
    Msg m;
    char id[64];
    bool subscribed = false;
    while (!subscribed) { /* until the subscription has reached the PUB */
        send_request(&c, c.control, "kernel_info_request", NULL, id);
        subscribed = recv_one(&c, c.iopub, &m, 100);
        if (subscribed)
            msg_close(&m);
    }
    while (recv_one(&c, c.iopub, &m, 100)) /* stragglers */
        msg_close(&m);

    double *ms = calloc(p->n, sizeof *ms);
    if (!ms)
        die(NULL, "%s", "out of memory");
    for (size_t i = 0; i < p->n; i++)
        ms[i] = echo_round_trip(&c, c.shell, c.shell);
    set_latency(out, "kernel_info", ms, p->n);
    for (size_t i = 0; i < p->n; i++)
        ms[i] = echo_round_trip(&c, c.control, c.iopub);
    set_latency(out, "execute", ms, p->n);
    free(ms);
    /* what a process holding libzmq, its threads and this protocol code costs */
    set_rss(out, "rss", getpid(), false);

    zmq_close(c.shell);
    zmq_close(c.control);
    zmq_close(c.iopub);
    zmq_ctx_shutdown(c.zctx);
    pthread_join(thread, NULL);
    zmq_ctx_term(c.zctx);
    jp_signer_free(c.signer);
}

/* ==== Command line ==== */

static void usage(void)
{
    fputs("usage: kernel_client [--check] [-n N] [-x EXECUTES] [-l LINES] "
          "KERNEL_ARGV...\n"
          "       kernel_client --floor [-n N]\n"
          "KERNEL_ARGV holds {connection_file}; prints one JSON object.\n",
          stderr);
    exit(2);
}

static long positive(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v <= 0)
        usage();
    return v;
}

int main(int argc, char **argv)
{
    Params p = {.n = 1000, .executes = 10000, .lines = 100000};
    bool floor_only = false, check = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--floor") == 0)
            floor_only = true;
        else if (strcmp(argv[i], "--check") == 0)
            check = true;
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (i + 1 < argc && strcmp(argv[i], "-n") == 0)
            p.n = (size_t)positive(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "-x") == 0)
            p.executes = (size_t)positive(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "-l") == 0)
            p.lines = positive(argv[++i]);
        else
            usage();
    }
    if (floor_only == (i < argc))
        usage();
    if (p.executes < p.n)
        p.executes = p.n;
    signal(SIGPIPE, SIG_IGN);
    json_t *out = json_object();
    if (floor_only) {
        measure_floor(&p, out);
    } else {
        json_t *cmd = json_array();
        for (int k = i; k < argc; k++)
            json_array_append_new(cmd, json_string(argv[k]));
        json_object_set_new(out, "argv", cmd);
        measure_kernel(argv + i, &p, out);
    }
    json_object_set_new(out, "samples", json_integer((json_int_t)p.n));
    char *text = json_dumps(out, JSON_COMPACT);
    puts(text);
    free(text);
    int status = 0;
    if (check && !floor_only &&
        (!json_is_true(json_object_get(out, "print_in_order")) ||
         json_integer_value(json_object_get(out, "print_lines")) != p.lines ||
         strcmp(json_string_value(json_object_get(out, "shutdown")), "clean") != 0)) {
        fputs("kernel_client: check failed: the print cell's lines or the shutdown\n",
              stderr);
        status = 1;
    }
    json_decref(out);
    return status;
}
