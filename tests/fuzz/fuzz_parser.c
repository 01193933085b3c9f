/*
 * tests/fuzz/fuzz_parser.c - libFuzzer target over the scanner and the parser.
 *
 * Feeds arbitrary bytes to lang_parse_module(), ast_dump() and lang_is_complete();
 * any crash, leak or sanitizer report is a bug. Build with clang:
 *   clang -g -fsanitize=fuzzer,address,undefined -Ikernel/lang kernel/lang/scanner.c \
 *     kernel/lang/ast.c kernel/lang/parser.c tests/fuzz/fuzz_parser.c -o fuzz_parser
 *   ./fuzz_parser tests/fuzz/corpus_parser -max_total_time=60
 */
#include <stdint.h>
#include <stdio.h>

#include "parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    AstArena *arena = ast_arena_new();
    if (arena == NULL)
        return 0;
    LangError err;
    Module *m = lang_parse_module(arena, (const char *)data, size, &err);
    if (m != NULL) {
        FILE *null = fopen("/dev/null", "w");
        if (null != NULL) {
            ast_dump(m, null);
            fclose(null);
        }
    }
    ast_arena_free(arena);
    int indent;
    lang_is_complete((const char *)data, size, &indent);
    return 0;
}
