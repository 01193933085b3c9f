/*
 * kernel/lang/compiler.h - source text to code objects.
 *
 * Parses, resolves scopes (symtable.h) and generates bytecode (vm/opcodes.h).
 * Errors come back as a pending SyntaxError (or IndentationError) whose
 * attributes (msg, filename, lineno, offset, text) are those of CPython's.
 */
#ifndef MINIPY_KERNEL_LANG_COMPILER_H
#define MINIPY_KERNEL_LANG_COMPILER_H

#include "code.h"

typedef enum CompMode {
    COMP_FILE, /* a program: expression statements' values are dropped */
    COMP_CELL  /* a notebook cell: the last expression statement's value is returned */
} CompMode;

/* Compile len bytes of UTF-8 source. Returns a new code object, or NULL with
   an exception set. filename names the source in tracebacks. */
MpCode *comp_compile(const char *src, size_t len, const char *filename, CompMode mode);

#endif
