/*
 * protocol/stream.c - coalesces print output into few IOPub stream messages.
 *
 * Consecutive writes to one stream name are appended to a single buffer that the
 * server turns into one message when it is due (50 ms after its first byte, or
 * large), before any other IOPub message, before input_request and before the
 * reply. So a loop printing 100,000 lines yields a handful of messages.
 */
#include "protocol_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t jp_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

bool jp_stream_conflicts(const JpStreamBuffer *b, const char *name)
{
    return b->name[0] && strcmp(b->name, name) != 0;
}

int jp_stream_append(JpStreamBuffer *b, const char *name, const char *text, size_t len,
                     uint64_t now_ns)
{
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len)
            cap *= 2;
        char *t = realloc(b->text, cap);
        if (!t)
            return -1;
        b->text = t;
        b->cap = cap;
    }
    if (!b->name[0]) {
        snprintf(b->name, sizeof b->name, "%s", name);
        b->first_ns = now_ns;
    }
    memcpy(b->text + b->len, text, len);
    b->len += len;
    return 0;
}

bool jp_stream_due(const JpStreamBuffer *b, uint64_t now_ns)
{
    return b->name[0] && (now_ns - b->first_ns >= JP_STREAM_FLUSH_NS ||
                          b->len >= JP_STREAM_FLUSH_BYTES);
}

json_t *jp_stream_take(JpStreamBuffer *b)
{
    if (!b->name[0])
        return NULL;
    json_t *content = json_object();
    json_t *text = jp_utf8_string(b->text, b->len);
    if (content && text) {
        json_object_set_new(content, "name", json_string(b->name));
        json_object_set(content, "text", text);
    } else {
        json_decref(content);
        content = NULL;
    }
    json_decref(text);
    b->name[0] = '\0';
    b->len = 0;
    if (b->cap > 4 * JP_STREAM_FLUSH_BYTES) { /* give back a huge burst's memory */
        free(b->text);
        b->text = NULL;
        b->cap = 0;
    }
    return content;
}

void jp_stream_fini(JpStreamBuffer *b)
{
    free(b->text);
    memset(b, 0, sizeof *b);
}
