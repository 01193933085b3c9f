/*
 * tests/unit/test_lang_scanner.c - token streams of the scanner, Python's rules.
 *
 * Indentation (INDENT/DEDENT, tabs, blank and comment lines), NEWLINE only at
 * logical line ends, implicit and explicit line joining, every operator, number
 * and string spans, and the lexical errors with CPython 3.11's messages.
 */
#include "scanner.h"

#include <string.h>

#include "unit.h"

/* Scans src and checks the kinds against want (ending with TOK_ENDMARKER). */
static void check_kinds(const char *src, const TokenKind *want)
{
    Scanner s;
    scanner_init(&s, src, strlen(src));
    for (int i = 0;; i++) {
        Token t = scanner_next(&s);
        CHECK(t.kind == want[i]);
        if (t.kind != want[i]) {
            fprintf(stderr, "  %s: token %d is %d, want %d\n", src, i, (int)t.kind,
                    (int)want[i]);
            return;
        }
        if (t.kind == TOK_ENDMARKER || t.kind == TOK_ERROR)
            return;
    }
}

static void test_indentation(void)
{
    const TokenKind blocks[] = {TOK_IF, TOK_NAME, TOK_COLON, TOK_NEWLINE, TOK_INDENT,
                                TOK_NAME, TOK_NEWLINE, TOK_IF, TOK_NAME, TOK_COLON,
                                TOK_NEWLINE, TOK_INDENT, TOK_PASS, TOK_NEWLINE,
                                TOK_DEDENT, TOK_DEDENT, TOK_NAME, TOK_NEWLINE,
                                TOK_ENDMARKER};
    check_kinds("if a:\n    b\n\n  # comment\n    if c:\n\tpass\nd\n", blocks);
    const TokenKind eof[] = {TOK_IF, TOK_NAME, TOK_COLON, TOK_NEWLINE, TOK_INDENT,
                             TOK_NAME, TOK_NEWLINE, TOK_DEDENT, TOK_ENDMARKER};
    check_kinds("if a:\n  b", eof);
    const TokenKind joined[] = {TOK_NAME, TOK_EQUAL, TOK_LPAR, TOK_NUMBER, TOK_COMMA,
                                TOK_NUMBER, TOK_RPAR, TOK_PLUS, TOK_NUMBER, TOK_NEWLINE,
                                TOK_ENDMARKER};
    check_kinds("x = (1,\n        2) + \\\n  3\n", joined);
    const TokenKind blank[] = {TOK_ENDMARKER};
    check_kinds("\n  \n# only comments\n\t\n", blank);

    Scanner s;
    const char *bad = "if a:\n    b\n  c\n";
    scanner_init(&s, bad, strlen(bad));
    Token t;
    do
        t = scanner_next(&s);
    while (t.kind != TOK_ERROR && t.kind != TOK_ENDMARKER);
    CHECK(t.kind == TOK_ERROR && s.err_indentation);
    CHECK(strcmp(s.err_msg, "unindent does not match any outer indentation level") == 0);
    CHECK(s.err_line == 3 && s.err_offset == 4);
}

static void test_operators(void)
{
    const TokenKind ops[] = {
        TOK_DOUBLESTAREQUAL, TOK_DOUBLESLASHEQUAL, TOK_RIGHTSHIFTEQUAL,
        TOK_LEFTSHIFTEQUAL, TOK_ELLIPSIS, TOK_EQEQUAL, TOK_NOTEQUAL, TOK_LESSEQUAL,
        TOK_GREATEREQUAL, TOK_LEFTSHIFT, TOK_RIGHTSHIFT, TOK_DOUBLESTAR, TOK_DOUBLESLASH,
        TOK_PLUSEQUAL, TOK_MINEQUAL, TOK_STAREQUAL, TOK_SLASHEQUAL, TOK_PERCENTEQUAL,
        TOK_AMPEREQUAL, TOK_VBAREQUAL, TOK_CIRCUMFLEXEQUAL, TOK_RARROW, TOK_COLONEQUAL,
        TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_PERCENT, TOK_AMPER, TOK_VBAR,
        TOK_CIRCUMFLEX, TOK_TILDE, TOK_LESS, TOK_GREATER, TOK_DOT, TOK_AT, TOK_SEMI,
        TOK_NEWLINE, TOK_ENDMARKER};
    check_kinds("**= //= >>= <<= ... == != <= >= << >> ** // += -= *= /= %= &= |= ^= "
                "-> := + - * / % & | ^ ~ < > . @ ;",
                ops);
    const TokenKind kw[] = {TOK_DEF, TOK_NAME, TOK_LAMBDA, TOK_NOT, TOK_IN, TOK_IS,
                            TOK_NONE, TOK_TRUE, TOK_FALSE, TOK_NAME, TOK_NEWLINE,
                            TOK_ENDMARKER};
    check_kinds("def match lambda not in is None True False _x1", kw);
}

