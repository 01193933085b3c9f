/*
 * tests/fuzz/fuzz_compile.c - libFuzzer target over the whole front end: scanner,
 * parser, symbol table and bytecode compiler, as a notebook cell is compiled.
 *
 * The runtime is started once; each input is compiled (never run). A compile
 * error must come back as a pending SyntaxError, never as a crash or a leak.
 */
#include "fuzz_runtime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_runtime_start("fuzz_compile");
    MpCode *code = fuzz_compile_cell(data, size);
    if (code)
        MP_DECREF(&code->ob);
    mp_err_clear();
    return 0;
}
