/*
 * tests/unit/test_jp_wire.c - framing round trips, malformed frames, headers.
 *
 * Encodes messages with several identities and binary buffers, decodes them back,
 * then feeds the decoder every kind of broken message it must refuse; finally
 * sends over a real ROUTER/DEALER pair.
 */
#include "protocol.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <zmq.h>

static const char *KEY = "5ec1e7-k3y";

static JpSigner *signer(void)
{
    char *err = NULL;
    return jp_signer_new("hmac-sha256", KEY, strlen(KEY), &err);
}

static JpBytes bytes(const void *data, size_t len)
{
    JpBytes b = {malloc(len ? len : 1), len};
    memcpy(b.data, data, len);
    return b;
}

/* A message with two identities (one binary) and two buffers (one empty). */
static void sample(JpMessage *m, const JpSession *session)
{
    jp_msg_init(m, session, "comm_msg", NULL,
                json_pack("{s:s, s:{s:s}}", "comm_id", "c1", "data", "text",
                          "h\xC3\xA9llo \xE2\x82\xAC"));
    m->n_ids = 2;
    m->ids = calloc(2, sizeof *m->ids);
    m->ids[0] = bytes("\x00\x01zero", 6);
    m->ids[1] = bytes("client-session", 14);
    m->n_buffers = 2;
    m->buffers = calloc(2, sizeof *m->buffers);
    m->buffers[0] = bytes("\xff\x00\xfe", 3);
    m->buffers[1] = bytes("", 0);
}

