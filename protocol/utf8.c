/*
 * protocol/utf8.c - UTF-8 validation and code point offsets.
 *
 * JSON strings must be valid UTF-8 (Jansson refuses others), and the protocol
 * counts cursor positions in code points while the language works in bytes.
 */
#include "protocol_internal.h"

#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence starting at s[0] (s has n > 0 bytes), or 0
   if it is invalid: bad lead byte, truncated, overlong, surrogate, > U+10FFFF. */
static size_t valid_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

json_t *jp_utf8_string(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t bad = 0;
    for (size_t i = 0; i < len;) {
        size_t k = valid_seq(s + i, len - i);
        bad += k == 0;
        i += k ? k : 1;
    }
    if (bad == 0)
        return json_stringn(text, len);
    char *clean = malloc(len + 2 * bad); /* each bad byte (1) becomes 3 bytes */
    if (!clean)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t k = valid_seq(s + i, len - i);
        if (k) {
            memcpy(clean + o, s + i, k);
            o += k;
            i += k;
        } else {
            memcpy(clean + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    json_t *j = json_stringn(clean, o);
    free(clean);
    return j;
}

size_t jp_utf8_offset(const char *s, size_t len, size_t cp)
{
    size_t off = 0;
    for (; off < len && cp > 0; cp--) {
        off++;
        while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
            off++;
    }
    return off;
}

size_t jp_utf8_codepoints(const char *s, size_t off)
{
    size_t n = 0;
    for (size_t i = 0; i < off; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}
