/*
 * kernel/lang/parser.h - source text to AST (ast.h), and the is_complete question.
 *
 * A recursive descent parser over the tokens of scanner.h, shaped like CPython
 * 3.11's Grammar/python.gram; it stops at the first error and reports it with
 * CPython's message, line and caret offset.
 */
#ifndef MINIPY_KERNEL_LANG_PARSER_H
#define MINIPY_KERNEL_LANG_PARSER_H

#include "ast.h"

typedef enum LangErrorKind { LANG_SYNTAX_ERROR, LANG_INDENTATION_ERROR } LangErrorKind;

/* The first error in a source, shaped like CPython's SyntaxError. The strings
 * live in the arena given to lang_parse_module. */
typedef struct LangError {
    LangErrorKind kind;
    const char *message;  /* e.g. "invalid syntax", "expected ':'" */
    int line;             /* 1-based */
    int offset;           /* 1-based column of the caret in code points */
    int end_line, end_offset; /* as CPython's SyntaxError; equal to line/offset if unknown */
    const char *text;     /* the source line, without its newline */
} LangError;

/* Parses a whole module (file or notebook cell) of len bytes of UTF-8. Returns
 * the module allocated in arena, or NULL with *err filled (also on out of
 * memory: message "out of memory"). */
Module *lang_parse_module(AstArena *arena, const char *src, size_t len, LangError *err);

typedef enum LangCompleteness { LANG_COMPLETE, LANG_INCOMPLETE, LANG_INVALID } LangCompleteness;

/* The Jupyter is_complete answer for src. For LANG_INCOMPLETE, *indent is the
 * number of spaces to start the next line with (e.g. 4 after "if x:"). */
LangCompleteness lang_is_complete(const char *src, size_t len, int *indent);

#endif
