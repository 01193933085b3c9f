/*
 * kernel/builtins/output.c - owns the output sink and the input hook.
 *
 * Two function pointers with their context, defaulting to stdio. Kept apart from
 * the builtins so the kernel can redirect output without knowing about print().
 */
#include "output.h"

#include "errors.h"
#include "vm.h"

#include <stdio.h>
#include <stdlib.h>

static MpOutputSink output_sink;
static void *output_ctx;
static MpInputHook input_hook;
static void *input_ctx;

void mp_output_write(int fd, const char *s, size_t n)
{
    if (output_sink) {
        output_sink(output_ctx, fd, s, n);
        return;
    }
    FILE *f = fd == 2 ? stderr : stdout;
    if (fd == 2)
        fflush(stdout); /* keep the order of interleaved stdout/stderr text */
    fwrite(s, 1, n, f);
}

void mp_output_set_sink(MpOutputSink sink, void *ctx)
{
    output_sink = sink;
    output_ctx = ctx;
}

void mp_output_flush(void)
{
    fflush(stdout);
    fflush(stderr);
}

void mp_input_set_hook(MpInputHook hook, void *ctx)
{
    input_hook = hook;
    input_ctx = ctx;
}

/* The default hook: prompt on our stdout, then one line of the process's stdin. */
static MpObject *stdin_readline(const char *prompt, size_t prompt_size)
{
    if (prompt_size > 0)
        mp_output_write(1, prompt, prompt_size);
    mp_output_flush();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (n < 0) {
        free(line);
        if (vm_check_interrupt() < 0)
            return NULL;
        return mp_err_set(mp_EOFError, "EOF when reading a line");
    }
    if (n > 0 && line[n - 1] == '\n')
        n--;
    MpObject *s = mp_text_decode(line, (size_t)n);
    free(line);
    return s;
}

MpObject *mp_input_read(const char *prompt, size_t prompt_size)
{
    if (input_hook)
        return input_hook(input_ctx, prompt, prompt_size);
    return stdin_readline(prompt, prompt_size);
}

/* ==== UTF-8 validation ==== */

/* Length of the valid sequence starting at s[0], or 0 with *why set. The second
   byte's range rules out overlong forms, surrogates and code points > 0x10FFFF. */
static size_t utf8_sequence(const unsigned char *s, size_t n, const char **why)
{
    unsigned c = s[0];
    size_t len;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
    } else {
        *why = "invalid start byte";
        return 0;
    }
    unsigned cp = c & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if (i >= n) {
            *why = "unexpected end of data";
            return 0;
        }
        if ((s[i] & 0xC0) != 0x80) {
            *why = "invalid continuation byte";
            return 0;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
        if (i == 1 && ((len == 3 && (cp < 0x20 || (cp >= 0x360 && cp < 0x380))) ||
                       (len == 4 && (cp < 0x10 || cp > 0x10F)))) {
            *why = "invalid continuation byte"; /* overlong, surrogate, > 0x10FFFF */
            return 0;
        }
    }
    return len;
}

MpObject *mp_text_decode(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        const char *why = NULL;
        size_t len = utf8_sequence(u + i, n - i, &why);
        if (len == 0)
            return mp_err_format(mp_UnicodeError,
                                 "'utf-8' codec can't decode byte 0x%02x in position "
                                 "%zu: %s",
                                 u[i], i, why);
        i += len;
    }
    return mp_str_new(s, n);
}
