/*
 * tests/unit/test_jp_stream.c - the stream coalescer and the UTF-8 helpers.
 *
 * 100,000 printed lines must become one message per flush, not 100,000.
 */
#include "protocol_internal.h"
#include "unit.h"

#include <string.h>

static void test_coalescing(void)
{
    JpStreamBuffer b = {0};
    uint64_t t0 = 1000000000u;
    char line[32];
    size_t total = 0;
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(line, sizeof line, "%d\n", i);
        if (jp_stream_append(&b, "stdout", line, (size_t)n, t0 + (uint64_t)i) < 0)
            CHECK(!"append failed");
        total += (size_t)n;
    }
    /* 100 us later: not 50 ms old, and under the size limit. */
    CHECK(total < JP_STREAM_FLUSH_BYTES);
    CHECK(!jp_stream_due(&b, t0 + 100000));
    CHECK(jp_stream_due(&b, t0 + JP_STREAM_FLUSH_NS));
    CHECK(jp_stream_conflicts(&b, "stderr"));
    json_t *c = jp_stream_take(&b);
    CHECK(c && strcmp(json_string_value(json_object_get(c, "name")), "stdout") == 0);
    const char *text = json_string_value(json_object_get(c, "text"));
    CHECK(text && strlen(text) == total && strncmp(text, "0\n1\n2\n", 6) == 0);
    CHECK(text && strcmp(text + total - 6, "99999\n") == 0);
    json_decref(c);
    CHECK(jp_stream_take(&b) == NULL); /* empty after a take */
    CHECK(!jp_stream_conflicts(&b, "stderr"));

    /* The deadline counts from the oldest pending byte, and size forces a flush. */
    jp_stream_append(&b, "stderr", "x", 1, 5);
    jp_stream_append(&b, "stderr", "y", 1, 5 + JP_STREAM_FLUSH_NS - 1);
    CHECK(jp_stream_due(&b, 5 + JP_STREAM_FLUSH_NS));
    json_decref(jp_stream_take(&b));
    static char big[JP_STREAM_FLUSH_BYTES];
    memset(big, 'a', sizeof big);
    jp_stream_append(&b, "stdout", big, sizeof big, 7);
    CHECK(jp_stream_due(&b, 7));
    json_decref(jp_stream_take(&b));
    jp_stream_fini(&b);
}

static void test_utf8(void)
{
    /* valid text passes unchanged; bad bytes become U+FFFD each */
    json_t *s = jp_utf8_string("h\xC3\xA9 \xF0\x9F\x98\x80", 8);
    CHECK(s && strcmp(json_string_value(s), "h\xC3\xA9 \xF0\x9F\x98\x80") == 0);
    json_decref(s);
    s = jp_utf8_string("a\xFF"
                       "b\xC3",
                       4);
    CHECK(s && strcmp(json_string_value(s), "a\xEF\xBF\xBD"
                                            "b\xEF\xBF\xBD") == 0);
    json_decref(s);
    s = jp_utf8_string("\xED\xA0\x80", 3); /* a surrogate: 3 bad bytes */
    CHECK(s && json_string_length(s) == 9);
    json_decref(s);
    s = jp_utf8_string("\xC0\xAF", 2); /* overlong '/' */
    CHECK(s && json_string_length(s) == 6);
    json_decref(s);
    s = jp_utf8_string("a\0b", 3); /* NUL is valid JSON text */
    CHECK(s && json_string_length(s) == 3);
    json_decref(s);

    const char *t = "\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80!"; /* "été 😀!" */
    size_t len = strlen(t);
    CHECK(jp_utf8_offset(t, len, 0) == 0);
    CHECK(jp_utf8_offset(t, len, 1) == 2);
    CHECK(jp_utf8_offset(t, len, 4) == 6);
    CHECK(jp_utf8_offset(t, len, 5) == 10);
    CHECK(jp_utf8_offset(t, len, 99) == len);
    CHECK(jp_utf8_codepoints(t, 10) == 5);
    CHECK(jp_utf8_codepoints(t, len) == 6);
}

int main(void)
{
    test_coalescing();
    test_utf8();
    return UNIT_DONE();
}
