/*
 * protocol/server.c - sockets, request dispatch, IOPub publishing, stdin.
 *
 * Threads: the caller's thread runs jp_server_run(): it owns shell and stdin and
 * calls every language handler, one request at a time. A control thread owns
 * control: it answers kernel_info (cached at start), interrupt_request (sets the
 * flag the VM polls) and shutdown_request while shell is busy, and flushes stream
 * output that has waited 50 ms. The heartbeat echoes in a thread of its own.
 * IOPub is shared, so every IOPub send and the stream buffer sit under iopub_lock.
 * Read handle_shell() first: busy, dispatch, flush, reply, idle, for every request.
 * Between requests the main thread polls shell for JP_SPIN_NS before it sleeps.
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "protocol_internal.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

struct JpServer {
    JpSession session;
    JpSigner *signer;
    const JpHandlers *h;
    void *ctx;
    json_t *kernel_info; /* the complete kernel_info_reply content */
    int ports[5];        /* shell, iopub, stdin, control, hb as bound */
    void *zctx;
    void *shell, *control, *stdin_socket, *iopub;
    void *wake_tx, *wake_rx; /* inproc pair: control thread -> main thread */
    JpHeartbeat *hb;
    pthread_t control_thread;
    bool control_started;
    atomic_bool stopping; /* jp_server_free() -> control thread */
    atomic_int interrupt;
    atomic_bool shutdown;
    atomic_bool restart;

    pthread_mutex_t iopub_lock; /* guards iopub, out, parent, silent */
    JpStreamBuffer out;
    json_t *parent; /* header of the running shell request, NULL between requests */
    bool silent;

    /* main thread only */
    const JpMessage *execute; /* the running execute_request, for stdin */
    bool allow_stdin;
    bool spin; /* poll before sleeping: another CPU can run the client meanwhile */
};

/* After a request the main thread polls shell this long before it sleeps. A
   client's next request often follows within it (nbclient's next cell, a
   console's is_complete then execute), and waking a sleeping thread costs 20-60 us
   on a virtual machine whose idle CPU halts: a third of an execute's round trip.
   The price is at most this much CPU per request, never any while idle. */
#define JP_SPIN_NS 100000

/* ==== IOPub ==== */

/* Sends one IOPub message; content stolen, parent borrowed (NULL = {}). Under
   iopub_lock. The topic frame is "kernel.<session>.<msg_type>" as ipykernel's. */
static void send_iopub_locked(JpServer *s, json_t *parent, const char *msg_type,
                              json_t *content)
{
    JpMessage m;
    if (jp_msg_init(&m, &s->session, msg_type, parent, content) < 0) {
        fprintf(stderr, "protocol: out of memory publishing %s\n", msg_type);
        return;
    }
    char topic[96];
    snprintf(topic, sizeof topic, "kernel.%s.%s", s->session.id, msg_type);
    JpBytes id = {topic, strlen(topic)};
    m.ids = &id;
    m.n_ids = 1;
    if (jp_wire_send(s->iopub, s->signer, &m) < 0)
        fprintf(stderr, "protocol: cannot publish %s: %s\n", msg_type,
                zmq_strerror(errno));
    m.ids = NULL;
    m.n_ids = 0;
    jp_msg_fini(&m);
}

static void flush_locked(JpServer *s)
{
    json_t *content = jp_stream_take(&s->out);
    if (content)
        send_iopub_locked(s, s->parent, "stream", content);
}

/* Publishes msg_type with content stolen, after any pending stream text. */
static void publish_with_parent(JpServer *s, json_t *parent, const char *msg_type,
                                json_t *content)
{
    pthread_mutex_lock(&s->iopub_lock);
    flush_locked(s);
    send_iopub_locked(s, parent, msg_type, content);
    pthread_mutex_unlock(&s->iopub_lock);
}

static void publish_status(JpServer *s, json_t *parent, const char *state)
{
    publish_with_parent(s, parent, "status",
                        json_pack("{s:s}", "execution_state", state));
}

