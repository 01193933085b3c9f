/*
 * protocol/sign.c - HMAC signatures of messages and the replay history.
 *
 * libsodium's streaming HMAC API takes keys of any length (the one-shot API wants
 * exactly 32 bytes, wrong for Jupyter's UUID keys). Like jupyter_client's Session,
 * every signature received is remembered (up to JP_DIGEST_HISTORY_MAX, then a
 * random 10% is forgotten) and a repeat is refused as a replay.
 */
#include "protocol.h"

#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HASH_NONE, HASH_SHA256, HASH_SHA512 };

struct JpSigner {
    int hash;
    size_t hex_len;
    /* the HMAC state right after keying, copied for every message: keying costs
       two compression rounds a message would otherwise repeat */
    crypto_auth_hmacsha256_state keyed256;
    crypto_auth_hmacsha512_state keyed512;
    pthread_mutex_t lock; /* guards the history: shell, control, stdin share it */
    char *seen;           /* count entries of hex_len bytes */
    size_t count, cap;
    uint32_t *slots; /* open addressing: index + 1 into seen, 0 = empty */
    size_t n_slots;  /* 2 * cap, a power of two */
};

JpSigner *jp_signer_new(const char *scheme, const char *key, size_t key_len, char **err)
{
    int hash;
    if (key_len == 0)
        hash = HASH_NONE;
    else if (strcmp(scheme, "hmac-sha256") == 0)
        hash = HASH_SHA256;
    else if (strcmp(scheme, "hmac-sha512") == 0)
        hash = HASH_SHA512;
    else {
        size_t n = strlen(scheme) + 64;
        *err = malloc(n);
        if (*err)
            snprintf(*err, n, "unsupported signature_scheme '%s' (use hmac-sha256)",
                     scheme);
        return NULL;
    }
    if (sodium_init() < 0) {
        *err = strdup("libsodium failed to initialise");
        return NULL;
    }
    JpSigner *s = calloc(1, sizeof *s);
    if (!s) {
        *err = strdup("out of memory");
        return NULL;
    }
    s->hash = hash;
    if (hash == HASH_SHA256)
        crypto_auth_hmacsha256_init(&s->keyed256, (const unsigned char *)key, key_len);
    else if (hash == HASH_SHA512)
        crypto_auth_hmacsha512_init(&s->keyed512, (const unsigned char *)key, key_len);
    s->hex_len = hash == HASH_SHA256 ? 64 : hash == HASH_SHA512 ? 128 : 0;
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

void jp_signer_free(JpSigner *s)
{
    if (!s)
        return;
    sodium_memzero(&s->keyed256, sizeof s->keyed256);
    sodium_memzero(&s->keyed512, sizeof s->keyed512);
    free(s->seen);
    free(s->slots);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

size_t jp_signer_hex_len(const JpSigner *s)
{
    return s->hex_len;
}

/* Raw HMAC of the four parts into mac (64 bytes room); returns its length. */
static size_t hmac(const JpSigner *s, const JpBytes parts[4], unsigned char *mac)
{
    if (s->hash == HASH_SHA256) {
        crypto_auth_hmacsha256_state st = s->keyed256;
        for (int i = 0; i < 4; i++)
            crypto_auth_hmacsha256_update(&st, parts[i].data, parts[i].len);
        crypto_auth_hmacsha256_final(&st, mac);
        return crypto_auth_hmacsha256_BYTES;
    }
    crypto_auth_hmacsha512_state st = s->keyed512;
    for (int i = 0; i < 4; i++)
        crypto_auth_hmacsha512_update(&st, parts[i].data, parts[i].len);
    crypto_auth_hmacsha512_final(&st, mac);
    return crypto_auth_hmacsha512_BYTES;
}

void jp_sign(const JpSigner *s, const JpBytes parts[4], char *hex)
{
    if (s->hash == HASH_NONE) {
        hex[0] = '\0';
        return;
    }
    unsigned char mac[crypto_auth_hmacsha512_BYTES];
    size_t n = hmac(s, parts, mac);
    sodium_bin2hex(hex, JP_SIGNATURE_MAX + 1, mac, n);
}

/* ==== Replay history ==== */

static uint64_t digest_hash(const char *d, size_t len)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)d[i]) * 1099511628211u;
    return h;
}

/* The slot holding digest d, or the empty slot where it would go. */
static uint32_t *find_slot(const JpSigner *s, const char *d)
{
    size_t mask = s->n_slots - 1;
    for (size_t i = digest_hash(d, s->hex_len) & mask;; i = (i + 1) & mask) {
        uint32_t *slot = &s->slots[i];
        if (*slot == 0 ||
            memcmp(s->seen + (*slot - 1) * s->hex_len, d, s->hex_len) == 0)
            return slot;
    }
}

/* Rebuilds the slot table from seen[0..count). 0 or -1 when out of memory. */
static int rehash(JpSigner *s, size_t n_slots)
{
    uint32_t *slots = calloc(n_slots, sizeof *slots);
    if (!slots)
        return -1;
    free(s->slots);
    s->slots = slots;
    s->n_slots = n_slots;
    for (size_t i = 0; i < s->count; i++)
        *find_slot(s, s->seen + i * s->hex_len) = (uint32_t)(i + 1);
    return 0;
}

/* Forgets a random 10% of the history, as jupyter_client's _cull_digest_history. */
static void cull(JpSigner *s)
{
    size_t drop = s->count / 10 ? s->count / 10 : 1;
    for (size_t k = 0; k < drop; k++) {
        size_t i = randombytes_uniform((uint32_t)s->count);
        s->count--;
        memmove(s->seen + i * s->hex_len, s->seen + s->count * s->hex_len, s->hex_len);
    }
    rehash(s, s->n_slots);
}

/* Records d; returns true if it was already there. Under s->lock. When memory
   runs out the digest goes unrecorded (the signature check still applies). */
static bool remember(JpSigner *s, const char *d)
{
    if (s->slots && *find_slot(s, d))
        return true;
    if (s->count == JP_DIGEST_HISTORY_MAX)
        cull(s);
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        char *seen = realloc(s->seen, cap * s->hex_len);
        if (!seen)
            return false;
        s->seen = seen;
        s->cap = cap;
        if (rehash(s, cap * 2) < 0)
            return false;
    }
    memcpy(s->seen + s->count * s->hex_len, d, s->hex_len);
    s->count++;
    *find_slot(s, d) = (uint32_t)s->count;
    return false;
}

JpVerify jp_verify(JpSigner *s, const JpBytes parts[4], const char *sig, size_t sig_len)
{
    if (s->hash == HASH_NONE)
        return JP_VERIFY_OK;
    if (sig_len == 0)
        return JP_VERIFY_UNSIGNED;
    if (sig_len != s->hex_len)
        return JP_VERIFY_INVALID;
    pthread_mutex_lock(&s->lock);
    bool dup = remember(s, sig);
    pthread_mutex_unlock(&s->lock);
    if (dup)
        return JP_VERIFY_DUPLICATE;
    char expect[JP_SIGNATURE_MAX + 1];
    jp_sign(s, parts, expect);
    return sodium_memcmp(expect, sig, s->hex_len) == 0 ? JP_VERIFY_OK
                                                       : JP_VERIFY_INVALID;
}

const char *jp_verify_str(JpVerify v)
{
    switch (v) {
    case JP_VERIFY_OK:
        return "ok";
    case JP_VERIFY_UNSIGNED:
        return "Unsigned Message";
    case JP_VERIFY_INVALID:
        return "Invalid Signature";
    case JP_VERIFY_DUPLICATE:
        return "Duplicate Signature";
    }
    return "?";
}
