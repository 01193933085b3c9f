/*
 * kernel/builtins/output.h - where the program's text output goes and where input()
 * reads from.
 *
 * print(), sys.stdout.write() and sys.stderr.write() end in mp_output_write(). By
 * default that is the process's buffered stdout/stderr; the Jupyter kernel installs
 * a sink that turns the text into iopub stream messages, and an input hook that
 * sends input_request.
 */
#ifndef MINIPY_KERNEL_BUILTINS_OUTPUT_H
#define MINIPY_KERNEL_BUILTINS_OUTPUT_H

#include "object.h"

#include <stddef.h>

typedef void (*MpOutputSink)(void *ctx, int fd, const char *s, size_t n);
/* Reads one line for input(prompt): a new str without the trailing newline, or
   NULL with an exception set (EOFError, KeyboardInterrupt, ...). */
typedef MpObject *(*MpInputHook)(void *ctx, const char *prompt, size_t prompt_size);

/* Write n bytes of UTF-8 to fd 1 (stdout) or 2 (stderr). */
void mp_output_write(int fd, const char *s, size_t n);
/* Route all output to sink(ctx, ...); NULL restores the process's stdout/stderr. */
void mp_output_set_sink(MpOutputSink sink, void *ctx);
/* Flush the process's stdout/stderr (a no-op for the bytes a sink received). */
void mp_output_flush(void);

/* Replace how input() reads; NULL restores the default (prompt on stdout, a line
   from stdin, EOFError "EOF when reading a line" at end of file). */
void mp_input_set_hook(MpInputHook hook, void *ctx);
/* input(prompt): through the hook. New reference or NULL with an exception. */
MpObject *mp_input_read(const char *prompt, size_t prompt_size);

/* A str from bytes read from outside (files, stdin); UnicodeError as CPython's
   "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte". */
MpObject *mp_text_decode(const char *s, size_t n);

#endif