/* Output of the running request: dropped while it is silent. content stolen;
   NULL (a json_pack() that failed on a NULL argument) is logged and dropped. */
static void publish_output(JpServer *s, const char *msg_type, json_t *content)
{
    if (!content) {
        fprintf(stderr, "protocol: invalid %s content, not published\n", msg_type);
        return;
    }
    pthread_mutex_lock(&s->iopub_lock);
    if (!s->silent) {
        flush_locked(s);
        send_iopub_locked(s, s->parent, msg_type, content);
    } else {
        json_decref(content);
    }
    pthread_mutex_unlock(&s->iopub_lock);
}

void jp_publish(JpServer *s, const char *msg_type, json_t *content)
{
    publish_output(s, msg_type, json_incref(content));
}

void jp_publish_stream(JpServer *s, const char *name, const char *text, size_t len)
{
    pthread_mutex_lock(&s->iopub_lock);
    if (!s->silent && len > 0) {
        if (jp_stream_conflicts(&s->out, name))
            flush_locked(s);
        uint64_t now = jp_now_ns();
        if (jp_stream_append(&s->out, name, text, len, now) < 0) {
            flush_locked(s);
            fprintf(stderr, "protocol: out of memory, %zu bytes of %s lost\n", len,
                    name);
        } else if (jp_stream_due(&s->out, now)) {
            flush_locked(s);
        }
    }
    pthread_mutex_unlock(&s->iopub_lock);
}

void jp_publish_display(JpServer *s, json_t *data, json_t *metadata,
                        const char *display_id, bool update)
{
    if (update && !display_id) {
        fputs("protocol: update_display_data without a display_id, dropped\n", stderr);
        return;
    }
    json_t *content = json_pack("{s:O, s:O, s:{}}", "data", data, "metadata",
                                metadata ? metadata : json_null(), "transient");
    if (content && !metadata)
        json_object_set_new(content, "metadata", json_object());
    if (content && display_id)
        json_object_set_new(json_object_get(content, "transient"), "display_id",
                            json_string(display_id));
    publish_output(s, update ? "update_display_data" : "display_data", content);
}

void jp_publish_clear_output(JpServer *s, bool wait)
{
    publish_output(s, "clear_output", json_pack("{s:b}", "wait", wait));
}

void jp_publish_execute_input(JpServer *s, const char *code, long count)
{
    publish_output(
        s, "execute_input",
        json_pack("{s:s, s:I}", "code", code, "execution_count", (json_int_t)count));
}

void jp_publish_execute_result(JpServer *s, long count, json_t *data, json_t *metadata)
{
    json_t *content =
        json_pack("{s:I, s:O}", "execution_count", (json_int_t)count, "data", data);
    json_object_set_new(content, "metadata",
                        metadata ? json_incref(metadata) : json_object());
    publish_output(s, "execute_result", content);
}

void jp_publish_error(JpServer *s, const char *ename, const char *evalue,
                      json_t *traceback)
{
    publish_output(s, "error",
                   json_pack("{s:s, s:s, s:O}", "ename", ename, "evalue", evalue,
                             "traceback", traceback));
}

/* ==== Replies ==== */

/* content with "status": "ok" added when it has none; NULL becomes {}. */
static json_t *with_status(json_t *content)
{
    if (!content)
        content = json_object();
    if (content && !json_object_get(content, "status"))
        json_object_set_new(content, "status", json_string("ok"));
    return content;
}

/* Sends the reply to request on socket; content stolen. */
static void send_reply(JpServer *s, void *socket, const JpMessage *request,
                       const char *msg_type, json_t *content)
{
    JpMessage m;
    if (jp_msg_init_reply(&m, &s->session, request, msg_type, content) < 0) {
        fprintf(stderr, "protocol: out of memory replying %s\n", msg_type);
        return;
    }
    if (strcmp(msg_type, "execute_reply") == 0)
        json_object_set(m.metadata, "status", json_object_get(m.content, "status"));
    if (jp_wire_send(socket, s->signer, &m) < 0)
        fprintf(stderr, "protocol: cannot send %s: %s\n", msg_type,
                zmq_strerror(errno));
    jp_msg_fini(&m);
}

