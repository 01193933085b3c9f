/*
 * tests/unit/test_jp_server.c - the server end to end over real sockets.
 *
 * The main thread runs jp_server_run() with a small handler table whose "cells"
 * are commands (print N, fail, spin, input, ...); a client thread plays the
 * frontend with DEALER and SUB sockets and checks replies, parents, busy/idle,
 * stream coalescing, aborts, interrupts, stdin, comms, signatures and shutdown.
 */
#include "protocol.h"
#include "unit.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

/* ==== The language under test ==== */

typedef struct Lang {
    long count;
    int shutdowns;
    bool restart;
} Lang;

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

static json_t *lang_kernel_info(void *ctx)
{
    return json_pack("{s:s, s:s, s:{s:s, s:s}, s:s}", "implementation", "test",
                     "implementation_version", "1", "language_info", "name", "test",
                     "file_extension", ".t", "banner", "test kernel");
}

static json_t *error_reply(long count, const char *ename)
{
    return json_pack("{s:s, s:I, s:s, s:s, s:[]}", "status", "error", "execution_count",
                     (json_int_t)count, "ename", ename, "evalue", "", "traceback");
}

static json_t *lang_execute(void *ctx, JpServer *s, const JpExecuteRequest *req)
{
    Lang *lang = ctx;
    if (req->store_history)
        lang->count++;
    jp_publish_execute_input(s, req->code, lang->count);
    if (strncmp(req->code, "print ", 6) == 0) {
        char line[32];
        for (int i = 0, n = atoi(req->code + 6); i < n; i++) {
            int len = snprintf(line, sizeof line, "%d\n", i);
            jp_publish_stream(s, "stdout", line, (size_t)len);
        }
    } else if (strcmp(req->code, "display") == 0) {
        jp_publish_stream(s, "stdout", "a", 1);
        json_t *data = json_pack("{s:s}", "text/plain", "D");
        jp_publish_display(s, data, NULL, "d1", false);
        json_decref(data);
        jp_publish_stream(s, "stdout", "b", 1);
    } else if (strcmp(req->code, "fail") == 0) {
        sleep_ms(300); /* lets the next requests queue up */
        json_t *tb = json_pack("[s]", "Boom");
        jp_publish_error(s, "Boom", "", tb);
        json_decref(tb);
        return error_reply(lang->count, "Boom");
    } else if (strcmp(req->code, "spin") == 0) {
        atomic_int *flag = jp_server_interrupt_flag(s);
        for (int i = 0; i < 5000 && !atomic_load(flag); i++)
            sleep_ms(1);
        if (atomic_exchange(flag, 0))
            return error_reply(lang->count, "KeyboardInterrupt");
    } else if (strcmp(req->code, "input") == 0) {
        char *line = NULL;
        JpInputStatus st = jp_server_input(s, "name? ", false, &line);
        char text[64];
        snprintf(text, sizeof text, "%d:%s", (int)st, line ? line : "");
        jp_publish_stream(s, "stdout", text, strlen(text));
        free(line);
    }
    return json_pack("{s:I, s:{}, s:[]}", "execution_count", (json_int_t)lang->count,
                     "user_expressions", "payload");
}

/* Reports the cursor it got (bytes) and claims the two bytes before it. */
static json_t *lang_complete(void *ctx, const char *code, size_t cursor)
{
    return json_pack("{s:[I], s:I, s:I}", "matches", (json_int_t)cursor, "cursor_start",
                     (json_int_t)(cursor - 2), "cursor_end", (json_int_t)cursor);
}

static void lang_shutdown(void *ctx, bool restart)
{
    Lang *lang = ctx;
    lang->shutdowns++;
    lang->restart = restart;
}

static const JpHandlers handlers = {
    .kernel_info = lang_kernel_info,
    .execute = lang_execute,
    .complete = lang_complete,
    .shutdown = lang_shutdown,
};

/* ==== The frontend ==== */

typedef struct Client {
    JpConnection *conn;
    JpSession session;
    JpSigner *signer;
    void *ctx, *shell, *control, *stdin_socket, *iopub;
} Client;

static void *connect_socket(Client *c, int type, int port)
{
    void *s = zmq_socket(c->ctx, type);
    int zero = 0;
    zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof zero);
    if (type == ZMQ_DEALER)
        zmq_setsockopt(s, ZMQ_ROUTING_ID, c->session.id, strlen(c->session.id));
    else
        zmq_setsockopt(s, ZMQ_SUBSCRIBE, "", 0);
    char *ep = jp_connection_endpoint(c->conn, port);
    zmq_connect(s, ep);
    free(ep);
    return s;
}