/* The single token of src, which must be followed by NEWLINE. */
static Token one(const char *src)
{
    Scanner s;
    scanner_init(&s, src, strlen(src));
    Token t = scanner_next(&s);
    CHECK(t.kind == TOK_ERROR || scanner_next(&s).kind == TOK_NEWLINE);
    return t;
}

static void test_numbers_and_strings(void)
{
    const char *numbers[] = {"0", "123", "1_000", "0x1F", "0o17", "0b1_01", ".5",
                             "1.", "1e10", "1.5E-3", "1_0.0_1e+1_0", "00"};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        Token t = one(numbers[i]);
        CHECK(t.kind == TOK_NUMBER && t.len == strlen(numbers[i]));
    }
    const char *strings[] = {"'a'", "\"b\"", "'''x\ny'''", "\"\"\"q\"\"\"",
                             "r'\\q'", "f'{x}'", "Rb'x'", "fR'x'", "'\\''",
                             "'a\\\nb'", "u'x'"};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        Token t = one(strings[i]);
        CHECK(t.kind == TOK_STRING && t.len == strlen(strings[i]));
    }
    Scanner s;
    Token t;
    const char *src = "s = 'é' + y";
    scanner_init(&s, src, strlen(src));
    scanner_next(&s);
    scanner_next(&s);
    t = scanner_next(&s);
    CHECK(t.kind == TOK_STRING && t.col == 4 && t.end_col == 7);
    t = scanner_next(&s);
    CHECK(t.kind == TOK_PLUS && t.col == 8);
}

static void check_error(const char *src, const char *msg, int line, int offset)
{
    Scanner s;
    scanner_init(&s, src, strlen(src));
    Token t;
    do
        t = scanner_next(&s);
    while (t.kind != TOK_ERROR && t.kind != TOK_ENDMARKER);
    CHECK(t.kind == TOK_ERROR);
    bool ok = strcmp(s.err_msg, msg) == 0 && s.err_line == line && s.err_offset == offset;
    CHECK(ok);
    if (!ok)
        fprintf(stderr, "  %s: got %s %d:%d\n", src, s.err_msg, s.err_line, s.err_offset);
}

static void test_errors(void)
{
    check_error("x = 'abc\n", "unterminated string literal (detected at line 1)", 1, 5);
    check_error("x = '''a\nb\n", "unterminated triple-quoted string literal (detected at "
                                 "line 2)", 1, 5);
    check_error("x = (1,\n", "'(' was never closed", 1, 5);
    check_error("x = (]", "closing parenthesis ']' does not match opening parenthesis '('",
                1, 6);
    check_error("x)", "unmatched ')'", 1, 2);
    check_error("a \\ b", "unexpected character after line continuation character", 1, 4);
    check_error("a = \\\n", "unexpected EOF while parsing", 1, 6);
    check_error("x = 012", "leading zeros in decimal integer literals are not permitted; "
                           "use an 0o prefix for octal integers", 1, 5);
    check_error("x = 1_", "invalid decimal literal", 1, 6);
    check_error("x = 1abc", "invalid decimal literal", 1, 5);
    check_error("x = 0o8", "invalid digit '8' in octal literal", 1, 7);
    check_error("x = 0b2", "invalid digit '2' in binary literal", 1, 7);
    check_error("x = 0x", "invalid hexadecimal literal", 1, 6);
    check_error("x = 2j", "complex literals are not supported in Minipy", 1, 5);
    check_error("x = 1 $ 2", "invalid syntax", 1, 7);
    check_error("\xe2\x82\xac = 1", "invalid character '\xe2\x82\xac' (U+20AC)", 1, 1);
}

int main(void)
{
    test_indentation();
    test_operators();
    test_numbers_and_strings();
    test_errors();
    return UNIT_DONE();
}
