/*
 * protocol/sign.c - HMAC signatures of messages and the replay history.
 *
 * libsodium's streaming HMAC API takes keys of any length (the one-shot API wants
 * exactly 32 bytes, wrong for Jupyter's UUID keys). Like jupyter_client's Session,
 * every signature received is remembered (up to JP_DIGEST_HISTORY_MAX, then a
 * random 10% is forgotten) and a repeat is refused as a replay. The history keeps
 * a 64-bit keyed hash (SipHash) of each signature, not the signature, in one
 * table sized once: 1 MiB of address space whose pages are touched as messages
 * come, so a long session does not grow the kernel.
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
    unsigned char hash_key[crypto_shorthash_KEYBYTES];
    uint64_t *seen; /* open addressing over HISTORY_SLOTS; 0 = empty */
    size_t count;
};

/* Twice the history's capacity, a power of two: probes stay short. */
#define HISTORY_SLOTS (2 * (size_t)JP_DIGEST_HISTORY_MAX)

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
    if (hash != HASH_NONE && !(s->seen = calloc(HISTORY_SLOTS, sizeof *s->seen))) {
        free(s);
        *err = strdup("out of memory");
        return NULL;
    }
    randombytes_buf(s->hash_key, sizeof s->hash_key);
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

/* The history's key for a signature: never 0 (0 marks an empty slot). */
static uint64_t fingerprint(const JpSigner *s, const char *d)
{
    unsigned char h[crypto_shorthash_BYTES];
    crypto_shorthash(h, (const unsigned char *)d, s->hex_len, s->hash_key);
    uint64_t v;
    memcpy(&v, h, sizeof v);
    return v ? v : 1;
}

/* The slot holding f, or the empty slot where it would go. */
static uint64_t *find_slot(const JpSigner *s, uint64_t f)
{
    size_t mask = HISTORY_SLOTS - 1;
    for (size_t i = (size_t)(f >> 16) & mask;; i = (i + 1) & mask)
        if (s->seen[i] == 0 || s->seen[i] == f)
            return &s->seen[i];
}

/* Forgets a random 10% of the history, as jupyter_client's
   _cull_digest_history, then reinserts the rest so probe chains stay whole. */
static void cull(JpSigner *s)
{
    uint64_t *keep = malloc(s->count * sizeof *keep);
    size_t n = 0;
    for (size_t i = 0; i < HISTORY_SLOTS; i++) {
        uint64_t f = s->seen[i];
        s->seen[i] = 0;
        if (f && keep && randombytes_uniform(10) != 0)
            keep[n++] = f;
    }
    s->count = n;
    for (size_t i = 0; i < n; i++)
        *find_slot(s, keep[i]) = keep[i];
    free(keep);
}

/* Records d; returns true if it was already there. Under s->lock. */
static bool remember(JpSigner *s, const char *d)
{
    uint64_t f = fingerprint(s, d);
    uint64_t *slot = find_slot(s, f);
    if (*slot)
        return true;
    if (s->count == JP_DIGEST_HISTORY_MAX) {
        cull(s);
        slot = find_slot(s, f);
    }
    *slot = f;
    s->count++;
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