static bool same_bytes(const JpBytes *a, const JpBytes *b)
{
    return a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

static void test_round_trip(void)
{
    JpSession session;
    jp_session_init(&session, "tester");
    JpMessage m, d;
    sample(&m, &session);
    JpSigner *tx = signer(), *rx = signer();
    size_t n;
    JpBytes *f = jp_wire_encode(tx, &m, &n);
    CHECK(f && n == 2 + 6 + 2);
    CHECK(f[2].len == 9 && memcmp(f[2].data, "<IDS|MSG>", 9) == 0);
    CHECK(f[3].len == 64);
    for (size_t i = 0; i < f[3].len; i++)
        CHECK(strchr("0123456789abcdef", ((char *)f[3].data)[i]) != NULL);
    CHECK(f[5].len == 2 && memcmp(f[5].data, "{}", 2) == 0); /* compact parent */

    char why[160];
    CHECK(jp_wire_decode(rx, f, n, &d, why, sizeof why) == 0);
    CHECK(d.n_ids == 2 && d.n_buffers == 2);
    for (size_t i = 0; i < 2 && d.n_ids == 2 && d.n_buffers == 2; i++) {
        CHECK(same_bytes(&d.ids[i], &m.ids[i]));
        CHECK(same_bytes(&d.buffers[i], &m.buffers[i]));
    }
    CHECK(json_equal(d.header, m.header));
    CHECK(json_equal(d.parent_header, m.parent_header));
    CHECK(json_equal(d.metadata, m.metadata));
    CHECK(json_equal(d.content, m.content));
    CHECK(strcmp(jp_msg_type(&d), "comm_msg") == 0);

    /* The same bytes again are a replay. */
    JpMessage again;
    CHECK(jp_wire_decode(rx, f, n, &again, why, sizeof why) == -1);
    CHECK(strcmp(why, "Duplicate Signature") == 0);

    jp_frames_free(f, n);
    jp_msg_fini(&d);
    jp_msg_fini(&m);
    jp_signer_free(tx);
    jp_signer_free(rx);
}

/* Decodes frames with a fresh signer; returns the reason (static) or NULL if ok. */
static const char *decode_reason(const JpSigner *tx, JpBytes *f, size_t n, bool resign)
{
    static char why[160];
    if (resign) {
        size_t d = 0;
        while (d < n && !(f[d].len == 9 && memcmp(f[d].data, "<IDS|MSG>", 9) == 0))
            d++;
        char hex[JP_SIGNATURE_MAX + 1]; /* jp_sign writes the NUL too */
        jp_sign(tx, &f[d + 2], hex);
        memcpy(f[d + 1].data, hex, f[d + 1].len);
    }
    JpSigner *rx = signer();
    JpMessage d;
    int rc = jp_wire_decode(rx, f, n, &d, why, sizeof why);
    jp_signer_free(rx);
    if (rc == 0) {
        jp_msg_fini(&d);
        return NULL;
    }
    return why;
}

static void replace(JpBytes *f, const char *text)
{
    free(f->data);
    *f = bytes(text, strlen(text));
}

static void test_malformed(void)
{
    JpSession session;
    jp_session_init(&session, NULL);
    JpSigner *tx = signer();
    JpMessage m;
    sample(&m, &session);
    size_t n;
    JpBytes *f;
    const char *why;

    f = jp_wire_encode(tx, &m, &n); /* no delimiter */
    replace(&f[2], "<IDS|MSG");
    why = decode_reason(tx, f, n, false);
    CHECK(why && strstr(why, "delimiter"));
    jp_frames_free(f, n);

    f = jp_wire_encode(tx, &m, &n); /* only four frames after the delimiter */
    why = decode_reason(tx, f, 7, false);
    CHECK(why && strstr(why, "4 frames"));
    jp_frames_free(f, n);

    f = jp_wire_encode(tx, &m, &n); /* tampered content */
    replace(&f[6], "{\"comm_id\":\"c2\",\"data\":{}}");
    why = decode_reason(tx, f, n, false);
    CHECK(why && strcmp(why, "Invalid Signature") == 0);
    jp_frames_free(f, n);

    f = jp_wire_encode(tx, &m, &n); /* missing signature */
    replace(&f[3], "");
    why = decode_reason(tx, f, n, false);
    CHECK(why && strcmp(why, "Unsigned Message") == 0);
    jp_frames_free(f, n);

    f = jp_wire_encode(tx, &m, &n); /* validly signed but not JSON */
    replace(&f[7], "{\"data\": [1, 2");
    why = decode_reason(tx, f, n, true);
    CHECK(why && strstr(why, "invalid JSON in content"));
    jp_frames_free(f, n);

    f = jp_wire_encode(tx, &m, &n); /* header is an array */
    replace(&f[4], "[\"msg_type\"]");
    why = decode_reason(tx, f, n, true);
    CHECK(why && strcmp(why, "header is not a JSON object") == 0);
    jp_frames_free(f, n);

    f = jp_wire_encode(tx, &m, &n); /* header without msg_type */
    replace(&f[4], "{\"msg_id\":\"x\"}");
    why = decode_reason(tx, f, n, true);
    CHECK(why && strstr(why, "msg_type"));
    jp_frames_free(f, n);

    f = jp_wire_encode(tx, &m, &n); /* a valid re-signed message decodes */
    why = decode_reason(tx, f, n, true);
    CHECK(why == NULL);
    jp_frames_free(f, n);

    jp_msg_fini(&m);
    jp_signer_free(tx);
}

static void test_unsigned(void)
{
    char *err = NULL;
    JpSigner *none = jp_signer_new("hmac-sha256", "", 0, &err);
    JpSession session;
    jp_session_init(&session, NULL);
    JpMessage m, d;
    jp_msg_init(&m, &session, "kernel_info_request", NULL, NULL);
    size_t n;
    JpBytes *f = jp_wire_encode(none, &m, &n);
    CHECK(n == 6 && f[1].len == 0);
    char why[160];
    CHECK(jp_wire_decode(none, f, n, &d, why, sizeof why) == 0);
    CHECK(d.n_ids == 0 && d.n_buffers == 0);
    jp_msg_fini(&d);
    jp_frames_free(f, n);
    jp_msg_fini(&m);
    jp_signer_free(none);
}

static void test_headers(void)
{
    JpSession session;
    jp_session_init(&session, "ada");
    CHECK(strlen(session.id) == 36 && session.id[14] == '4');
    json_t *a = jp_header_new(&session, "status");
    json_t *b = jp_header_new(&session, "status");
    CHECK(json_object_size(a) == 6);
    const char *keys[] = {"msg_id", "session",  "username",
                          "date",   "msg_type", "version"};
    for (int i = 0; i < 6; i++)
        CHECK(json_is_string(json_object_get(a, keys[i])));
    CHECK(strcmp(json_string_value(json_object_get(a, "version")), "5.4") == 0);
    CHECK(strcmp(json_string_value(json_object_get(a, "username")), "ada") == 0);
    CHECK(strcmp(json_string_value(json_object_get(a, "msg_id")),
                 json_string_value(json_object_get(b, "msg_id"))) != 0);
    /* 2026-11-25T01:02:18.295582Z: zone and six fractional digits */
    const char *date = json_string_value(json_object_get(a, "date"));
    CHECK(date && strlen(date) == 27 && date[10] == 'T' && date[19] == '.' &&
          date[26] == 'Z');
    json_decref(a);
    json_decref(b);

    JpMessage req, rep;
    jp_msg_init(&req, &session, "execute_request", NULL, NULL);
    req.n_ids = 1;
    req.ids = calloc(1, sizeof *req.ids);
    req.ids[0] = bytes("id", 2);
    json_object_set_new(req.header, "extra", json_true());
    CHECK(jp_msg_init_reply(&rep, &session, &req, "execute_reply",
                            json_pack("{s:s}", "status", "ok")) == 0);
    CHECK(json_equal(rep.parent_header, req.header)); /* copied whole, extra too */
    CHECK(rep.n_ids == 1 && same_bytes(&rep.ids[0], &req.ids[0]));
    CHECK(strcmp(jp_msg_type(&rep), "execute_reply") == 0);
    jp_msg_fini(&rep);
    jp_msg_fini(&req);
}

/* Over real sockets: a DEALER's identity reaches the ROUTER and routes the reply;
   garbage is dropped with JP_RECV_DROPPED. */
static void test_sockets(void)
{
    void *ctx = zmq_ctx_new();
    void *router = zmq_socket(ctx, ZMQ_ROUTER), *dealer = zmq_socket(ctx, ZMQ_DEALER);
    zmq_setsockopt(dealer, ZMQ_ROUTING_ID, "me", 2);
    CHECK(zmq_bind(router, "inproc://wire") == 0);
    CHECK(zmq_connect(dealer, "inproc://wire") == 0);
    JpSigner *a = signer(), *b = signer();
    JpSession session;
    jp_session_init(&session, NULL);

    JpMessage m, got;
    jp_msg_init(&m, &session, "kernel_info_request", NULL, NULL);
    CHECK(jp_wire_send(dealer, a, &m) == 0);
    CHECK(jp_wire_recv(router, b, 0, &got, "test") == JP_RECV_OK);
    CHECK(got.n_ids == 1 && got.ids[0].len == 2 &&
          memcmp(got.ids[0].data, "me", 2) == 0);
    JpMessage reply;
    jp_msg_init_reply(&reply, &session, &got, "kernel_info_reply", NULL);
    CHECK(jp_wire_send(router, b, &reply) == 0);
    JpMessage back;
    CHECK(jp_wire_recv(dealer, a, 0, &back, "test") == JP_RECV_OK);
    CHECK(back.n_ids == 0);
    CHECK(json_equal(json_object_get(back.parent_header, "msg_id"),
                     json_object_get(m.header, "msg_id")));
    jp_msg_fini(&back);
    jp_msg_fini(&reply);
    jp_msg_fini(&got);

    zmq_send(dealer, "garbage", 7, 0);
    CHECK(jp_wire_recv(router, b, 0, &got, "test") == JP_RECV_DROPPED);
    CHECK(jp_wire_recv(router, b, ZMQ_DONTWAIT, &got, "test") == JP_RECV_AGAIN);

    jp_msg_fini(&m);
    jp_signer_free(a);
    jp_signer_free(b);
    zmq_close(router);
    zmq_close(dealer);
    zmq_ctx_term(ctx);
}

int main(void)
{
    test_round_trip();
    test_malformed();
    test_unsigned();
    test_headers();
    test_sockets();
    return UNIT_DONE();
}