/* "foo_request" -> "foo_reply" into out. */
static const char *reply_type(const char *request_type, char *out, size_t n)
{
    size_t len = strlen(request_type) - strlen("_request");
    snprintf(out, n, "%.*s_reply", (int)len, request_type);
    return out;
}

static const char *content_str(const JpMessage *m, const char *key, const char *dflt)
{
    const char *v = json_string_value(json_object_get(m->content, key));
    return v ? v : dflt;
}

static bool content_bool(const JpMessage *m, const char *key, bool dflt)
{
    json_t *v = json_object_get(m->content, key);
    return json_is_boolean(v) ? json_is_true(v) : dflt;
}

/* The request's cursor_pos (code points; default: end of code) as a byte offset. */
static size_t cursor_bytes(const JpMessage *m, const char *code)
{
    size_t len = strlen(code);
    json_t *v = json_object_get(m->content, "cursor_pos");
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return len;
    return jp_utf8_offset(code, len, (size_t)json_integer_value(v));
}

/* Rewrites the byte offset content[key] into a code point offset in code. */
static void to_codepoints(json_t *content, const char *key, const char *code)
{
    json_t *v = json_object_get(content, key);
    if (!json_is_integer(v))
        return;
    size_t len = strlen(code);
    json_int_t off = json_integer_value(v);
    size_t b = off < 0 ? 0 : (size_t)off > len ? len : (size_t)off;
    json_object_set_new(content, key,
                        json_integer((json_int_t)jp_utf8_codepoints(code, b)));
}

/* ==== Shell requests (main thread) ==== */

static void handle_shell(JpServer *s, const JpMessage *m);

/* The requests queued on shell right now, taken off the socket in order (*count of
   them; a malloc'd array, NULL when empty). */
static JpMessage *take_queued(JpServer *s, size_t *count)
{
    size_t n = 0, cap = 0;
    JpMessage *queued = NULL;
    for (;;) {
        if (n == cap) {
            JpMessage *q = realloc(queued, (cap ? 2 * cap : 8) * sizeof *q);
            if (!q)
                break;
            queued = q;
            cap = cap ? 2 * cap : 8;
        }
        JpRecv r = jp_wire_recv(s->shell, s->signer, ZMQ_DONTWAIT, &queued[n], "shell");
        if (r == JP_RECV_OK)
            n++;
        else if (r != JP_RECV_DROPPED)
            break;
    }
    *count = n;
    return queued;
}

/* After a failed execution with stop_on_error: every execute_request of queued
   (the snapshot taken by take_queued() when the execution failed, before its
   reply went out) is answered "aborted" (with busy/idle) without running, as
   ipykernel does; other queued requests are served normally, in order. Requests
   arriving later, even right after the reply, run normally. Frees queued. */
static void abort_queued(JpServer *s, JpMessage *queued, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        JpMessage *m = &queued[i];
        if (atomic_load(&s->shutdown)) /* the rest goes unanswered */
            jp_msg_fini(m);
        else if (strcmp(jp_msg_type(m), "execute_request") == 0) {
            publish_status(s, m->header, "busy");
            send_reply(s, s->shell, m, "execute_reply",
                       json_pack("{s:s}", "status", "aborted"));
            publish_status(s, m->header, "idle");
            jp_msg_fini(m);
        } else {
            handle_shell(s, m);
            jp_msg_fini(m);
        }
    }
    free(queued);
}

