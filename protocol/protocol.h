/*
 * protocol/protocol.h - the Jupyter messaging layer (protocol 5.4) over ZeroMQ.
 *
 * Knows nothing of Minipy. A language fills a JpHandlers table (xeus's
 * xinterpreter) and calls jp_server_run() on its main thread; while a request runs
 * the handlers publish output with jp_publish_*(), read input with
 * jp_server_input() and poll jp_server_interrupt_flag(). The lower layers
 * (connection files, signing, framing, headers) are public too, for the unit tests
 * and for client code such as benchmarks. Start reading at the server section.
 */
#ifndef MINIPY_PROTOCOL_PROTOCOL_H
#define MINIPY_PROTOCOL_PROTOCOL_H

#include <jansson.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#define JP_PROTOCOL_VERSION "5.4"
#define JP_DELIMITER        "<IDS|MSG>"

/* A run of bytes: a ZMQ frame, a routing identity, a binary buffer. */
typedef struct JpBytes {
    void *data;
    size_t len;
} JpBytes;

/* ==== Connection files ==== */

typedef struct JpConnection {
    char transport[4]; /* "tcp" or "ipc" */
    char *ip;          /* tcp: an address; ipc: a path prefix ("<ip>-<port>") */
    int shell_port, iopub_port, stdin_port, control_port, hb_port; /* 0: pick */
    char *key;                 /* UTF-8 bytes used as the HMAC key; "" = unsigned */
    char signature_scheme[16]; /* "hmac-sha256" or "hmac-sha512" */
} JpConnection;

/* Reads a connection file. Returns NULL on success, else a malloc'd one-line
   message naming the file and the field (the caller prints it and exits 2). On
   failure *conn needs no jp_connection_fini(). Unknown keys are ignored. */
char *jp_connection_load(const char *path, JpConnection *conn);

/* For `minipy kernel` without -f: tcp on 127.0.0.1, every port 0 (jp_server_new()
   binds free ones and stores them), a random key from libsodium, hmac-sha256.
   Returns 0, or -1 when out of memory. */
int jp_connection_init_local(JpConnection *conn);

/* Writes conn as a connection file with mode 0600. NULL on success, else a
   malloc'd one-line message naming the file. kernel_name may be NULL. */
char *jp_connection_write(const char *path, const JpConnection *conn,
                          const char *kernel_name);

/* The endpoint of one port: "tcp://ip:port", "tcp://ip:*" for port 0, or
   "ipc://ip-port". Returns a malloc'd string or NULL when out of memory. */
char *jp_connection_endpoint(const JpConnection *conn, int port);

void jp_connection_fini(JpConnection *conn);

/* ==== Signing (HMAC over header, parent_header, metadata, content) ==== */

typedef struct JpSigner JpSigner;

/* jupyter_client's Session keeps at most this many seen digests. */
#define JP_DIGEST_HISTORY_MAX 65536
#define JP_SIGNATURE_MAX      128 /* hex characters, hmac-sha512 */

/* key of any length (its bytes, not hex-decoded); key_len 0 disables signing and
   checking. scheme "hmac-sha256" or "hmac-sha512". NULL with *err set to a
   malloc'd message on an unsupported scheme. Safe to share between threads. */
JpSigner *jp_signer_new(const char *scheme, const char *key, size_t key_len,
                        char **err);
void jp_signer_free(JpSigner *signer);

/* Hex length of a signature: 64 (sha256), 128 (sha512), 0 when unsigned. */
size_t jp_signer_hex_len(const JpSigner *signer);

/* Writes the lowercase hex HMAC of parts[0..3] and a NUL to hex (room for
   JP_SIGNATURE_MAX + 1); writes "" when signing is disabled. */
void jp_sign(const JpSigner *signer, const JpBytes parts[4], char *hex);

typedef enum JpVerify {
    JP_VERIFY_OK,
    JP_VERIFY_UNSIGNED,  /* empty signature while a key is set */
    JP_VERIFY_INVALID,   /* wrong length or wrong digest */
    JP_VERIFY_DUPLICATE, /* seen before: a replay */
} JpVerify;

/* Checks sig against parts in constant time and records it in the replay history
   (recorded before the check, as jupyter_client does; when full a random 10% is
   forgotten). Always JP_VERIFY_OK when signing is disabled. */
JpVerify jp_verify(JpSigner *signer, const JpBytes parts[4], const char *sig,
                   size_t sig_len);
const char *jp_verify_str(JpVerify v);

