/*
 * tests/fuzz/fuzz_runtime.h - what the runtime-wide fuzz targets (fuzz_compile,
 * fuzz_vm) share: starting the runtime once, and compiling an input as a cell.
 *
 * Header-only and static: each target is one executable of one .c file.
 */
#ifndef MINIPY_TESTS_FUZZ_FUZZ_RUNTIME_H
#define MINIPY_TESTS_FUZZ_FUZZ_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "errors.h"
#include "runtime.h"

/* Start the runtime with argv {name}; true the first time only, so a target
   can finish its own set-up then. Aborts if the runtime cannot start. */
static bool fuzz_runtime_start(const char *name)
{
    static bool started;
    if (started)
        return false;
    char *argv[] = {(char *)name, NULL};
    if (mp_runtime_init(1, argv) < 0)
        abort();
    started = true;
    return true;
}

/* The input compiled as a notebook cell (new reference), or NULL: with a
   pending SyntaxError, or with none when the input's copy could not be made.
   A failed compile that leaves no exception is a bug: abort. */
static MpCode *fuzz_compile_cell(const uint8_t *data, size_t size)
{
    char *src = malloc(size + 1);
    if (!src)
        return NULL;
    for (size_t i = 0; i < size; i++)
        src[i] = (char)data[i];
    src[size] = '\0';
    MpCode *code = comp_compile(src, size, "<fuzz>", COMP_CELL);
    free(src);
    if (!code && !mp_err_occurred())
        abort();
    return code;
}

#endif
