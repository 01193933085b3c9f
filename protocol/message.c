/*
 * protocol/message.c - headers, ids, dates, and building messages and replies.
 *
 * A header has the six fields every consumer requires; dates carry microseconds
 * (zero-padded to 6 digits) and a "Z" zone, which jupyter_client parses without
 * warnings. Ids are UUID4 strings from libsodium's random source.
 */
#include "protocol.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Random bytes for ids, drawn from libsodium a pool at a time: one getrandom()
   call per 128 ids instead of one per message. Per thread, so no lock. */
static void random_bytes(unsigned char *out, size_t n)
{
    static _Thread_local unsigned char pool[2048];
    static _Thread_local size_t left;
    if (left < n) {
        randombytes_buf(pool, sizeof pool);
        left = sizeof pool;
    }
    memcpy(out, pool + sizeof pool - left, n);
    sodium_memzero(pool + sizeof pool - left, n);
    left -= n;
}

void jp_uuid(char out[37])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char b[16];
    random_bytes(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    char *o = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        *o++ = hex[b[i] >> 4];
        *o++ = hex[b[i] & 15];
    }
    *o = '\0';
}

void jp_iso8601_now(char out[32])
{
    /* the date and time to the second change once a second: format them then */
    static _Thread_local time_t second = -1;
    static _Thread_local char prefix[24];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (ts.tv_sec != second) {
        struct tm tm;
        gmtime_r(&ts.tv_sec, &tm);
        strftime(prefix, sizeof prefix, "%Y-%m-%dT%H:%M:%S", &tm);
        second = ts.tv_sec;
    }
    size_t n = strlen(prefix);
    memcpy(out, prefix, n);
    out[n++] = '.';
    long us = ts.tv_nsec / 1000;
    for (int i = 5; i >= 0; i--, us /= 10)
        out[n + (size_t)i] = (char)('0' + us % 10);
    out[n + 6] = 'Z';
    out[n + 7] = '\0';
}

void jp_session_init(JpSession *session, const char *username)
{
    if (sodium_init() < 0) /* randombytes_buf() still works, from /dev/urandom */
        fputs("protocol: libsodium failed to initialise\n", stderr);
    jp_uuid(session->id);
    snprintf(session->username, sizeof session->username, "%s",
             username && *username ? username : "username");
}

json_t *jp_header_new(const JpSession *session, const char *msg_type)
{
    char id[37], date[32];
    jp_uuid(id);
    jp_iso8601_now(date);
    json_t *h = json_object();
    if (h &&
        (json_object_set_new(h, "msg_id", json_string_nocheck(id)) < 0 ||
         json_object_set_new(h, "session", json_string_nocheck(session->id)) < 0 ||
         json_object_set_new(h, "username", json_string(session->username)) < 0 ||
         json_object_set_new(h, "date", json_string_nocheck(date)) < 0 ||
         json_object_set_new(h, "msg_type", json_string(msg_type)) < 0 ||
         json_object_set_new(h, "version", json_string_nocheck(JP_PROTOCOL_VERSION)) <
             0)) {
        json_decref(h);
        return NULL;
    }
    return h;
}

const char *jp_msg_type(const JpMessage *m)
{
    const char *t = json_string_value(json_object_get(m->header, "msg_type"));
    return t ? t : "";
}

static void free_bytes(JpBytes *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(b[i].data);
    free(b);
}

void jp_msg_fini(JpMessage *m)
{
    free_bytes(m->ids, m->n_ids);
    free_bytes(m->buffers, m->n_buffers);
    json_decref(m->header);
    json_decref(m->parent_header);
    json_decref(m->metadata);
    json_decref(m->content);
    memset(m, 0, sizeof *m);
}

int jp_msg_init(JpMessage *m, const JpSession *session, const char *msg_type,
                json_t *parent, json_t *content)
{
    memset(m, 0, sizeof *m);
    m->header = jp_header_new(session, msg_type);
    m->parent_header = parent ? json_incref(parent) : json_object();
    m->metadata = json_object();
    m->content = content ? content : json_object();
    if (!m->header || !m->parent_header || !m->metadata || !m->content) {
        jp_msg_fini(m);
        return -1;
    }
    return 0;
}

int jp_msg_init_reply(JpMessage *m, const JpSession *session, const JpMessage *request,
                      const char *msg_type, json_t *content)
{
    if (jp_msg_init(m, session, msg_type, request->header, content) < 0)
        return -1;
    if (request->n_ids) {
        m->ids = calloc(request->n_ids, sizeof *m->ids);
        if (!m->ids) {
            jp_msg_fini(m);
            return -1;
        }
        for (size_t i = 0; i < request->n_ids; i++) {
            const JpBytes *id = &request->ids[i];
            m->ids[i].data = malloc(id->len ? id->len : 1);
            if (!m->ids[i].data) {
                m->n_ids = i;
                jp_msg_fini(m);
                return -1;
            }
            memcpy(m->ids[i].data, id->data, id->len);
            m->ids[i].len = id->len;
        }
        m->n_ids = request->n_ids;
    }
    return 0;
}
