/*
 * protocol/protocol_internal.h - shared by the protocol sources and their unit tests.
 *
 * The heartbeat thread, the stream coalescer and UTF-8 helpers: pieces of the
 * server that kernel code never calls.
 */
#ifndef MINIPY_PROTOCOL_PROTOCOL_INTERNAL_H
#define MINIPY_PROTOCOL_PROTOCOL_INTERNAL_H

#include "protocol.h"

#include <stdint.h>

/* ==== wire.c ==== */

/* The tcp port a bound socket listens on (from ZMQ_LAST_ENDPOINT); 0 for ipc. */
int jp_socket_port(void *socket);

/* ==== heartbeat.c ==== */

typedef struct JpHeartbeat JpHeartbeat;

/* Binds a REP socket on endpoint in a context of its own and echoes every
   message from a thread. *port receives the bound tcp port (0 for ipc). NULL with
   *err malloc'd on failure. */
JpHeartbeat *jp_heartbeat_start(const char *endpoint, int *port, char **err);
void jp_heartbeat_stop(JpHeartbeat *hb);

/* ==== stream.c: the print-output coalescer ==== */

#define JP_STREAM_FLUSH_NS    (50 * 1000 * 1000) /* 50 ms after the first byte */
#define JP_STREAM_FLUSH_BYTES (1024 * 1024)      /* or once this much is pending */

/* Pending text of one stream name; consecutive writes to it are merged. */
typedef struct JpStreamBuffer {
    char name[8]; /* "" when nothing is pending */
    char *text;
    size_t len, cap;
    uint64_t first_ns; /* when the oldest pending byte was written */
} JpStreamBuffer;

uint64_t jp_now_ns(void); /* CLOCK_MONOTONIC */

/* True when text for name cannot join the pending text (another name pending):
   flush first. */
bool jp_stream_conflicts(const JpStreamBuffer *b, const char *name);
/* Appends (the caller flushed any conflict). 0, or -1 when out of memory. */
int jp_stream_append(JpStreamBuffer *b, const char *name, const char *text, size_t len,
                     uint64_t now_ns);
/* True when pending text is due: 50 ms old or JP_STREAM_FLUSH_BYTES long. */
bool jp_stream_due(const JpStreamBuffer *b, uint64_t now_ns);
/* Takes the pending text as stream content {name, text} (valid UTF-8) and empties
   the buffer. New reference; NULL when nothing is pending. */
json_t *jp_stream_take(JpStreamBuffer *b);
void jp_stream_fini(JpStreamBuffer *b);

/* ==== utf8.c ==== */

/* Byte offset of code point index cp in s (clamped to len). */
size_t jp_utf8_offset(const char *s, size_t len, size_t cp);
/* Number of code points in the first off bytes of s. */
size_t jp_utf8_codepoints(const char *s, size_t off);

#endif
