/*
 * kernel/lang/scanner.c - the tokenizer: source bytes to Tokens, Python's rules.
 *
 * Read scanner_next() first. A logical line starts with measure_indent(), which
 * turns the indentation into pending INDENT/DEDENT tokens (tabs to the next
 * multiple of 8, as CPython); brackets suspend NEWLINE and indentation. Messages
 * and caret offsets of lexical errors are CPython 3.11's.
 */
#include "scanner.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ==== Helpers ==== */

int scanner_count_chars(const char *s, size_t n)
{
    int count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

static int col_of(const Scanner *s, const char *p)
{
    int base = s->line_start == s->src ? s->col_base : 0;
    return base + scanner_count_chars(s->line_start, (size_t)(p - s->line_start));
}

static Token error_token(Scanner *s, int line, int offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static Token error_token(Scanner *s, int line, int offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err_msg, sizeof s->err_msg, fmt, ap);
    va_end(ap);
    s->err_line = line;
    s->err_offset = offset;
    Token t = {TOK_ERROR, s->cur, 0, line, offset - 1, line, offset - 1};
    s->cur = s->end; /* sticky: every later call sees the error again */
    s->done = t;
    s->has_done = true;
    return t;
}

static Token make_token(Scanner *s, TokenKind kind, const char *start, int line, int col)
{
    Token t;
    t.kind = kind;
    t.start = start;
    t.len = (size_t)(s->cur - start);
    t.line = line;
    t.col = col;
    t.end_line = s->line;
    t.end_col = col_of(s, s->cur);
    return t;
}

static bool is_ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_ident_char(unsigned char c)
{
    return is_ident_start(c) || is_digit((char)c);
}

/* Decodes one UTF-8 sequence at p (< end) into *cp; returns its length, 0 if invalid. */
static int decode_utf8(const char *p, const char *end, uint32_t *cp)
{
    unsigned char c = (unsigned char)p[0];
    int n;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07;
    } else {
        return 0;
    }
    if (end - p < n)
        return 0;
    for (int i = 1; i < n; i++) {
        unsigned char d = (unsigned char)p[i];
        if ((d & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (d & 0x3F);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* Letters of the common scripts; CPython's full XID tables are not needed for
 * the identifiers people write, and anything else is an "invalid character". */
static bool is_letter_code_point(uint32_t cp)
{
    return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x370 && cp <= 0x3FF && cp != 0x37E && cp != 0x387) ||
           (cp >= 0x400 && cp <= 0x52F) || (cp >= 0x5D0 && cp <= 0x5EA) ||
           (cp >= 0x620 && cp <= 0x64A) || (cp >= 0x900 && cp <= 0x97F) ||
           (cp >= 0x3041 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3);
}

/* ==== Keywords ==== */

static const struct {
    const char *word;
    TokenKind kind;
} keywords[] = {
    {"False", TOK_FALSE},   {"None", TOK_NONE},         {"True", TOK_TRUE},
    {"and", TOK_AND},       {"as", TOK_AS},             {"assert", TOK_ASSERT},
    {"async", TOK_ASYNC},   {"await", TOK_AWAIT},       {"break", TOK_BREAK},
    {"class", TOK_CLASS},   {"continue", TOK_CONTINUE}, {"def", TOK_DEF},
    {"del", TOK_DEL},       {"elif", TOK_ELIF},         {"else", TOK_ELSE},
    {"except", TOK_EXCEPT}, {"finally", TOK_FINALLY},   {"for", TOK_FOR},
    {"from", TOK_FROM},     {"global", TOK_GLOBAL},     {"if", TOK_IF},
    {"import", TOK_IMPORT}, {"in", TOK_IN},             {"is", TOK_IS},
    {"lambda", TOK_LAMBDA}, {"nonlocal", TOK_NONLOCAL}, {"not", TOK_NOT},
    {"or", TOK_OR},         {"pass", TOK_PASS},         {"raise", TOK_RAISE},
    {"return", TOK_RETURN}, {"try", TOK_TRY},           {"while", TOK_WHILE},
    {"with", TOK_WITH},     {"yield", TOK_YIELD},
};

static TokenKind keyword_kind(const char *start, size_t len)
{
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (strlen(keywords[i].word) == len && memcmp(keywords[i].word, start, len) == 0)
            return keywords[i].kind;
    return TOK_NAME;
}

/* ==== Setup ==== */

void scanner_init(Scanner *s, const char *src, size_t len)
{
    memset(s, 0, sizeof *s);
    s->src = s->cur = s->line_start = src;
    s->end = src + len;
    s->line = 1;
    s->at_bol = true;
}

void scanner_init_nested(Scanner *s, const char *src, size_t len, int line, int col)
{
    scanner_init(s, src, len);
    s->nested = true;
    s->at_bol = false;
    s->line = line;
    s->col_base = col;
}

/* ==== Indentation ==== */

/* At the start of a logical line: skips blank and comment-only lines, then sets
 * s->pending from the indentation of the first line with a token. Returns false
 * with an error token in *err when a dedent matches no outer level. */
static bool measure_indent(Scanner *s, Token *err)
{
    for (;;) {
        int col = 0;
        const char *p = s->cur;
        while (p < s->end && (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\r')) {
            if (*p == ' ')
                col++;
            else if (*p == '\t')
                col = (col / 8 + 1) * 8;
            else if (*p == '\f')
                col = 0;
            p++;
        }
        if (p < s->end && *p == '#')
            while (p < s->end && *p != '\n')
                p++;
        if (p < s->end && *p == '\n') { /* blank line */
            s->cur = s->line_start = p + 1;
            s->line++;
            continue;
        }
        s->cur = p;
        s->at_bol = false;
        if (p == s->end)
            return true; /* the end of input handles remaining dedents */
        if (col > s->indent_stack[s->indents]) {
            if (s->indents == SCANNER_MAX_INDENT) {
                *err = error_token(s, s->line, col_of(s, p) + 1,
                                   "too many levels of indentation");
                s->err_indentation = true;
                return false;
            }
            s->indent_stack[++s->indents] = col;
            s->pending = 1;
        }
        while (col < s->indent_stack[s->indents]) {
            s->indents--;
            s->pending--;
        }
        if (col != s->indent_stack[s->indents]) {
            const char *eol = p;
            while (eol < s->end && *eol != '\n')
                eol++;
            int width = scanner_count_chars(s->line_start, (size_t)(eol - s->line_start));
            *err = error_token(s, s->line, width + 1,
                               "unindent does not match any outer indentation level");
            s->err_indentation = true;
            return false;
        }
        return true;
    }
}

/* ==== Numbers ==== */

static bool digits(Scanner *s, bool (*ok)(char))
{
    /* One or more digits with single underscores between them; false if an
     * underscore is not followed by a digit. */
    while (s->cur < s->end) {
        if (ok(*s->cur)) {
            s->cur++;
        } else if (*s->cur == '_' && s->cur + 1 < s->end && ok(s->cur[1])) {
            s->cur += 2;
        } else if (*s->cur == '_') {
            return false;
        } else {
            break;
        }
    }
    return true;
}

static bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_oct(char c)
{
    return c >= '0' && c <= '7';
}

static bool is_bin(char c)
{
    return c == '0' || c == '1';
}

/* After a number: a letter right behind it is an error, except the keywords
 * CPython 3.11 still accepts there (1if x else y). */
static bool number_end_ok(Scanner *s)
{
    static const char *const allowed[] = {"and", "else", "for", "if", "in", "is",
                                          "not", "or"};
    if (s->cur >= s->end || !is_ident_start((unsigned char)*s->cur))
        return true;
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
        size_t n = strlen(allowed[i]);
        if ((size_t)(s->end - s->cur) >= n && memcmp(s->cur, allowed[i], n) == 0)
            return true;
    }
    return false;
}

static Token scan_number(Scanner *s, const char *start, int col)
{
    const char *kind = "decimal";
    if (*s->cur == '0' && s->cur + 1 < s->end &&
        strchr("xXoObB", s->cur[1]) != NULL) {
        char x = (char)(s->cur[1] | 0x20);
        bool (*ok)(char) = x == 'x' ? is_hex : x == 'o' ? is_oct : is_bin;
        kind = x == 'x' ? "hexadecimal" : x == 'o' ? "octal" : "binary";
        s->cur += 2;
        if (s->cur < s->end && *s->cur == '_')
            s->cur++;
        if (s->cur >= s->end || !ok(*s->cur)) {
            if (s->cur < s->end && x != 'x' && is_digit(*s->cur))
                return error_token(s, s->line, col_of(s, s->cur) + 1,
                                   "invalid digit '%c' in %s literal", *s->cur, kind);
            return error_token(s, s->line, col_of(s, s->cur), "invalid %s literal",
                               kind);
        }
        if (!digits(s, ok))
            return error_token(s, s->line, col_of(s, s->cur) + 1, "invalid %s literal",
                               kind);
        if (s->cur < s->end && x != 'x' && is_digit(*s->cur))
            return error_token(s, s->line, col_of(s, s->cur) + 1,
                               "invalid digit '%c' in %s literal", *s->cur, kind);
        if (!number_end_ok(s))
            return error_token(s, s->line, col_of(s, s->cur) + 1, "invalid %s literal",
                               kind);
        return make_token(s, TOK_NUMBER, start, s->line, col);
    }
    bool is_float = false;
    if (*s->cur != '.') {
        if (!digits(s, is_digit))
            return error_token(s, s->line, col_of(s, s->cur) + 1,
                               "invalid decimal literal");
    }
    if (s->cur < s->end && *s->cur == '.') {
        is_float = true;
        s->cur++;
        if (s->cur < s->end && is_digit(*s->cur) && !digits(s, is_digit))
            return error_token(s, s->line, col_of(s, s->cur) + 1,
                               "invalid decimal literal");
    }
    if (s->cur < s->end && (*s->cur == 'e' || *s->cur == 'E')) {
        const char *e = s->cur++;
        if (s->cur < s->end && (*s->cur == '+' || *s->cur == '-'))
            s->cur++;
        if (s->cur >= s->end || !is_digit(*s->cur)) {
            s->cur = e;
            return error_token(s, s->line, col + 1, "invalid decimal literal");
        }
        if (!digits(s, is_digit))
            return error_token(s, s->line, col_of(s, s->cur) + 1,
                               "invalid decimal literal");
        is_float = true;
    }
    if (s->cur < s->end && (*s->cur == 'j' || *s->cur == 'J'))
        return error_token(s, s->line, col + 1,
                           "complex literals are not supported in Minipy");
    if (!number_end_ok(s))
        return error_token(s, s->line, col + 1, "invalid decimal literal");
    if (!is_float && *start == '0') {
        for (const char *p = start; p < s->cur; p++)
            if (*p != '0' && *p != '_')
                return error_token(s, s->line, col + 1,
                                   "leading zeros in decimal integer literals are not "
                                   "permitted; use an 0o prefix for octal integers");
    }
    return make_token(s, TOK_NUMBER, start, s->line, col);
}

/* ==== Strings ==== */

/* Whether the letters start[0..len) are a string prefix Python accepts. */
static bool is_string_prefix(const char *start, size_t len)
{
    int r = 0, b = 0, u = 0, f = 0;
    if (len > 2)
        return false;
    for (size_t i = 0; i < len; i++) {
        switch (start[i] | 0x20) {
        case 'r': r++; break;
        case 'b': b++; break;
        case 'u': u++; break;
        case 'f': f++; break;
        default: return false;
        }
    }
    return !(r > 1 || b > 1 || u > 1 || f > 1 || (b && f) || (u && len > 1));
}

/* s->cur is at the opening quote; start is the prefix. */
static Token scan_string(Scanner *s, const char *start, int col)
{
    int line = s->line;
    char q = *s->cur;
    bool triple = s->end - s->cur >= 3 && s->cur[1] == q && s->cur[2] == q;
    s->cur += triple ? 3 : 1;
    for (;;) {
        if (s->cur >= s->end || (!triple && *s->cur == '\n')) {
            int detected = s->line;
            if (s->cur >= s->end && s->cur > s->src && s->cur[-1] == '\n')
                detected--;
            s->err_eof = triple;
            s->line = line;
            return error_token(s, line, col + 1,
                               triple ? "unterminated triple-quoted string literal "
                                        "(detected at line %d)"
                                      : "unterminated string literal (detected at "
                                        "line %d)",
                               detected);
        }
        char c = *s->cur++;
        bool escaped = c == '\\' && s->cur < s->end;
        if (escaped)
            c = *s->cur++;
        if (c == '\n') {
            s->line++;
            s->line_start = s->cur;
        } else if (escaped) {
            continue;
        } else if (c == q && !triple) {
            break;
        } else if (c == q && s->end - s->cur >= 2 && s->cur[0] == q && s->cur[1] == q) {
            s->cur += 2;
            break;
        }
    }
    Token t = make_token(s, TOK_STRING, start, line, col);
    return t;
}

/* ==== Operators ==== */

static const struct {
    const char *text;
    TokenKind kind;
} operators[] = {
    /* longest first */
    {"**=", TOK_DOUBLESTAREQUAL}, {"//=", TOK_DOUBLESLASHEQUAL},
    {">>=", TOK_RIGHTSHIFTEQUAL}, {"<<=", TOK_LEFTSHIFTEQUAL},
    {"...", TOK_ELLIPSIS},        {"==", TOK_EQEQUAL},
    {"!=", TOK_NOTEQUAL},         {"<=", TOK_LESSEQUAL},
    {">=", TOK_GREATEREQUAL},     {"<<", TOK_LEFTSHIFT},
    {">>", TOK_RIGHTSHIFT},       {"**", TOK_DOUBLESTAR},
    {"//", TOK_DOUBLESLASH},      {"+=", TOK_PLUSEQUAL},
    {"-=", TOK_MINEQUAL},         {"*=", TOK_STAREQUAL},
    {"/=", TOK_SLASHEQUAL},       {"%=", TOK_PERCENTEQUAL},
    {"&=", TOK_AMPEREQUAL},       {"|=", TOK_VBAREQUAL},
    {"^=", TOK_CIRCUMFLEXEQUAL},  {"@=", TOK_ATEQUAL},
    {"->", TOK_RARROW},           {":=", TOK_COLONEQUAL},
    {"(", TOK_LPAR},              {")", TOK_RPAR},
    {"[", TOK_LSQB},              {"]", TOK_RSQB},
    {"{", TOK_LBRACE},            {"}", TOK_RBRACE},
    {":", TOK_COLON},             {",", TOK_COMMA},
    {";", TOK_SEMI},              {"+", TOK_PLUS},
    {"-", TOK_MINUS},             {"*", TOK_STAR},
    {"/", TOK_SLASH},             {"|", TOK_VBAR},
    {"&", TOK_AMPER},             {"<", TOK_LESS},
    {">", TOK_GREATER},           {"=", TOK_EQUAL},
    {".", TOK_DOT},               {"%", TOK_PERCENT},
    {"~", TOK_TILDE},             {"^", TOK_CIRCUMFLEX},
    {"@", TOK_AT},
};

/* Tracks brackets: errors for unmatched and mismatched closers. */
static bool track_bracket(Scanner *s, char c, int col, Token *err)
{
    if (c == '(' || c == '[' || c == '{') {
        if (s->parens == SCANNER_MAX_PARENS) {
            *err = error_token(s, s->line, col + 1, "too many nested parentheses");
            return false;
        }
        s->paren_stack[s->parens].ch = c;
        s->paren_stack[s->parens].line = s->line;
        s->paren_stack[s->parens].col = col;
        s->parens++;
    } else if (c == ')' || c == ']' || c == '}') {
        if (s->parens == 0) {
            if (s->nested)
                return true; /* the f-string parser reports it */
            *err = error_token(s, s->line, col + 1, "unmatched '%c'", c);
            return false;
        }
        s->parens--;
        char open = s->paren_stack[s->parens].ch;
        if ((open == '(' && c != ')') || (open == '[' && c != ']') ||
            (open == '{' && c != '}')) {
            int oline = s->paren_stack[s->parens].line;
            if (oline != s->line)
                *err = error_token(s, s->line, col + 1,
                                   "closing parenthesis '%c' does not match opening "
                                   "parenthesis '%c' on line %d",
                                   c, open, oline);
            else
                *err = error_token(s, s->line, col + 1,
                                   "closing parenthesis '%c' does not match opening "
                                   "parenthesis '%c'",
                                   c, open);
            return false;
        }
    }
    return true;
}

/* ==== The token loop ==== */

static Token at_end(Scanner *s)
{
    if (s->parens > 0 && !s->nested) {
        int i = s->parens - 1;
        s->err_eof = true;
        s->line = s->paren_stack[i].line;
        return error_token(s, s->paren_stack[i].line, s->paren_stack[i].col + 1,
                           "'%c' was never closed", s->paren_stack[i].ch);
    }
    Token t = {TOK_ENDMARKER, s->end, 0, s->line, col_of(s, s->end), s->line,
               col_of(s, s->end)};
    if (s->line_has_tokens && !s->nested) {
        s->line_has_tokens = false;
        t.kind = TOK_NEWLINE;
        return t;
    }
    if (s->indents > 0) {
        s->indents--;
        t.kind = TOK_DEDENT;
        return t;
    }
    s->done = t;
    s->has_done = true;
    return t;
}

Token scanner_next(Scanner *s)
{
    Token err;
    if (s->has_done)
        return s->done;
    if (s->at_bol && !s->nested && s->parens == 0 && !measure_indent(s, &err))
        return err;
    if (s->pending != 0) {
        Token t = {TOK_INDENT, s->line_start, (size_t)(s->cur - s->line_start), s->line,
                   0, s->line, col_of(s, s->cur)};
        if (s->pending > 0) {
            s->pending--;
        } else {
            t.kind = TOK_DEDENT;
            s->pending++;
        }
        return t;
    }
    for (;;) {
        while (s->cur < s->end &&
               (*s->cur == ' ' || *s->cur == '\t' || *s->cur == '\f' || *s->cur == '\r'))
            s->cur++;
        if (s->cur < s->end && *s->cur == '#')
            while (s->cur < s->end && *s->cur != '\n')
                s->cur++;
        if (s->cur >= s->end)
            return at_end(s);
        if (*s->cur == '\\') {
            int col = col_of(s, s->cur);
            const char *p = s->cur + 1;
            if (p < s->end && *p == '\r')
                p++;
            if (p >= s->end || (*p == '\n' && p + 1 >= s->end)) {
                s->err_eof = true;
                return error_token(s, s->line, col + 2, "unexpected EOF while parsing");
            }
            if (*p != '\n')
                return error_token(s, s->line, col + 2,
                                   "unexpected character after line continuation "
                                   "character");
            s->cur = s->line_start = p + 1;
            s->line++;
            continue;
        }
        if (*s->cur == '\n') {
            const char *nl = s->cur;
            int col = col_of(s, nl);
            int line = s->line;
            s->cur++;
            s->line++;
            s->line_start = s->cur;
            if (s->nested || s->parens > 0 || !s->line_has_tokens)
                continue;
            s->line_has_tokens = false;
            s->at_bol = true;
            Token t = {TOK_NEWLINE, nl, 1, line, col, line, col + 1};
            return t;
        }
        break;
    }

    const char *start = s->cur;
    int col = col_of(s, start);
    s->line_has_tokens = true;
    unsigned char c = (unsigned char)*s->cur;

    if (is_ident_start(c)) {
        while (s->cur < s->end && is_ident_char((unsigned char)*s->cur)) {
            if ((unsigned char)*s->cur >= 0x80) {
                uint32_t cp;
                int n = decode_utf8(s->cur, s->end, &cp);
                if (n == 0)
                    return error_token(s, s->line, col_of(s, s->cur) + 1,
                                       "(unicode error) 'utf-8' codec can't decode byte "
                                       "0x%02x",
                                       (unsigned char)*s->cur);
                if (!is_letter_code_point(cp)) {
                    int at = col_of(s, s->cur) + 1;
                    char buf[5] = {0};
                    memcpy(buf, s->cur, (size_t)n);
                    if (cp < 0xA0 || cp == 0xAD)
                        return error_token(s, s->line, at,
                                           "invalid non-printable character U+%04X",
                                           (unsigned)cp);
                    return error_token(s, s->line, at, "invalid character '%s' (U+%04X)",
                                       buf, (unsigned)cp);
                }
                s->cur += n;
            } else {
                s->cur++;
            }
        }
        size_t len = (size_t)(s->cur - start);
        if (s->cur < s->end && (*s->cur == '\'' || *s->cur == '"') &&
            is_string_prefix(start, len))
            return scan_string(s, start, col);
        return make_token(s, keyword_kind(start, len), start, s->line, col);
    }
    if (is_digit((char)c) ||
        (c == '.' && s->cur + 1 < s->end && is_digit(s->cur[1])))
        return scan_number(s, start, col);
    if (c == '\'' || c == '"')
        return scan_string(s, start, col);
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        size_t n = strlen(operators[i].text);
        if ((size_t)(s->end - s->cur) >= n && memcmp(s->cur, operators[i].text, n) == 0) {
            if (n == 1 && !track_bracket(s, (char)c, col, &err))
                return err;
            s->cur += n;
            return make_token(s, operators[i].kind, start, s->line, col);
        }
    }
    if (c < 0x20 || c == 0x7F)
        return error_token(s, s->line, col + 1, "invalid non-printable character U+%04X",
                           (unsigned)c);
    return error_token(s, s->line, col + 1, "invalid syntax");
}