/* Runs the execute handler; returns the reply content (new reference). */
static json_t *do_execute(JpServer *s, const JpMessage *m, bool *abort_queue)
{
    JpExecuteRequest req;
    req.code = content_str(m, "code", "");
    req.silent = content_bool(m, "silent", false);
    req.store_history = !req.silent && content_bool(m, "store_history", true);
    req.allow_stdin = content_bool(m, "allow_stdin", false);
    req.stop_on_error = content_bool(m, "stop_on_error", true);
    json_t *ue = json_object_get(m->content, "user_expressions");
    json_t *empty = json_object();
    req.user_expressions = json_is_object(ue) ? ue : empty;

    atomic_store(&s->interrupt, 0); /* an interrupt while idle is forgotten */
    pthread_mutex_lock(&s->iopub_lock);
    s->silent = req.silent;
    pthread_mutex_unlock(&s->iopub_lock);
    s->execute = m;
    s->allow_stdin = req.allow_stdin;

    json_t *reply = s->h->execute(s->ctx, s, &req);

    s->execute = NULL;
    pthread_mutex_lock(&s->iopub_lock);
    flush_locked(s);
    s->silent = false;
    pthread_mutex_unlock(&s->iopub_lock);
    json_decref(empty);

    reply = with_status(reply);
    const char *status = json_string_value(json_object_get(reply, "status"));
    *abort_queue =
        req.stop_on_error && !req.silent && status && strcmp(status, "error") == 0;
    return reply;
}

/* Answers comm messages with the empty registry ipykernel has before any target
   is registered: comm_open is refused by an immediate comm_close. */
static void do_comm(JpServer *s, const JpMessage *m, const char *type)
{
    const char *id = content_str(m, "comm_id", "");
    if (strcmp(type, "comm_open") == 0) {
        fprintf(stderr, "protocol: No such comm target registered: %s\n",
                content_str(m, "target_name", ""));
        publish_with_parent(s, m->header, "comm_close",
                            json_pack("{s:s, s:{}}", "comm_id", id, "data"));
    } else {
        fprintf(stderr, "protocol: %s for unknown comm %s, ignored\n", type, id);
    }
}

/* The reply content of a shutdown_request; records the request for the main loop. */
static json_t *do_shutdown(JpServer *s, const JpMessage *m)
{
    bool restart = content_bool(m, "restart", false);
    atomic_store(&s->restart, restart);
    atomic_store(&s->shutdown, true);
    atomic_store(&s->interrupt, 1);
    return json_pack("{s:s, s:b}", "status", "ok", "restart", restart);
}

/* Sends a shutdown_reply and, as ipykernel does, a copy of it on IOPub. */
static void reply_shutdown(JpServer *s, void *socket, const JpMessage *m)
{
    json_t *content = do_shutdown(s, m);
    publish_with_parent(s, m->header, "shutdown_reply", json_deep_copy(content));
    send_reply(s, socket, m, "shutdown_reply", content);
}