/* Sends a request; returns its header (new reference). content stolen. */
static json_t *send_request(Client *c, void *socket, const char *type, json_t *content)
{
    JpMessage m;
    jp_msg_init(&m, &c->session, type, NULL, content);
    jp_wire_send(socket, c->signer, &m);
    json_t *header = json_incref(m.header);
    jp_msg_fini(&m);
    return header;
}

static json_t *execute(Client *c, const char *code, bool silent, bool allow_stdin)
{
    return send_request(c, c->shell, "execute_request",
                        json_pack("{s:s, s:b, s:b, s:b, s:b, s:{}}", "code", code,
                                  "silent", silent, "store_history", !silent,
                                  "allow_stdin", allow_stdin, "stop_on_error", 1,
                                  "user_expressions"));
}

/* Waits up to ms for a valid message on socket. */
static bool receive(Client *c, void *socket, long ms, JpMessage *m)
{
    zmq_pollitem_t item = {socket, 0, ZMQ_POLLIN, 0};
    for (long waited = 0; waited < ms; waited += 10) {
        if (zmq_poll(&item, 1, 10) > 0 &&
            jp_wire_recv(socket, c->signer, ZMQ_DONTWAIT, m, "client") == JP_RECV_OK)
            return true;
    }
    return false;
}

static bool is_parent(const JpMessage *m, json_t *request)
{
    return json_equal(json_object_get(m->parent_header, "msg_id"),
                      json_object_get(request, "msg_id"));
}

static const char *str(json_t *obj, const char *key)
{
    const char *v = json_string_value(json_object_get(obj, key));
    return v ? v : "";
}

/* The reply to request (content, new reference) or NULL after 5 s. */
static json_t *reply_to(Client *c, void *socket, json_t *request, const char *type)
{
    JpMessage m;
    while (receive(c, socket, 5000, &m)) {
        bool mine = is_parent(&m, request) && strcmp(jp_msg_type(&m), type) == 0;
        json_t *content = mine ? json_incref(m.content) : NULL;
        jp_msg_fini(&m);
        if (mine)
            return content;
    }
    return NULL;
}

/* IOPub traffic of request, from busy to idle: a JSON array of
   {"t": msg_type, "c": content}. Checks the first is busy and the last idle. */
static json_t *outputs(Client *c, json_t *request)
{
    json_t *list = json_array();
    JpMessage m;
    while (receive(c, c->iopub, 5000, &m)) {
        if (is_parent(&m, request)) {
            json_array_append_new(
                list, json_pack("{s:s, s:O}", "t", jp_msg_type(&m), "c", m.content));
            bool idle = strcmp(jp_msg_type(&m), "status") == 0 &&
                        strcmp(str(m.content, "execution_state"), "idle") == 0;
            jp_msg_fini(&m);
            if (idle)
                break;
        } else {
            jp_msg_fini(&m);
        }
    }
    size_t n = json_array_size(list);
    CHECK(n >= 2);
    if (n >= 2) {
        CHECK(strcmp(
                  str(json_object_get(json_array_get(list, 0), "c"), "execution_state"),
                  "busy") == 0);
        CHECK(strcmp(str(json_object_get(json_array_get(list, n - 1), "c"),
                         "execution_state"),
                     "idle") == 0);
    }
    return list;
}

static const char *output_type(json_t *list, size_t i)
{
    return str(json_array_get(list, i), "t");
}

/* kernel_info until IOPub answers too (the slow joiner), as wait_for_ready does. */
static void wait_ready(Client *c)
{
    for (int tries = 0; tries < 50; tries++) {
        json_t *req = send_request(c, c->shell, "kernel_info_request", NULL);
        json_t *rep = reply_to(c, c->shell, req, "kernel_info_reply");
        JpMessage m;
        bool heard = receive(c, c->iopub, 200, &m);
        if (heard)
            jp_msg_fini(&m);
        json_decref(req);
        json_decref(rep);
        if (heard)
            break;
    }
    JpMessage m;
    while (receive(c, c->iopub, 200, &m))
        jp_msg_fini(&m);
}

static void test_kernel_info(Client *c)
{
    json_t *req = send_request(c, c->shell, "kernel_info_request", NULL);
    json_t *rep = reply_to(c, c->shell, req, "kernel_info_reply");
    CHECK(rep && strcmp(str(rep, "status"), "ok") == 0);
    CHECK(strcmp(str(rep, "protocol_version"), "5.4") == 0);
    CHECK(strcmp(str(json_object_get(rep, "language_info"), "name"), "test") == 0);
    json_t *out = outputs(c, req);
    CHECK(json_array_size(out) == 2); /* busy, idle */
    json_decref(out);
    json_decref(rep);
    json_decref(req);
}

