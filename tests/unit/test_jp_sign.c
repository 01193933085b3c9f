/*
 * tests/unit/test_jp_sign.c - HMAC vectors, constant-time verification, replays.
 *
 * Vectors are RFC 4231's (including its 131-byte key, longer than a SHA block)
 * with the data split over the four signed parts, plus one Jupyter-shaped message
 * checked against Python's hmac module.
 */
#include "protocol.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

/* Splits text into four parts at fixed cuts, as header|parent|metadata|content. */
static void split4(const char *text, JpBytes parts[4])
{
    size_t len = strlen(text), cut[5] = {0, len / 4, len / 2, len / 2 + 1, len};
    for (int i = 0; i < 4; i++) {
        parts[i].data = (char *)text + cut[i];
        parts[i].len = cut[i + 1] - cut[i];
    }
}

static void check_vector(const char *scheme, const char *key, size_t key_len,
                         const char *data, const char *expect)
{
    char *err = NULL;
    JpSigner *s = jp_signer_new(scheme, key, key_len, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    JpBytes parts[4];
    split4(data, parts);
    char hex[JP_SIGNATURE_MAX + 1];
    jp_sign(s, parts, hex);
    CHECK(strcmp(hex, expect) == 0);
    CHECK(jp_signer_hex_len(s) == strlen(expect));
    CHECK(jp_verify(s, parts, hex, strlen(hex)) == JP_VERIFY_OK);
    jp_signer_free(s);
}

static void test_rfc4231(void)
{
    char k20[20], k131[131];
    memset(k20, 0x0b, sizeof k20);
    memset(k131, 0xaa, sizeof k131);
    check_vector("hmac-sha256", k20, sizeof k20, "Hi There",
                 "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    check_vector("hmac-sha512", "Jefe", 4, "what do ya want for nothing?",
                 "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                 "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
    const char *big = "Test Using Larger Than Block-Size Key - Hash Key First";
    check_vector("hmac-sha256", k131, sizeof k131, big,
                 "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    check_vector("hmac-sha512", k131, sizeof k131, big,
                 "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                 "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598");
}

static void test_jupyter_message(void)
{
    const char *key = "a0436f6c-1916-498b-8eb9-e81ab9368e84";
    char *err = NULL;
    JpSigner *s = jp_signer_new("hmac-sha256", key, strlen(key), &err);
    char header[] = "{\"msg_id\":\"1\",\"msg_type\":\"kernel_info_request\"}";
    char empty[] = "{}";
    JpBytes parts[4] = {{header, strlen(header)}, {empty, 2}, {empty, 2}, {empty, 2}};
    char hex[JP_SIGNATURE_MAX + 1];
    jp_sign(s, parts, hex);
    CHECK(strcmp(hex,
                 "23d21ade63d42fc48bbe2721cd9045ceffb260c3521b7d246495f23adfca79a0") ==
          0);

    /* Verification: replay, tampering, wrong length, missing, uppercase hex. */
    CHECK(jp_verify(s, parts, hex, 64) == JP_VERIFY_OK);
    CHECK(jp_verify(s, parts, hex, 64) == JP_VERIFY_DUPLICATE);
    CHECK(jp_verify(s, parts, "", 0) == JP_VERIFY_UNSIGNED);
    CHECK(jp_verify(s, parts, hex, 63) == JP_VERIFY_INVALID);
    header[10] = '2'; /* msg_id "2": the old signature no longer matches */
    char fresh[JP_SIGNATURE_MAX + 1];
    jp_sign(s, parts, fresh);
    CHECK(strcmp(fresh, hex) != 0);
    char upper[65];
    for (int i = 0; i < 64; i++)
        upper[i] = (char)(fresh[i] >= 'a' ? fresh[i] - 32 : fresh[i]);
    upper[64] = '\0';
    CHECK(jp_verify(s, parts, upper, 64) == JP_VERIFY_INVALID);
    CHECK(jp_verify(s, parts, fresh, 64) == JP_VERIFY_OK);
    CHECK(strcmp(jp_verify_str(JP_VERIFY_DUPLICATE), "Duplicate Signature") == 0);
    jp_signer_free(s);
}

static void test_unsigned_and_schemes(void)
{
    char *err = NULL;
    JpSigner *s = jp_signer_new("hmac-sha256", "", 0, &err);
    CHECK(s && jp_signer_hex_len(s) == 0);
    char data[] = "{}";
    JpBytes parts[4] = {{data, 2}, {data, 2}, {data, 2}, {data, 2}};
    char hex[JP_SIGNATURE_MAX + 1] = "x";
    jp_sign(s, parts, hex);
    CHECK(hex[0] == '\0');
    CHECK(jp_verify(s, parts, "", 0) == JP_VERIFY_OK);
    CHECK(jp_verify(s, parts, "", 0) == JP_VERIFY_OK); /* no history when unsigned */
    jp_signer_free(s);

    s = jp_signer_new("hmac-md5", "k", 1, &err);
    CHECK(s == NULL && err && strstr(err, "hmac-md5"));
    free(err);
}

/* Far more signatures than the history holds: culling keeps it working, and the
   newest one is always remembered. */
static void test_history_culling(void)
{
    char *err = NULL;
    JpSigner *s = jp_signer_new("hmac-sha256", "key", 3, &err);
    char data[] = "{}";
    JpBytes parts[4] = {{data, 2}, {data, 2}, {data, 2}, {data, 2}};
    char sig[65];
    int duplicates = 0;
    for (int i = 0; i < JP_DIGEST_HISTORY_MAX + 5000; i++) {
        snprintf(sig, sizeof sig, "%064d", i);
        duplicates += jp_verify(s, parts, sig, 64) == JP_VERIFY_DUPLICATE;
    }
    CHECK(duplicates == 0);
    CHECK(jp_verify(s, parts, sig, 64) == JP_VERIFY_DUPLICATE);
    int remembered = 0;
    for (int i = 0; i < 100; i++) {
        snprintf(sig, sizeof sig, "%064d", JP_DIGEST_HISTORY_MAX + 4900 + i);
        remembered += jp_verify(s, parts, sig, 64) == JP_VERIFY_DUPLICATE;
    }
    CHECK(remembered == 100); /* the only cull came before these were recorded */
    jp_signer_free(s);
}

int main(void)
{
    test_rfc4231();
    test_jupyter_message();
    test_unsigned_and_schemes();
    test_history_culling();
    return UNIT_DONE();
}