static void handle_shell(JpServer *s, const JpMessage *m)
{
    const char *type = jp_msg_type(m);
    char rtype[64];
    publish_status(s, m->header, "busy");
    pthread_mutex_lock(&s->iopub_lock);
    s->parent = m->header;
    pthread_mutex_unlock(&s->iopub_lock);

    bool abort_queue = false;
    json_t *reply = NULL; /* content of a *_reply, sent after the output flush */
    if (strcmp(type, "execute_request") == 0) {
        reply = do_execute(s, m, &abort_queue);
    } else if (strcmp(type, "kernel_info_request") == 0) {
        reply = json_incref(s->kernel_info);
    } else if (strcmp(type, "inspect_request") == 0) {
        const char *code = content_str(m, "code", "");
        json_t *v = json_object_get(m->content, "detail_level");
        int level = json_is_integer(v) ? (int)json_integer_value(v) : 0;
        reply = s->h->inspect
                    ? s->h->inspect(s->ctx, code, cursor_bytes(m, code), level)
                    : json_pack("{s:b, s:{}, s:{}}", "found", 0, "data", "metadata");
        if (reply && !json_object_get(reply, "metadata"))
            json_object_set_new(reply, "metadata", json_object());
    } else if (strcmp(type, "complete_request") == 0) {
        const char *code = content_str(m, "code", "");
        size_t cursor = cursor_bytes(m, code);
        reply = s->h->complete
                    ? s->h->complete(s->ctx, code, cursor)
                    : json_pack("{s:[], s:I, s:I}", "matches", "cursor_start",
                                (json_int_t)cursor, "cursor_end", (json_int_t)cursor);
        if (reply) {
            to_codepoints(reply, "cursor_start", code);
            to_codepoints(reply, "cursor_end", code);
            if (!json_object_get(reply, "metadata"))
                json_object_set_new(reply, "metadata", json_object());
        }
    } else if (strcmp(type, "is_complete_request") == 0) {
        reply = s->h->is_complete
                    ? s->h->is_complete(s->ctx, content_str(m, "code", ""))
                    : NULL;
        if (!reply)
            reply = json_pack("{s:s}", "status", "unknown");
    } else if (strcmp(type, "history_request") == 0) {
        reply = s->h->history ? s->h->history(s->ctx, m->content)
                              : json_pack("{s:[]}", "history");
    } else if (strcmp(type, "comm_info_request") == 0) {
        reply = json_pack("{s:{}}", "comms");
    } else if (strcmp(type, "comm_open") == 0 || strcmp(type, "comm_msg") == 0 ||
               strcmp(type, "comm_close") == 0) {
        do_comm(s, m, type);
    } else if (strcmp(type, "interrupt_request") == 0) {
        reply = json_object(); /* nothing runs while shell reads a request */
    } else if (strcmp(type, "connect_request") == 0) {
        reply = json_pack("{s:i, s:i, s:i, s:i, s:i}", "shell_port", s->ports[0],
                          "iopub_port", s->ports[1], "stdin_port", s->ports[2],
                          "control_port", s->ports[3], "hb_port", s->ports[4]);
    } else if (strcmp(type, "shutdown_request") == 0) {
        reply_shutdown(s, s->shell, m);
    } else {
        fprintf(stderr, "protocol: unknown msg_type '%s' on shell, ignored\n", type);
    }

    pthread_mutex_lock(&s->iopub_lock);
    flush_locked(s);
    pthread_mutex_unlock(&s->iopub_lock);
    /* Before the reply: a client that sends its next request on seeing the
       reply (or the idle) must not have it aborted. */
    size_t n_queued = 0;
    JpMessage *queued = abort_queue ? take_queued(s, &n_queued) : NULL;
    if (reply)
        send_reply(s, s->shell, m, reply_type(type, rtype, sizeof rtype),
                   with_status(reply));
    publish_status(s, m->header, "idle");
    pthread_mutex_lock(&s->iopub_lock);
    s->parent = NULL;
    pthread_mutex_unlock(&s->iopub_lock);
    if (abort_queue)
        abort_queued(s, queued, n_queued);
}

/* zmq_poll() of items until one is ready: polled without waiting until the
   monotonic clock reaches spin_until, then waiting. */
static int poll_spinning(zmq_pollitem_t *items, int n, uint64_t spin_until)
{
    while (jp_now_ns() < spin_until) {
        int rc = zmq_poll(items, n, 0);
        if (rc != 0)
            return rc;
    }
    return zmq_poll(items, n, -1);
}

int jp_server_run(JpServer *s)
{
    zmq_pollitem_t items[2] = {{s->shell, 0, ZMQ_POLLIN, 0},
                               {s->wake_rx, 0, ZMQ_POLLIN, 0}};
    int status = 0;
    uint64_t spin_until = 0;
    while (!atomic_load(&s->shutdown)) {
        if (poll_spinning(items, 2, spin_until) < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "protocol: poll failed: %s\n", zmq_strerror(errno));
            status = -1;
            break;
        }
        if (items[1].revents & ZMQ_POLLIN) {
            char b;
            while (zmq_recv(s->wake_rx, &b, 1, ZMQ_DONTWAIT) >= 0)
                ;
        }
        if (!(items[0].revents & ZMQ_POLLIN) || atomic_load(&s->shutdown))
            continue;
        JpMessage m;
        JpRecv r = jp_wire_recv(s->shell, s->signer, ZMQ_DONTWAIT, &m, "shell");
        if (r == JP_RECV_ERROR) {
            fprintf(stderr, "protocol: shell failed: %s\n", zmq_strerror(errno));
            status = -1;
            break;
        }
        if (r == JP_RECV_OK) {
            handle_shell(s, &m);
            jp_msg_fini(&m);
            spin_until = s->spin ? jp_now_ns() + JP_SPIN_NS : 0;
        }
    }
    if (status == 0 && s->h->shutdown)
        s->h->shutdown(s->ctx, atomic_load(&s->restart));
    return status;
}

