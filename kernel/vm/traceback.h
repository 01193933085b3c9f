/*
 * kernel/vm/traceback.h - an exception's traceback: recorded as frames unwind,
 * printed in CPython's shape.
 */
#ifndef MINIPY_KERNEL_VM_TRACEBACK_H
#define MINIPY_KERNEL_VM_TRACEBACK_H

#include "code.h"

#include <stdint.h>

/* Append a frame (innermost first), at instruction instr of code on source
   line `line`, unless the frame with this serial is already the last one
   recorded (a re-raise in the same frame). */
void mp_traceback_add(MpObject *exc, MpCode *code, int line, uint32_t instr,
                      uint64_t serial);

/* The exception escaped the frame with this serial: its traceback entry keeps
   the frame's locals (a tuple, borrowed), as CPython's traceback keeps frames. */
void mp_traceback_keep_locals(MpObject *exc, uint64_t serial, MpObject *locals);

/* Source lines for tracebacks: a function returning the text of line `line`
   of `filename` (without newline) into buf, or false. The kernel supplies
   notebook cells; files are read from disk by default. */
typedef bool (*MpSourceLookup)(const char *filename, int line, char *buf, size_t size);
void mp_traceback_set_source_lookup(MpSourceLookup lookup);

/* The lines CPython prints for an uncaught exception, with its chained
   causes and contexts and the "Did you mean" of a NameError or an
   AttributeError, each line ending in '\n' (a list of str), or NULL. */
MpObject *mp_traceback_format(MpObject *exc);
/* "ValueError: bad" or "ValueError" (the last line, without newline). */
MpObject *mp_exception_format_only(MpObject *exc);

#endif
