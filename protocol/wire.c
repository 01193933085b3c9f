/*
 * protocol/wire.c - multipart framing of messages, their checks, send and receive.
 *
 * On the wire: [identities...] "<IDS|MSG>" signature header parent_header metadata
 * content [buffers...]. Decoding verifies the signature over the raw frames (never
 * re-serialized JSON) before parsing; anything malformed is refused with a reason
 * and, from jp_wire_recv(), one log line on stderr.
 */
#include "protocol_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

static const char *const part_names[4] = {"header", "parent_header", "metadata",
                                          "content"};

/* Copies n frames into a malloc'd array of owned byte runs; NULL if out of memory
   (or n == 0, which callers treat as empty). */
static JpBytes *copy_frames(const JpBytes *f, size_t n)
{
    if (n == 0)
        return NULL;
    JpBytes *out = calloc(n, sizeof *out);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        out[i].data = malloc(f[i].len ? f[i].len : 1);
        if (!out[i].data) {
            jp_frames_free(out, i);
            return NULL;
        }
        memcpy(out[i].data, f[i].data, f[i].len);
        out[i].len = f[i].len;
    }
    return out;
}

int jp_wire_decode(JpSigner *signer, const JpBytes *frames, size_t n, JpMessage *out,
                   char *why, size_t why_len)
{
    memset(out, 0, sizeof *out);
    size_t d = 0;
    while (d < n && !(frames[d].len == strlen(JP_DELIMITER) &&
                      memcmp(frames[d].data, JP_DELIMITER, frames[d].len) == 0))
        d++;
    if (d == n) {
        snprintf(why, why_len, "missing %s delimiter", JP_DELIMITER);
        return -1;
    }
    if (n - d - 1 < 5) {
        snprintf(why, why_len, "%zu frames after %s, expected at least 5", n - d - 1,
                 JP_DELIMITER);
        return -1;
    }
    const JpBytes *sig = &frames[d + 1];
    const JpBytes *parts = &frames[d + 2];
    JpVerify v = jp_verify(signer, parts, sig->data, sig->len);
    if (v != JP_VERIFY_OK) {
        snprintf(why, why_len, "%s", jp_verify_str(v));
        return -1;
    }
    json_t *dicts[4] = {NULL, NULL, NULL, NULL};
    for (int i = 0; i < 4; i++) {
        json_error_t err;
        dicts[i] = json_loadb(parts[i].data, parts[i].len, 0, &err);
        if (!dicts[i] || !json_is_object(dicts[i])) {
            if (dicts[i])
                snprintf(why, why_len, "%s is not a JSON object", part_names[i]);
            else
                snprintf(why, why_len, "invalid JSON in %s: %s", part_names[i],
                         err.text);
            for (int k = 0; k <= i; k++)
                json_decref(dicts[k]);
            return -1;
        }
    }
    out->header = dicts[0];
    out->parent_header = dicts[1];
    out->metadata = dicts[2];
    out->content = dicts[3];
    if (!json_is_string(json_object_get(out->header, "msg_type"))) {
        snprintf(why, why_len, "header has no msg_type string");
        jp_msg_fini(out);
        return -1;
    }
    out->n_ids = d;
    out->n_buffers = n - d - 6;
    out->ids = copy_frames(frames, d);
    out->buffers = copy_frames(frames + d + 6, out->n_buffers);
    if ((d && !out->ids) || (out->n_buffers && !out->buffers)) {
        out->n_ids = out->ids ? out->n_ids : 0;
        out->n_buffers = out->buffers ? out->n_buffers : 0;
        jp_msg_fini(out);
        snprintf(why, why_len, "out of memory");
        return -1;
    }
    return 0;
}

void jp_frames_free(JpBytes *frames, size_t n)
{
    for (size_t i = 0; frames && i < n; i++)
        free(frames[i].data);
    free(frames);
}

/* The four dicts of a message serialized (compact) and signed: what both
   jp_wire_encode() and jp_wire_send() put on the wire. Texts that fit go into the
   inline buffers, so a typical message costs no allocation. */
typedef struct Serialized {
    JpBytes parts[4];
    char sig[JP_SIGNATURE_MAX + 1];
    char inline_text[4][512];
} Serialized;

static void serialized_fini(Serialized *z)
{
    for (int i = 0; i < 4; i++)
        if (z->parts[i].data != z->inline_text[i])
            free(z->parts[i].data);
}

/* 0, or -1 when a dict cannot be serialized or memory runs out (z then needs no
   serialized_fini()). */
static int serialize(const JpSigner *signer, const JpMessage *m, Serialized *z)
{
    json_t *dicts[4] = {m->header, m->parent_header, m->metadata, m->content};
    for (int i = 0; i < 4; i++) {
        char *buf = z->inline_text[i];
        size_t len = json_dumpb(dicts[i], buf, sizeof z->inline_text[i], JSON_COMPACT);
        if (len > sizeof z->inline_text[i]) {
            buf = malloc(len);
            if (buf && json_dumpb(dicts[i], buf, len, JSON_COMPACT) != len) {
                free(buf);
                buf = NULL;
            }
        }
        if (len == 0 || !buf) {
            for (int k = 0; k < i; k++)
                if (z->parts[k].data != z->inline_text[k])
                    free(z->parts[k].data);
            return -1;
        }
        z->parts[i].data = buf;
        z->parts[i].len = len;
    }
    jp_sign(signer, z->parts, z->sig);
    return 0;
}

