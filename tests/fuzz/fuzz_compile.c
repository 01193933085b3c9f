/*
 * tests/fuzz/fuzz_compile.c - libFuzzer target over the whole front end: scanner,
 * parser, symbol table and bytecode compiler, as a notebook cell is compiled.
 *
 * The runtime is started once; each input is compiled (never run). A compile
 * error must come back as a pending SyntaxError, never as a crash or a leak.
 */
#include <stdint.h>
#include <stdlib.h>

#include "errors.h"
#include "runtime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool started;
    if (!started) {
        static char name[] = "fuzz_compile";
        char *argv[] = {name, NULL};
        if (mp_runtime_init(1, argv) < 0)
            abort();
        started = true;
    }
    char *src = malloc(size + 1);
    if (!src)
        return 0;
    for (size_t i = 0; i < size; i++)
        src[i] = (char)data[i];
    src[size] = '\0';
    MpCode *code = comp_compile(src, size, "<fuzz>", COMP_CELL);
    if (code)
        MP_DECREF(&code->ob);
    else if (!mp_err_occurred())
        abort(); /* a failure must always leave an exception */
    mp_err_clear();
    free(src);
    return 0;
}