/* ==== stdin (main thread, during an execute_request) ==== */

atomic_int *jp_server_interrupt_flag(JpServer *s)
{
    return &s->interrupt;
}

void jp_server_request_shutdown(JpServer *s)
{
    atomic_store(&s->restart, false);
    atomic_store(&s->shutdown, true);
    atomic_store(&s->interrupt, 1);
}

JpInputStatus jp_server_input(JpServer *s, const char *prompt, bool password,
                              char **out)
{
    *out = NULL;
    if (!s->execute || !s->allow_stdin)
        return JP_INPUT_NOT_ALLOWED;
    pthread_mutex_lock(&s->iopub_lock);
    flush_locked(s);
    pthread_mutex_unlock(&s->iopub_lock);

    JpMessage m;
    JpRecv r;
    while ((r = jp_wire_recv(s->stdin_socket, s->signer, ZMQ_DONTWAIT, &m, "stdin")) !=
               JP_RECV_AGAIN &&
           r != JP_RECV_ERROR) {
        if (r == JP_RECV_OK) { /* a stale reply to an earlier request */
            fprintf(stderr, "protocol: discarding stale %s on stdin\n",
                    jp_msg_type(&m));
            jp_msg_fini(&m);
        }
    }
    JpMessage req;
    if (jp_msg_init_reply(&req, &s->session, s->execute, "input_request",
                          json_pack("{s:o, s:b}", "prompt",
                                    jp_utf8_string(prompt, strlen(prompt)), "password",
                                    password)) < 0)
        return JP_INPUT_ERROR;
    int rc = jp_wire_send(s->stdin_socket, s->signer, &req);
    jp_msg_fini(&req);
    if (rc < 0)
        return JP_INPUT_ERROR;

    zmq_pollitem_t item = {s->stdin_socket, 0, ZMQ_POLLIN, 0};
    for (;;) {
        if (atomic_exchange(&s->interrupt, 0) || atomic_load(&s->shutdown))
            return JP_INPUT_INTERRUPTED;
        if (zmq_poll(&item, 1, 100) < 0) {
            if (errno == EINTR)
                continue;
            return JP_INPUT_ERROR;
        }
        if (!(item.revents & ZMQ_POLLIN))
            continue;
        r = jp_wire_recv(s->stdin_socket, s->signer, ZMQ_DONTWAIT, &m, "stdin");
        if (r == JP_RECV_ERROR)
            return JP_INPUT_ERROR;
        if (r != JP_RECV_OK)
            continue;
        if (strcmp(jp_msg_type(&m), "input_reply") != 0) {
            fprintf(stderr, "protocol: unexpected %s on stdin, ignored\n",
                    jp_msg_type(&m));
            jp_msg_fini(&m);
            continue;
        }
        const char *value = json_string_value(json_object_get(m.content, "value"));
        if (!value)
            fprintf(stderr, "protocol: input_reply without a value string\n");
        JpInputStatus st = JP_INPUT_OK;
        if (value && strcmp(value, "\x04") == 0)
            st = JP_INPUT_EOF;
        else if (!(*out = strdup(value ? value : "")))
            st = JP_INPUT_ERROR;
        jp_msg_fini(&m);
        return st;
    }
}

/* ==== Control thread ==== */