/* 100,000 printed lines arrive whole, in a few stream messages. */
static void test_print_coalesced(Client *c)
{
    json_t *req = execute(c, "print 100000", false, false);
    json_t *rep = reply_to(c, c->shell, req, "execute_reply");
    CHECK(rep && strcmp(str(rep, "status"), "ok") == 0);
    json_t *out = outputs(c, req);
    size_t streams = 0, bytes = 0;
    for (size_t i = 0; i < json_array_size(out); i++) {
        if (strcmp(output_type(out, i), "stream") == 0) {
            json_t *content = json_object_get(json_array_get(out, i), "c");
            streams++;
            bytes += strlen(str(content, "text"));
            CHECK(strcmp(str(content, "name"), "stdout") == 0);
        }
    }
    CHECK(strcmp(output_type(out, 1), "execute_input") == 0);
    CHECK(streams >= 1 && streams <= 20);
    CHECK(bytes == 588890); /* sum of len("%d\n") for 0..99999 */
    json_decref(out);
    json_decref(rep);
    json_decref(req);
}

static void test_display_order(Client *c)
{
    json_t *req = execute(c, "display", false, false);
    json_decref(reply_to(c, c->shell, req, "execute_reply"));
    json_t *out = outputs(c, req);
    CHECK(json_array_size(out) == 6);
    CHECK(strcmp(output_type(out, 2), "stream") == 0);
    CHECK(strcmp(output_type(out, 3), "display_data") == 0);
    CHECK(strcmp(output_type(out, 4), "stream") == 0);
    json_t *d = json_object_get(json_array_get(out, 3), "c");
    CHECK(strcmp(str(json_object_get(d, "transient"), "display_id"), "d1") == 0);
    CHECK(json_is_object(json_object_get(d, "metadata")));
    json_decref(out);
    json_decref(req);
}

static void test_silent(Client *c)
{
    json_t *req = execute(c, "print 10", true, false);
    json_decref(reply_to(c, c->shell, req, "execute_reply"));
    json_t *out = outputs(c, req);
    CHECK(json_array_size(out) == 2);
    json_decref(out);
    json_decref(req);
}

/* Bad signatures, replays and garbage get neither a reply nor a status. */
static void test_rejected(Client *c)
{
    char *err = NULL;
    JpSigner *wrong = jp_signer_new("hmac-sha256", "wrong", 5, &err);
    JpMessage m;
    jp_msg_init(&m, &c->session, "kernel_info_request", NULL, NULL);
    jp_wire_send(c->shell, wrong, &m);
    JpMessage got;
    CHECK(!receive(c, c->shell, 300, &got));
    CHECK(!receive(c, c->iopub, 100, &got));

    size_t n;
    JpBytes *f = jp_wire_encode(c->signer, &m, &n); /* the same bytes twice */
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < n; i++)
            zmq_send(c->shell, f[i].data, f[i].len, i + 1 < n ? ZMQ_SNDMORE : 0);
    jp_frames_free(f, n);
    json_t *rep = reply_to(c, c->shell, m.header, "kernel_info_reply");
    CHECK(rep != NULL);
    json_decref(rep);
    CHECK(!receive(c, c->shell, 300, &got));
    while (receive(c, c->iopub, 100, &got))
        jp_msg_fini(&got);

    zmq_send(c->shell, "<IDS|MSG>", 9, ZMQ_SNDMORE);
    zmq_send(c->shell, "x", 1, 0);
    CHECK(!receive(c, c->shell, 200, &got));
    jp_msg_fini(&m);
    jp_signer_free(wrong);
}