/* ==== Messages and wire framing ==== */

/* A decoded message. Owns everything it points to; release with jp_msg_fini(). */
typedef struct JpMessage {
    JpBytes *ids; /* routing identities (shell/control/stdin) or the IOPub topic */
    size_t n_ids;
    json_t *header, *parent_header, *metadata, *content; /* JSON objects */
    JpBytes *buffers; /* raw frames after content (comms); not signed */
    size_t n_buffers;
} JpMessage;

/* The header's msg_type ("" if absent). Borrowed from m->header. */
const char *jp_msg_type(const JpMessage *m);
void jp_msg_fini(JpMessage *m);

/* Identifies this end of the conversation: one random session id per process. */
typedef struct JpSession {
    char id[37];
    char username[64];
} JpSession;

void jp_session_init(JpSession *session, const char *username);
void jp_uuid(char out[37]);        /* random UUID4 string from libsodium */
void jp_iso8601_now(char out[32]); /* 2026-11-25T01:02:18.295582Z */
/* A JSON string of len bytes of s (NULs kept) with every invalid UTF-8 sequence
   replaced by U+FFFD: Jansson refuses invalid UTF-8 and JSON must be valid (W10).
   New reference, NULL when out of memory. */
json_t *jp_utf8_string(const char *s, size_t len);

/* A fresh header {msg_id, session, username, date, msg_type, version}. New
   reference, NULL when out of memory. */
json_t *jp_header_new(const JpSession *session, const char *msg_type);

/* Builds a message with a fresh header. parent (borrowed, may be NULL = {}) is
   copied by reference; content is stolen (NULL = {}). No identities. 0 or -1. */
int jp_msg_init(JpMessage *m, const JpSession *session, const char *msg_type,
                json_t *parent, json_t *content);

/* Builds the reply to request: same identities, parent_header = request's header,
   content stolen, metadata {}. 0 or -1. */
int jp_msg_init_reply(JpMessage *m, const JpSession *session, const JpMessage *request,
                      const char *msg_type, json_t *content);

/* Parses frames (identities, delimiter, signature, 4 JSON frames, buffers) into
   *out after checking the signature. On failure returns -1, leaves *out empty and
   writes a one-line reason into why. */
int jp_wire_decode(JpSigner *signer, const JpBytes *frames, size_t n, JpMessage *out,
                   char *why, size_t why_len);

/* Serializes m (each dict once, compact; the signed bytes are the sent bytes).
   Returns a malloc'd frame array of *n entries for jp_frames_free(), or NULL. */
JpBytes *jp_wire_encode(const JpSigner *signer, const JpMessage *m, size_t *n);
void jp_frames_free(JpBytes *frames, size_t n);

/* Sends m on a ZMQ socket. 0, or -1 with errno set. */
int jp_wire_send(void *socket, const JpSigner *signer, const JpMessage *m);

typedef enum JpRecv {
    JP_RECV_OK,      /* *out holds a valid message */
    JP_RECV_AGAIN,   /* nothing to read (ZMQ_DONTWAIT) or EINTR */
    JP_RECV_DROPPED, /* malformed or badly signed: one line logged on stderr */
    JP_RECV_ERROR,   /* the socket failed (errno set), e.g. ETERM */
} JpRecv;

/* Receives one multipart message; flags 0 or ZMQ_DONTWAIT. channel names the
   socket in the log line of a dropped message. Only JP_RECV_OK leaves anything
   in *out to jp_msg_fini(). */
JpRecv jp_wire_recv(void *socket, JpSigner *signer, int flags, JpMessage *out,
                    const char *channel);

/* ==== Server: the language plugs in here ==== */

typedef struct JpServer JpServer;

/* An execute_request's content with the spec's defaults applied. */
typedef struct JpExecuteRequest {
    const char *code;
    bool silent;
    bool store_history; /* false whenever silent */
    bool allow_stdin;
    bool stop_on_error;
    json_t *user_expressions; /* borrowed object, {} when absent */
} JpExecuteRequest;

/* The language's callbacks, all called on the thread running jp_server_run().
   Every json_t * they return is a new reference to a reply content object; a
   missing "status" is filled in as "ok". NULL pointers get the spec's fallback. */
