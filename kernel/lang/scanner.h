/*
 * kernel/lang/scanner.h - splits Minipy source into tokens, as Python's tokenizer.
 *
 * Produces INDENT/DEDENT from an indentation stack, NEWLINE only at the end of a
 * logical line, and nothing for comments, blank lines and line breaks inside
 * brackets. String and number tokens are spans of the source: the parser decodes
 * them. Keywords get their own kinds; soft keywords (match, case) stay NAMEs.
 */
#ifndef MINIPY_KERNEL_LANG_SCANNER_H
#define MINIPY_KERNEL_LANG_SCANNER_H

#include <stdbool.h>
#include <stddef.h>

typedef enum TokenKind {
    TOK_ENDMARKER, TOK_NAME, TOK_NUMBER, TOK_STRING, TOK_NEWLINE, TOK_INDENT,
    TOK_DEDENT,
    /* Operators and delimiters */
    TOK_LPAR, TOK_RPAR, TOK_LSQB, TOK_RSQB, TOK_LBRACE, TOK_RBRACE, TOK_COLON,
    TOK_COMMA, TOK_SEMI, TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_VBAR,
    TOK_AMPER, TOK_LESS, TOK_GREATER, TOK_EQUAL, TOK_DOT, TOK_PERCENT, TOK_EQEQUAL,
    TOK_NOTEQUAL, TOK_LESSEQUAL, TOK_GREATEREQUAL, TOK_TILDE, TOK_CIRCUMFLEX,
    TOK_LEFTSHIFT, TOK_RIGHTSHIFT, TOK_DOUBLESTAR, TOK_PLUSEQUAL, TOK_MINEQUAL,
    TOK_STAREQUAL, TOK_SLASHEQUAL, TOK_PERCENTEQUAL, TOK_AMPEREQUAL, TOK_VBAREQUAL,
    TOK_CIRCUMFLEXEQUAL, TOK_LEFTSHIFTEQUAL, TOK_RIGHTSHIFTEQUAL, TOK_DOUBLESTAREQUAL,
    TOK_DOUBLESLASH, TOK_DOUBLESLASHEQUAL, TOK_AT, TOK_ATEQUAL, TOK_RARROW,
    TOK_ELLIPSIS, TOK_COLONEQUAL,
    /* Keywords */
    TOK_FALSE, TOK_NONE, TOK_TRUE, TOK_AND, TOK_AS, TOK_ASSERT, TOK_ASYNC,
    TOK_AWAIT, TOK_BREAK, TOK_CLASS, TOK_CONTINUE, TOK_DEF, TOK_DEL, TOK_ELIF,
    TOK_ELSE, TOK_EXCEPT, TOK_FINALLY, TOK_FOR, TOK_FROM, TOK_GLOBAL, TOK_IF,
    TOK_IMPORT, TOK_IN, TOK_IS, TOK_LAMBDA, TOK_NONLOCAL, TOK_NOT, TOK_OR, TOK_PASS,
    TOK_RAISE, TOK_RETURN, TOK_TRY, TOK_WHILE, TOK_WITH, TOK_YIELD,
    /* A lexical error: the scanner's err_* fields say which */
    TOK_ERROR
} TokenKind;

typedef struct Token {
    TokenKind kind;
    const char *start;   /* into the source; len bytes */
    size_t len;
    int line, col;       /* 1-based line, 0-based col in code points */
    int end_line, end_col;
} Token;

#define SCANNER_MAX_INDENT 100
#define SCANNER_MAX_PARENS 200

typedef struct Scanner {
    const char *src, *cur, *end;
    const char *line_start;   /* first byte of the current physical line */
    int line;
    bool at_bol;              /* at the start of a logical line: measure indent */
    bool nested;              /* an f-string expression: no NEWLINE or INDENT */
    bool line_has_tokens;     /* a NEWLINE is due at the end of this line */
    int pending;              /* > 0: INDENTs to emit, < 0: DEDENTs */
    int indents;              /* indent_stack[0..indents] are in use; [0] is 0 */
    int indent_stack[SCANNER_MAX_INDENT + 1];
    int parens;
    struct { char ch; int line, col; } paren_stack[SCANNER_MAX_PARENS];
    int col_base;             /* nested: the column where src starts */
    bool has_done;            /* ENDMARKER or an error reached: repeat done */
    Token done;
    /* Set with TOK_ERROR: CPython's message, 1-based caret offset */
    bool err_indentation;     /* IndentationError rather than SyntaxError */
    bool err_eof;             /* the source ended inside a construct (is_complete) */
    int err_line, err_offset;
    char err_msg[160];
} Scanner;

/* Starts scanning src[0..len). */
void scanner_init(Scanner *s, const char *src, size_t len);
/* Starts scanning an f-string expression: src[0..len) begins at line, col of
 * the enclosing source and is scanned as if inside brackets. */
void scanner_init_nested(Scanner *s, const char *src, size_t len, int line, int col);
/* The next token; after TOK_ERROR or TOK_ENDMARKER it returns the same again. */
Token scanner_next(Scanner *s);
/* Code points in the UTF-8 bytes s[0..n). */
int scanner_count_chars(const char *s, size_t n);

#endif