/* A failing cell aborts the execute_requests queued behind it, not later ones. */
static void test_stop_on_error(Client *c)
{
    json_t *r1 = execute(c, "fail", false, false);
    json_t *r2 = execute(c, "x", false, false);
    json_t *ki = send_request(c, c->shell, "kernel_info_request", NULL);
    json_t *r3 = execute(c, "y", false, false);
    json_t *a = reply_to(c, c->shell, r1, "execute_reply");
    json_t *b = reply_to(c, c->shell, r2, "execute_reply");
    json_t *k = reply_to(c, c->shell, ki, "kernel_info_reply");
    json_t *d = reply_to(c, c->shell, r3, "execute_reply");
    CHECK(a && strcmp(str(a, "status"), "error") == 0);
    CHECK(b && strcmp(str(b, "status"), "aborted") == 0);
    CHECK(k && strcmp(str(k, "status"), "ok") == 0);
    CHECK(d && strcmp(str(d, "status"), "aborted") == 0);
    json_t *out = outputs(c, r1);
    CHECK(json_array_size(out) == 4); /* busy, execute_input, error, idle */
    CHECK(strcmp(output_type(out, 2), "error") == 0);
    json_decref(out);
    out = outputs(c, r2); /* aborted: busy and idle only */
    CHECK(json_array_size(out) == 2);
    json_decref(out);
    json_t *later = execute(c, "z", false, false);
    json_t *e = reply_to(c, c->shell, later, "execute_reply");
    CHECK(e && strcmp(str(e, "status"), "ok") == 0);
    json_t *all[] = {r1, r2, ki, r3, a, b, k, d, later, e};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        json_decref(all[i]);
    JpMessage m;
    while (receive(c, c->iopub, 100, &m))
        jp_msg_fini(&m);
}

/* While a cell spins, control answers kernel_info and interrupts it. */
static void test_control_while_busy(Client *c)
{
    json_t *run = execute(c, "spin", false, false);
    JpMessage m;
    bool busy = false;
    while (!busy && receive(c, c->iopub, 2000, &m)) {
        busy = is_parent(&m, run) &&
               strcmp(str(m.content, "execution_state"), "busy") == 0;
        jp_msg_fini(&m);
    }
    CHECK(busy);
    json_t *ki = send_request(c, c->control, "kernel_info_request", NULL);
    json_t *k = reply_to(c, c->control, ki, "kernel_info_reply");
    CHECK(k && strcmp(str(k, "protocol_version"), "5.4") == 0);
    CHECK(!receive(c, c->shell, 50, &m)); /* still running */
    json_t *ir = send_request(c, c->control, "interrupt_request", NULL);
    json_t *i = reply_to(c, c->control, ir, "interrupt_reply");
    CHECK(i && strcmp(str(i, "status"), "ok") == 0);
    json_t *r = reply_to(c, c->shell, run, "execute_reply");
    CHECK(r && strcmp(str(r, "ename"), "KeyboardInterrupt") == 0);
    json_t *all[] = {run, ki, k, ir, i, r};
    for (size_t n = 0; n < sizeof all / sizeof *all; n++)
        json_decref(all[n]);
    while (receive(c, c->iopub, 100, &m))
        jp_msg_fini(&m);
}

static void test_stdin(Client *c)
{
    json_t *run = execute(c, "input", false, true);
    JpMessage m;
    CHECK(receive(c, c->stdin_socket, 5000, &m));
    CHECK(strcmp(jp_msg_type(&m), "input_request") == 0);
    CHECK(is_parent(&m, run));
    CHECK(strcmp(str(m.content, "prompt"), "name? ") == 0);
    json_decref(send_request(c, c->stdin_socket, "input_reply",
                             json_pack("{s:s}", "value", "bob")));
    jp_msg_fini(&m);
    json_decref(reply_to(c, c->shell, run, "execute_reply"));
    json_t *out = outputs(c, run);
    CHECK(strcmp(str(json_object_get(json_array_get(out, 2), "c"), "text"), "0:bob") ==
          0);
    json_decref(out);
    json_decref(run);

    run = execute(c, "input", false, false); /* allow_stdin false: refused at once */
    json_decref(reply_to(c, c->shell, run, "execute_reply"));
    out = outputs(c, run);
    char expect[8];
    snprintf(expect, sizeof expect, "%d:", (int)JP_INPUT_NOT_ALLOWED);
    CHECK(strcmp(str(json_object_get(json_array_get(out, 2), "c"), "text"), expect) ==
          0);
    json_decref(out);
    json_decref(run);
}