static void handle_control(JpServer *s, const JpMessage *m)
{
    const char *type = jp_msg_type(m);
    publish_status(s, m->header, "busy");
    if (strcmp(type, "kernel_info_request") == 0) {
        send_reply(s, s->control, m, "kernel_info_reply", json_incref(s->kernel_info));
    } else if (strcmp(type, "interrupt_request") == 0) {
        atomic_store(&s->interrupt, 1);
        send_reply(s, s->control, m, "interrupt_reply",
                   json_pack("{s:s}", "status", "ok"));
    } else if (strcmp(type, "shutdown_request") == 0) {
        reply_shutdown(s, s->control, m);
        zmq_send(s->wake_tx, "", 0, ZMQ_DONTWAIT);
    } else {
        fprintf(stderr, "protocol: msg_type '%s' not served on control, ignored\n",
                type);
    }
    publish_status(s, m->header, "idle");
}

static void *control_loop(void *arg)
{
    JpServer *s = arg;
    zmq_pollitem_t item = {s->control, 0, ZMQ_POLLIN, 0};
    while (!atomic_load(&s->stopping)) {
        long timeout = 100; /* ms; also bounds how late `stopping` is seen */
        pthread_mutex_lock(&s->iopub_lock);
        uint64_t now = jp_now_ns();
        if (jp_stream_due(&s->out, now))
            flush_locked(s);
        else if (s->out.name[0])
            timeout =
                (long)((s->out.first_ns + JP_STREAM_FLUSH_NS - now) / 1000000) + 1;
        pthread_mutex_unlock(&s->iopub_lock);
        int rc = zmq_poll(&item, 1, timeout);
        if (rc < 0 && errno != EINTR)
            break;
        if (rc <= 0)
            continue;
        JpMessage m;
        JpRecv r = jp_wire_recv(s->control, s->signer, ZMQ_DONTWAIT, &m, "control");
        if (r == JP_RECV_ERROR)
            break;
        if (r == JP_RECV_OK) {
            handle_control(s, &m);
            jp_msg_fini(&m);
        }
    }
    return NULL;
}

/* ==== Life cycle ==== */

/* IOPub messages queued per subscriber before ZMQ drops new ones (its PUB
   semantics): with stream messages of at most ~1 MiB, a client that stops reading
   while a cell prints without end costs at most this many MiB. */
#define JP_IOPUB_HWM 100

/* A ZMQ socket of type, linger 1 s, bound to conn's port (0: a free one, written
   back). NULL with *err set. */
static void *bind_socket(JpServer *s, int type, JpConnection *conn, int *port,
                         char **err)
{
    char *ep = jp_connection_endpoint(conn, *port);
    void *sock = ep ? zmq_socket(s->zctx, type) : NULL;
    int linger = 1000, one = 1, hwm = JP_IOPUB_HWM;
    if (sock && zmq_setsockopt(sock, ZMQ_LINGER, &linger, sizeof linger) == 0 &&
        (type != ZMQ_PUB || zmq_setsockopt(sock, ZMQ_SNDHWM, &hwm, sizeof hwm) == 0) &&
        (type != ZMQ_ROUTER ||
         zmq_setsockopt(sock, ZMQ_ROUTER_HANDOVER, &one, sizeof one) == 0) &&
        zmq_bind(sock, ep) == 0) {
        if (*port == 0)
            *port = jp_socket_port(sock);
        free(ep);
        return sock;
    }
    const char *why = zmq_strerror(errno);
    size_t n = (ep ? strlen(ep) : 0) + strlen(why) + 32;
    if ((*err = malloc(n)))
        snprintf(*err, n, "cannot bind %s: %s", ep ? ep : "?", why);
    if (sock)
        zmq_close(sock);
    free(ep);
    return NULL;
}

/* Starts a thread with SIGINT and SIGTERM blocked, so they reach the main thread
   (and interrupt its poll). */
static int start_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    int rc = pthread_create(t, NULL, fn, arg);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc;
}

