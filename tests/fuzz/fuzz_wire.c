/*
 * tests/fuzz/fuzz_wire.c - libFuzzer target over the message decoder: raw
 * multipart frames through the signature check, the replay history and JSON
 * parsing (jp_wire_decode), as jp_wire_recv() hands them over.
 *
 * Input: one mode byte, then frames separated by the 4 bytes FF FE FD FC. Mode
 * bit 0 picks a keyed signer (the key "fuzz-key", hmac-sha256; bit 1: sha512)
 * or an unsigned one, so mutated JSON still reaches the parser. Checked beyond
 * "no crash": a refusal always says why; a decoded message re-encodes and
 * decodes to the same JSON; a keyed message decoded once is refused as a replay.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protocol.h"

#define MAX_FRAMES 64
static const uint8_t separator[4] = {0xff, 0xfe, 0xfd, 0xfc};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Splits data into at most MAX_FRAMES frames (the last takes the rest). */
static size_t split_frames(const uint8_t *data, size_t size, JpBytes *frames)
{
    size_t n = 0, start = 0;
    for (size_t i = 0; i + sizeof separator <= size && n + 1 < MAX_FRAMES; i++) {
        if (memcmp(data + i, separator, sizeof separator) == 0) {
            frames[n++] = (JpBytes){(void *)(data + start), i - start};
            start = i + sizeof separator;
            i = start - 1;
        }
    }
    frames[n++] = (JpBytes){(void *)(data + start), size - start};
    return n;
}

static bool same_json(const JpMessage *a, const JpMessage *b)
{
    return json_equal(a->header, b->header) &&
           json_equal(a->parent_header, b->parent_header) &&
           json_equal(a->metadata, b->metadata) && json_equal(a->content, b->content) &&
           a->n_ids == b->n_ids && a->n_buffers == b->n_buffers;
}

/* A decoded message encodes (fresh signer, same key) and decodes back equal. */
static void check_round_trip(const char *scheme, const char *key, const JpMessage *m)
{
    char *err = NULL;
    JpSigner *signer = jp_signer_new(scheme, key, strlen(key), &err);
    if (!signer)
        abort();
    size_t n;
    JpBytes *frames = jp_wire_encode(signer, m, &n);
    if (!frames)
        abort();
    JpMessage back;
    char why[160];
    if (jp_wire_decode(signer, frames, n, &back, why, sizeof why) < 0 ||
        !same_json(m, &back))
        abort();
    jp_msg_fini(&back);
    jp_frames_free(frames, n);
    jp_signer_free(signer);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    const char *scheme = mode & 2 ? "hmac-sha512" : "hmac-sha256";
    const char *key = mode & 1 ? "fuzz-key" : "";
    char *err = NULL;
    JpSigner *signer = jp_signer_new(scheme, key, strlen(key), &err);
    if (!signer)
        abort();
    JpBytes frames[MAX_FRAMES];
    size_t n = split_frames(data + 1, size - 1, frames);
    JpMessage m;
    char why[160] = "";
    if (jp_wire_decode(signer, frames, n, &m, why, sizeof why) < 0) {
        if (!why[0])
            abort(); /* refused without a reason */
    } else {
        (void)jp_msg_type(&m);
        check_round_trip(scheme, key, &m);
        jp_msg_fini(&m);
        if (*key && jp_wire_decode(signer, frames, n, &m, why, sizeof why) == 0)
            abort(); /* a replay was accepted */
    }
    jp_signer_free(signer);
    return 0;
}