static void test_comms_complete_unknown(Client *c)
{
    json_t *open = send_request(c, c->shell, "comm_open",
                                json_pack("{s:s, s:s, s:{}}", "comm_id", "c9",
                                          "target_name", "jupyter.widget", "data"));
    json_t *out = outputs(c, open);
    CHECK(json_array_size(out) == 3);
    CHECK(strcmp(output_type(out, 1), "comm_close") == 0);
    CHECK(strcmp(str(json_object_get(json_array_get(out, 1), "c"), "comm_id"), "c9") ==
          0);
    json_decref(out);
    json_decref(open);

    json_t *info = send_request(c, c->shell, "comm_info_request", NULL);
    json_t *rep = reply_to(c, c->shell, info, "comm_info_reply");
    CHECK(rep && json_object_size(json_object_get(rep, "comms")) == 0);
    json_decref(rep);
    json_decref(outputs(c, info));
    json_decref(info);

    /* "é" + "pr": code point 3 is byte 4; the handler's bytes 2..4 are points 1..3 */
    json_t *comp =
        send_request(c, c->shell, "complete_request",
                     json_pack("{s:s, s:i}", "code", "\xC3\xA9pr", "cursor_pos", 3));
    rep = reply_to(c, c->shell, comp, "complete_reply");
    CHECK(rep &&
          json_integer_value(json_array_get(json_object_get(rep, "matches"), 0)) == 4);
    CHECK(rep && json_integer_value(json_object_get(rep, "cursor_start")) == 1);
    CHECK(rep && json_integer_value(json_object_get(rep, "cursor_end")) == 3);
    CHECK(rep && json_is_object(json_object_get(rep, "metadata")));
    json_decref(rep);
    json_decref(outputs(c, comp));
    json_decref(comp);

    json_t *unknown = send_request(c, c->shell, "frobnicate_request", NULL);
    out = outputs(c, unknown); /* busy/idle, no reply */
    CHECK(json_array_size(out) == 2);
    JpMessage m;
    CHECK(!receive(c, c->shell, 200, &m));
    json_decref(out);
    json_decref(unknown);
}

static void *frontend(void *arg)
{
    Client *c = arg;
    c->ctx = zmq_ctx_new();
    c->shell = connect_socket(c, ZMQ_DEALER, c->conn->shell_port);
    c->control = connect_socket(c, ZMQ_DEALER, c->conn->control_port);
    c->stdin_socket = connect_socket(c, ZMQ_DEALER, c->conn->stdin_port);
    c->iopub = connect_socket(c, ZMQ_SUB, c->conn->iopub_port);
    wait_ready(c);

    test_kernel_info(c);
    test_print_coalesced(c);
    test_display_order(c);
    test_silent(c);
    test_rejected(c);
    test_stop_on_error(c);
    test_control_while_busy(c);
    test_stdin(c);
    test_comms_complete_unknown(c);

    json_t *req = send_request(c, c->control, "shutdown_request",
                               json_pack("{s:b}", "restart", 0));
    json_t *rep = reply_to(c, c->control, req, "shutdown_reply");
    CHECK(rep && strcmp(str(rep, "status"), "ok") == 0 &&
          json_is_false(json_object_get(rep, "restart")));
    json_decref(rep);
    json_decref(req);

    void *sockets[] = {c->shell, c->control, c->stdin_socket, c->iopub};
    for (int i = 0; i < 4; i++)
        zmq_close(sockets[i]);
    zmq_ctx_term(c->ctx);
    return NULL;
}

/* The heartbeat echoes while the server runs. */
static void test_heartbeat(JpConnection *conn)
{
    void *ctx = zmq_ctx_new(), *req = zmq_socket(ctx, ZMQ_REQ);
    char *ep = jp_connection_endpoint(conn, conn->hb_port);
    zmq_connect(req, ep);
    free(ep);
    int timeout = 5000;
    zmq_setsockopt(req, ZMQ_RCVTIMEO, &timeout, sizeof timeout);
    char buf[8] = "";
    zmq_send(req, "ping", 4, 0);
    CHECK(zmq_recv(req, buf, sizeof buf, 0) == 4 && memcmp(buf, "ping", 4) == 0);
    zmq_close(req);
    zmq_ctx_term(ctx);
}

int main(void)
{
    JpConnection conn;
    if (jp_connection_init_local(&conn) < 0)
        return 99;
    Lang lang = {0};
    char *err = NULL;
    JpServer *server = jp_server_new(&conn, &handlers, &lang, &err);
    if (!server) {
        fprintf(stderr, "%s\n", err);
        return 99;
    }
    CHECK(conn.shell_port > 0 && conn.hb_port > 0 &&
          conn.iopub_port != conn.shell_port);
    test_heartbeat(&conn);

    Client client = {.conn = &conn};
    jp_session_init(&client.session, "client");
    client.signer =
        jp_signer_new(conn.signature_scheme, conn.key, strlen(conn.key), &err);
    pthread_t t;
    pthread_create(&t, NULL, frontend, &client);
    CHECK(jp_server_run(server) == 0);
    pthread_join(t, NULL);
    CHECK(lang.shutdowns == 1 && !lang.restart);
    jp_server_free(server);
    jp_signer_free(client.signer);
    jp_connection_fini(&conn);
    return UNIT_DONE();
}