JpServer *jp_server_new(JpConnection *conn, const JpHandlers *handlers, void *ctx,
                        char **err)
{
    *err = NULL;
    JpServer *s = calloc(1, sizeof *s);
    if (!s) {
        *err = strdup("out of memory");
        return NULL;
    }
    s->h = handlers;
    s->ctx = ctx;
    cpu_set_t cpus;
    s->spin = sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 1;
    pthread_mutex_init(&s->iopub_lock, NULL);
    const char *user = getenv("USER");
    jp_session_init(&s->session, user);
    s->signer =
        jp_signer_new(conn->signature_scheme, conn->key, strlen(conn->key), err);
    if (!s->signer)
        goto fail;
    s->kernel_info = handlers->kernel_info(ctx);
    if (!json_is_object(s->kernel_info)) {
        *err = strdup("the kernel_info handler returned no object");
        goto fail;
    }
    with_status(s->kernel_info);
    json_object_set_new(s->kernel_info, "protocol_version",
                        json_string(JP_PROTOCOL_VERSION));

    s->zctx = zmq_ctx_new();
    if (!s->zctx) {
        *err = strdup("cannot create a ZMQ context");
        goto fail;
    }
    if (!*conn->key)
        fputs("protocol: WARNING: the connection key is empty, so messages are not "
              "signed: anyone who can reach the ports can run code in this kernel\n",
              stderr);
    if (!(s->shell = bind_socket(s, ZMQ_ROUTER, conn, &conn->shell_port, err)) ||
        !(s->iopub = bind_socket(s, ZMQ_PUB, conn, &conn->iopub_port, err)) ||
        !(s->stdin_socket = bind_socket(s, ZMQ_ROUTER, conn, &conn->stdin_port, err)) ||
        !(s->control = bind_socket(s, ZMQ_ROUTER, conn, &conn->control_port, err)))
        goto fail;
    char *hb_ep = jp_connection_endpoint(conn, conn->hb_port);
    s->hb = hb_ep ? jp_heartbeat_start(hb_ep, &conn->hb_port, err) : NULL;
    free(hb_ep);
    if (!s->hb) {
        if (!*err)
            *err = strdup("out of memory");
        goto fail;
    }
    int ports[5] = {conn->shell_port, conn->iopub_port, conn->stdin_port,
                    conn->control_port, conn->hb_port};
    memcpy(s->ports, ports, sizeof ports);

    char wake[64];
    snprintf(wake, sizeof wake, "inproc://jp-wake-%p", (void *)s);
    s->wake_rx = zmq_socket(s->zctx, ZMQ_PAIR);
    s->wake_tx = zmq_socket(s->zctx, ZMQ_PAIR);
    if (!s->wake_rx || !s->wake_tx || zmq_bind(s->wake_rx, wake) < 0 ||
        zmq_connect(s->wake_tx, wake) < 0) {
        *err = strdup("cannot create the inproc wake-up pair");
        goto fail;
    }
    if (start_thread(&s->control_thread, control_loop, s) != 0) {
        *err = strdup("cannot start the control thread");
        goto fail;
    }
    s->control_started = true;
    publish_status(s, NULL, "starting");
    return s;
fail:
    jp_server_free(s);
    return NULL;
}

void jp_server_free(JpServer *s)
{
    if (!s)
        return;
    atomic_store(&s->stopping, true);
    if (s->control_started)
        pthread_join(s->control_thread, NULL);
    jp_heartbeat_stop(s->hb);
    void *sockets[6] = {s->shell,   s->iopub,   s->stdin_socket,
                        s->control, s->wake_rx, s->wake_tx};
    int zero = 0;
    for (int i = 0; i < 6; i++) {
        if (!sockets[i])
            continue;
        if (i >= 4)
            zmq_setsockopt(sockets[i], ZMQ_LINGER, &zero, sizeof zero);
        zmq_close(sockets[i]);
    }
    if (s->zctx)
        zmq_ctx_term(s->zctx);
    jp_signer_free(s->signer);
    json_decref(s->kernel_info);
    jp_stream_fini(&s->out);
    pthread_mutex_destroy(&s->iopub_lock);
    free(s);
}