typedef struct JpHandlers {
    /* Called once by jp_server_new() and cached (the control thread answers
       kernel_info while shell is busy): {implementation, implementation_version,
       language_info, banner, help_links?}. status and protocol_version are added.
       Required. */
    json_t *(*kernel_info)(void *ctx);
    /* Runs a cell. Publishes execute_input / results / errors itself through
       jp_publish_*(). Returns {status, execution_count, ...} (ok: user_expressions,
       payload; error: ename, evalue, traceback). Required. */
    json_t *(*execute)(void *ctx, JpServer *server, const JpExecuteRequest *req);
    /* cursor is a UTF-8 byte offset into code. {found, data, metadata}.
       NULL handler: found false. */
    json_t *(*inspect)(void *ctx, const char *code, size_t cursor, int detail_level);
    /* cursor is a byte offset; return {matches, cursor_start, cursor_end} with byte
       offsets: the server converts them to code points. NULL: no matches. */
    json_t *(*complete)(void *ctx, const char *code, size_t cursor);
    /* {status: complete|incomplete|invalid|unknown, indent?}. NULL: unknown. */
    json_t *(*is_complete)(void *ctx, const char *code);
    /* request: the history_request content (borrowed). {history: [...]}. NULL:
       an empty history. */
    json_t *(*history)(void *ctx, json_t *request);
    /* Called once when a shutdown_request arrived, just before jp_server_run()
       returns. May be NULL. */
    void (*shutdown)(void *ctx, bool restart);
} JpHandlers;

/* Binds all five sockets (ports 0 in *conn are chosen and written back), starts
   the heartbeat and control threads (SIGINT blocked in them) and publishes
   status "starting". handlers is borrowed for the server's life. NULL with *err
   a malloc'd one-line message on failure. */
JpServer *jp_server_new(JpConnection *conn, const JpHandlers *handlers, void *ctx,
                        char **err);

/* Serves shell requests one at a time until a shutdown_request (control or
   shell); the shutdown handler has been called when it returns. 0, or -1 if the
   sockets failed. */
int jp_server_run(JpServer *server);

/* Stops the threads and closes the sockets (linger 1 s). NULL is a no-op. */
void jp_server_free(JpServer *server);

/* Ends jp_server_run() as a shutdown_request without restart would, but with no
   reply: for a SIGTERM handler (only atomic stores, so async-signal-safe). The
   running cell gets a KeyboardInterrupt; a pending input() returns. */
void jp_server_request_shutdown(JpServer *server);

/* Set to 1 by an interrupt_request (control thread) or a shutdown_request; a
   SIGINT handler may store 1 too (the atomic is lock-free). The VM polls it at
   safe points and clears it when it raises KeyboardInterrupt. The server clears
   it before each execute_request, so an interrupt while idle is forgotten. */
atomic_int *jp_server_interrupt_flag(JpServer *server);

typedef enum JpInputStatus {
    JP_INPUT_OK,          /* *out is a malloc'd line (no newline) */
    JP_INPUT_EOF,         /* the frontend sent EOF ("\x04"): raise EOFError */
    JP_INPUT_INTERRUPTED, /* interrupt or shutdown while waiting; flag cleared */
    JP_INPUT_NOT_ALLOWED, /* no execute_request running or allow_stdin false */
    JP_INPUT_ERROR,       /* socket failure */
} JpInputStatus;

/* Flushes pending output, sends input_request {prompt, password} on stdin to the
   client of the running execute_request and blocks until its input_reply. */
JpInputStatus jp_server_input(JpServer *server, const char *prompt, bool password,
                              char **out);

/* ==== Publishing output of the running request (IOPub) ==== */
/* All borrow their arguments; parent_header is the running request's header.
   While the request is silent everything but status is suppressed. Stream text
   is coalesced: flushed 50 ms after the first pending byte, before any other
   IOPub message or input_request, and before the reply. Invalid UTF-8 becomes
   U+FFFD. These may be called only from the thread running jp_server_run(). */

void jp_publish_stream(JpServer *server, const char *name, const char *text,
                       size_t len);
/* display_data, or update_display_data when update (display_id then required).
   display_id may be NULL; metadata may be NULL ({}). */
void jp_publish_display(JpServer *server, json_t *data, json_t *metadata,
                        const char *display_id, bool update);
void jp_publish_clear_output(JpServer *server, bool wait);
void jp_publish_execute_input(JpServer *server, const char *code, long count);
void jp_publish_execute_result(JpServer *server, long count, json_t *data,
                               json_t *metadata);
void jp_publish_error(JpServer *server, const char *ename, const char *evalue,
                      json_t *traceback);
/* Any other IOPub message (e.g. comm_msg from kernel code); content borrowed. */
void jp_publish(JpServer *server, const char *msg_type, json_t *content);

#endif
