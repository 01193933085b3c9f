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

void jp_uuid(char out[37])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    snprintf(out, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
             b[12], b[13], b[14], b[15]);
}

void jp_iso8601_now(char out[32])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 32 - n, ".%06ldZ", ts.tv_nsec / 1000);
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
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "msg_id", id, "session",
                     session->id, "username", session->username, "date", date,
                     "msg_type", msg_type, "version", JP_PROTOCOL_VERSION);
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