/* A malloc'd copy of len bytes (at least one byte allocated). */
static void *copy_bytes(const void *data, size_t len)
{
    void *p = malloc(len ? len : 1);
    if (p)
        memcpy(p, data, len);
    return p;
}

JpBytes *jp_wire_encode(const JpSigner *signer, const JpMessage *m, size_t *n)
{
    size_t total = m->n_ids + 6 + m->n_buffers;
    JpBytes *f = calloc(total, sizeof *f);
    Serialized z;
    if (!f || serialize(signer, m, &z) < 0) {
        free(f);
        return NULL;
    }
    JpBytes fixed[2] = {{JP_DELIMITER, strlen(JP_DELIMITER)}, {z.sig, strlen(z.sig)}};
    size_t k = 0;
    for (size_t i = 0; i < m->n_ids; i++)
        f[k++] = m->ids[i];
    f[k++] = fixed[0];
    f[k++] = fixed[1];
    for (int i = 0; i < 4; i++)
        f[k++] = z.parts[i];
    for (size_t i = 0; i < m->n_buffers; i++)
        f[k++] = m->buffers[i];
    bool ok = true;
    for (k = 0; k < total; k++) {
        f[k].data = ok ? copy_bytes(f[k].data, f[k].len) : NULL;
        ok = ok && f[k].data;
    }
    serialized_fini(&z);
    if (!ok) {
        jp_frames_free(f, total);
        return NULL;
    }
    *n = total;
    return f;
}

/* Sends one frame, retrying on EINTR. 0 or -1. */
static int send_frame(void *socket, const void *data, size_t len, bool more)
{
    int rc;
    while ((rc = zmq_send(socket, data, len, more ? ZMQ_SNDMORE : 0)) < 0 &&
           errno == EINTR)
        ;
    return rc < 0 ? -1 : 0;
}

int jp_wire_send(void *socket, const JpSigner *signer, const JpMessage *m)
{
    Serialized z;
    if (serialize(signer, m, &z) < 0) {
        errno = ENOMEM;
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < m->n_ids && rc == 0; i++)
        rc = send_frame(socket, m->ids[i].data, m->ids[i].len, true);
    if (rc == 0)
        rc = send_frame(socket, JP_DELIMITER, strlen(JP_DELIMITER), true);
    if (rc == 0)
        rc = send_frame(socket, z.sig, strlen(z.sig), true);
    for (int i = 0; i < 4 && rc == 0; i++)
        rc = send_frame(socket, z.parts[i].data, z.parts[i].len,
                        i < 3 || m->n_buffers > 0);
    for (size_t i = 0; i < m->n_buffers && rc == 0; i++)
        rc = send_frame(socket, m->buffers[i].data, m->buffers[i].len,
                        i + 1 < m->n_buffers);
    serialized_fini(&z);
    return rc;
}

JpRecv jp_wire_recv(void *socket, JpSigner *signer, int flags, JpMessage *out,
                    const char *channel)
{
    size_t n = 0, cap = 8;
    zmq_msg_t *parts = malloc(cap * sizeof *parts);
    if (!parts)
        return JP_RECV_ERROR;
    JpRecv result = JP_RECV_OK;
    for (;;) {
        if (n == cap) {
            zmq_msg_t *p = realloc(parts, 2 * cap * sizeof *parts);
            if (!p) { /* drain the rest so the next message starts cleanly */
                zmq_msg_t skip;
                zmq_msg_init(&skip);
                int more = 1;
                while (more && zmq_msg_recv(&skip, socket, 0) >= 0)
                    more = zmq_msg_more(&skip);
                zmq_msg_close(&skip);
                result = JP_RECV_DROPPED;
                fprintf(stderr, "protocol: dropped message on %s: out of memory\n",
                        channel);
                break;
            }
            parts = p;
            cap *= 2;
        }
        zmq_msg_init(&parts[n]);
        int rc;
        while ((rc = zmq_msg_recv(&parts[n], socket, n ? 0 : flags)) < 0 &&
               errno == EINTR && n > 0)
            ;
        if (rc < 0) {
            int e = errno;
            zmq_msg_close(&parts[n]);
            result =
                (e == EAGAIN || e == EINTR) && n == 0 ? JP_RECV_AGAIN : JP_RECV_ERROR;
            errno = e;
            break;
        }
        if (!zmq_msg_more(&parts[n++]))
            break;
    }
    if (result == JP_RECV_OK) {
        JpBytes *frames = malloc(n * sizeof *frames);
        char why[160];
        if (!frames) {
            snprintf(why, sizeof why, "out of memory");
            result = JP_RECV_DROPPED;
        } else {
            for (size_t i = 0; i < n; i++) {
                frames[i].data = zmq_msg_data(&parts[i]);
                frames[i].len = zmq_msg_size(&parts[i]);
            }
            if (jp_wire_decode(signer, frames, n, out, why, sizeof why) < 0)
                result = JP_RECV_DROPPED;
            free(frames);
        }
        if (result == JP_RECV_DROPPED)
            fprintf(stderr, "protocol: dropped message on %s: %s\n", channel, why);
    }
    for (size_t i = 0; i < n; i++)
        zmq_msg_close(&parts[i]);
    free(parts);
    return result;
}

int jp_socket_port(void *socket)
{
    char ep[256];
    size_t len = sizeof ep;
    if (zmq_getsockopt(socket, ZMQ_LAST_ENDPOINT, ep, &len) < 0)
        return 0;
    const char *colon = strrchr(ep, ':');
    return strncmp(ep, "tcp://", 6) == 0 && colon ? atoi(colon + 1) : 0;
}
