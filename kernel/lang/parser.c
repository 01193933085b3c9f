/*
 * kernel/lang/parser.c - recursive descent from tokens to the AST of ast.h.
 *
 * One function per rule of CPython 3.11's Grammar/python.gram, in the same
 * precedence order: read lang_parse_module(), then statement() and expression().
 * The first error wins: fail() records it in the LangError and every rule
 * returns NULL from there on. Tokens are pulled from the scanner on demand into
 * a buffer, so a rule may look ahead as far as it needs. String literals
 * (escapes, f-strings) are decoded here; an f-string's expressions are parsed
 * by a nested parser over the same source, so their positions are exact.
 */
#include "parser.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "scanner.h"

typedef struct Parser {
    AstArena *arena;
    Scanner sc;
    Token **toks;         /* malloc'd; *toks[0..ntoks) scanned so far, each token in
                             the arena so that pointers to it stay valid */
    int ntoks, cap;
    int pos;              /* index of the current token */
    const Token *last;    /* the last consumed token */
    const Token *last_real; /* ... that is not NEWLINE, INDENT or DEDENT */
    const char *src;      /* the whole source, for the error's line text */
    size_t src_len;
    LangError *err;
    bool failed;
    bool eof_error;       /* the error is that the source ended too early */
    bool in_fstring;      /* messages get the "f-string: " prefix */
    int fstring_depth;
} Parser;

/* ==== Errors ==== */

static const char *line_text(Parser *p, int line)
{
    const char *s = p->src, *end = p->src + p->src_len;
    for (int l = 1; l < line && s < end; s++)
        if (*s == '\n')
            l++;
    const char *e = s;
    while (e < end && *e != '\n')
        e++;
    if (e > s && e[-1] == '\r')
        e--;
    return ast_strndup(p->arena, s, (size_t)(e - s));
}

static void set_error(Parser *p, LangErrorKind kind, int line, int offset, int end_line,
                      int end_offset, const char *msg)
{
    if (p->failed)
        return;
    p->failed = true;
    LangError *e = p->err;
    e->kind = kind;
    e->line = line;
    e->offset = offset;
    e->end_line = end_line;
    e->end_offset = end_offset;
    if (p->in_fstring && strncmp(msg, "f-string", 8) != 0) {
        size_t n = strlen(msg);
        char *m = ast_alloc(p->arena, n + 11);
        if (m != NULL)
            snprintf(m, n + 11, "f-string: %s", msg);
        e->message = m;
    } else {
        e->message = ast_strndup(p->arena, msg, strlen(msg));
    }
    e->text = line_text(p, line);
    if (e->message == NULL || e->text == NULL) {
        e->message = "out of memory";
        e->text = "";
    }
}

static void *fail_at(Parser *p, LangErrorKind kind, AstPos at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void *fail_at(Parser *p, LangErrorKind kind, AstPos at, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    set_error(p, kind, at.line, at.col + 1, at.end_line, at.end_col + 1, msg);
    return NULL;
}

static AstPos tok_pos(const Token *t)
{
    AstPos pos = {t->line, t->col, t->end_line, t->end_col};
    return pos;
}

static void *oom(Parser *p)
{
    if (!p->failed) {
        p->failed = true;
        p->err->kind = LANG_SYNTAX_ERROR;
        p->err->message = "out of memory";
        p->err->line = p->err->end_line = 1;
        p->err->offset = p->err->end_offset = 1;
        p->err->text = "";
    }
    return NULL;
}

/* ==== Tokens ==== */

/* What the parser sees once memory ran out: the end of the source. */
static Token oom_endmarker = {TOK_ENDMARKER, "", 0, 1, 0, 1, 0};

static Token *peek_at(Parser *p, int k)
{
    while (p->pos + k >= p->ntoks) {
        if (p->ntoks > 0 && (p->toks[p->ntoks - 1]->kind == TOK_ENDMARKER ||
                             p->toks[p->ntoks - 1]->kind == TOK_ERROR))
            return p->toks[p->ntoks - 1];
        if (p->ntoks == p->cap) {
            int ncap = p->cap ? p->cap * 2 : 256;
            Token **n = realloc(p->toks, (size_t)ncap * sizeof(Token *));
            if (n == NULL) {
                oom(p);
                return &oom_endmarker;
            }
            p->toks = n;
            p->cap = ncap;
        }
        Token *slot = ast_alloc(p->arena, sizeof(Token));
        if (slot == NULL) {
            oom(p);
            return &oom_endmarker;
        }
        Token t = *slot = scanner_next(&p->sc);
        p->toks[p->ntoks++] = slot;
        if (t.kind == TOK_ERROR) {
            p->eof_error = p->sc.err_eof;
            set_error(p, p->sc.err_indentation ? LANG_INDENTATION_ERROR : LANG_SYNTAX_ERROR,
                      p->sc.err_line, p->sc.err_offset, p->sc.err_line,
                      p->sc.err_offset, p->sc.err_msg);
        }
    }
    return p->toks[p->pos + k];
}

static Token *cur(Parser *p)
{
    return peek_at(p, 0);
}

static TokenKind peek(Parser *p)
{
    return p->failed ? TOK_ERROR : cur(p)->kind;
}

static TokenKind peek2(Parser *p)
{
    return p->failed ? TOK_ERROR : peek_at(p, 1)->kind;
}

static Token *advance(Parser *p)
{
    Token *t = cur(p);
    if (t->kind != TOK_ENDMARKER && t->kind != TOK_ERROR)
        p->pos++;
    p->last = t;
    if (t->kind != TOK_NEWLINE && t->kind != TOK_INDENT && t->kind != TOK_DEDENT)
        p->last_real = t;
    return t;
}

static bool accept(Parser *p, TokenKind kind)
{
    if (peek(p) != kind)
        return false;
    advance(p);
    return true;
}

static void *invalid_syntax(Parser *p)
{
    Token *t = cur(p);
    if (t->kind == TOK_ENDMARKER || (t->kind == TOK_NEWLINE && t->len == 0))
        p->eof_error = true;
    return fail_at(p, LANG_SYNTAX_ERROR, tok_pos(t), "invalid syntax");
}

static bool expect(Parser *p, TokenKind kind)
{
    if (accept(p, kind))
        return true;
    invalid_syntax(p);
    return false;
}

/* "expected ':'" at the current token, as CPython's forced tokens. */
static bool expect_colon(Parser *p)
{
    if (accept(p, TOK_COLON))
        return true;
    if (!p->failed)
        fail_at(p, LANG_SYNTAX_ERROR, tok_pos(cur(p)), "expected ':'");
    return false;
}

static void *unsupported(Parser *p, AstPos at, const char *what)
{
    return fail_at(p, LANG_SYNTAX_ERROR, at, "%s is not supported in Minipy", what);
}

/* ==== Nodes and lists ==== */

/* Lists grow by doubling in the arena: capacity is implied by the count. */
static void *grow(Parser *p, void *items, int count, size_t elem)
{
    int ncap = count == 0 ? 4 : count * 2;
    void *n = ast_alloc(p->arena, (size_t)ncap * elem);
    if (n == NULL)
        return oom(p);
    if (count > 0)
        memcpy(n, items, (size_t)count * elem);
    return n;
}

#define NEEDS_GROW(c) ((c) == 0 || ((c) >= 4 && ((c) & ((c)-1)) == 0))
#define PUSH(p, list, x)                                                               \
    ((NEEDS_GROW((list).count)                                                         \
          ? ((list).items = grow(p, (list).items, (list).count, sizeof *(list).items)) \
                != NULL                                                                \
          : true) &&                                                                   \
     ((list).items[(list).count++] = (x), true))

static AstPos start_at(const Token *t)
{
    return tok_pos(t);
}

/* pos from start to the end of the last consumed token. */
static AstPos span(Parser *p, AstPos start)
{
    start.end_line = p->last_real->end_line;
    start.end_col = p->last_real->end_col;
    return start;
}

static AstPos span2(AstPos a, AstPos b)
{
    a.end_line = b.end_line;
    a.end_col = b.end_col;
    return a;
}

static Expr *new_expr(Parser *p, ExprKind kind, AstPos pos)
{
    Expr *e = ast_alloc(p->arena, sizeof(Expr));
    if (e == NULL)
        return oom(p);
    e->kind = kind;
    e->pos = pos;
    return e;
}

static Stmt *new_stmt(Parser *p, StmtKind kind, AstPos pos)
{
    Stmt *s = ast_alloc(p->arena, sizeof(Stmt));
    if (s == NULL)
        return oom(p);
    s->kind = kind;
    s->pos = pos;
    return s;
}

static const char *ident(Parser *p, const Token *t)
{
    char *s = ast_strndup(p->arena, t->start, t->len);
    return s != NULL ? s : oom(p);
}

static const char *expect_name(Parser *p)
{
    if (peek(p) != TOK_NAME)
        return invalid_syntax(p);
    return ident(p, advance(p));
}

/* ==== Targets ==== */

/* What CPython calls an expression in "cannot assign to %s". */
static const char *expr_name(const Expr *e)
{
    switch (e->kind) {
    case EXPR_ATTRIBUTE: return "attribute";
    case EXPR_SUBSCRIPT: return "subscript";
    case EXPR_STARRED: return "starred";
    case EXPR_NAME: return "name";
    case EXPR_LIST: return "list";
    case EXPR_TUPLE: return "tuple";
    case EXPR_LAMBDA: return "lambda";
    case EXPR_CALL: return "function call";
    case EXPR_BOOLOP:
    case EXPR_BINOP:
    case EXPR_UNARYOP: return "expression";
    case EXPR_GENERATOREXP: return "generator expression";
    case EXPR_LISTCOMP: return "list comprehension";
    case EXPR_SETCOMP: return "set comprehension";
    case EXPR_DICTCOMP: return "dict comprehension";
    case EXPR_DICT: return "dict literal";
    case EXPR_SET: return "set display";
    case EXPR_JOINEDSTR:
    case EXPR_FORMATTEDVALUE: return "f-string expression";
    case EXPR_COMPARE: return "comparison";
    case EXPR_IFEXP: return "conditional expression";
    case EXPR_SLICE: return "slice";
    case EXPR_CONSTANT:
        switch (e->constant.kind) {
        case CONST_NONE: return "None";
        case CONST_TRUE: return "True";
        case CONST_FALSE: return "False";
        case CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    }
    return "expression";
}

/* Makes e a Store or Del target, or fails with CPython's message. */
static bool set_context(Parser *p, Expr *e, AstContext ctx)
{
    const char *verb = ctx == AST_DEL ? "delete" : "assign to";
    switch (e->kind) {
    case EXPR_NAME:
        if (strcmp(e->name.id, "__debug__") == 0) {
            fail_at(p, LANG_SYNTAX_ERROR, e->pos, "cannot %s __debug__", verb);
            return false;
        }
        e->name.ctx = ctx;
        return true;
    case EXPR_ATTRIBUTE:
        e->attribute.ctx = ctx;
        return true;
    case EXPR_SUBSCRIPT:
        e->subscript.ctx = ctx;
        return true;
    case EXPR_LIST:
    case EXPR_TUPLE: {
        int starred = 0;
        for (int i = 0; i < e->list.elts.count; i++) {
            Expr *x = e->list.elts.items[i];
            if (x->kind == EXPR_STARRED && ctx == AST_STORE) {
                if (++starred > 1) {
                    fail_at(p, LANG_SYNTAX_ERROR, e->pos,
                            "multiple starred expressions in assignment");
                    return false;
                }
                x->starred.ctx = ctx;
                if (!set_context(p, x->starred.value, ctx))
                    return false;
            } else if (!set_context(p, x, ctx)) {
                return false;
            }
        }
        e->list.ctx = ctx;
        return true;
    }
    case EXPR_STARRED:
        if (ctx == AST_STORE)
            fail_at(p, LANG_SYNTAX_ERROR, e->pos,
                    "starred assignment target must be in a list or tuple");
        else
            fail_at(p, LANG_SYNTAX_ERROR, e->pos, "cannot delete starred");
        return false;
    default:
        fail_at(p, LANG_SYNTAX_ERROR, e->pos, "cannot %s %s", verb, expr_name(e));
        return false;
    }
}

/* ==== Expressions ==== */

static Expr *expression(Parser *p);
static Expr *star_expressions(Parser *p);
static Expr *star_named_expression(Parser *p);
static Expr *disjunction(Parser *p);
static Expr *bitwise_or(Parser *p);
static Expr *strings(Parser *p);
static Arguments *parameters(Parser *p, TokenKind closing, bool annotations);

static Expr *const_expr(Parser *p, ConstKind kind, AstPos pos)
{
    Expr *e = new_expr(p, EXPR_CONSTANT, pos);
    if (e != NULL)
        e->constant.kind = kind;
    return e;
}

static Expr *number(Parser *p, const Token *t)
{
    char buf[128];
    size_t n = 0;
    bool is_float = false, hex = t->len > 1 && (t->start[1] == 'x' || t->start[1] == 'X');
    for (size_t i = 0; i < t->len; i++) {
        char c = t->start[i];
        if (c == '_')
            continue;
        if (c == '.' || (!hex && (c == 'e' || c == 'E')))
            is_float = true;
        if (n + 1 >= sizeof buf) {
            if (is_float)
                continue; /* digits beyond double precision */
            return fail_at(p, LANG_SYNTAX_ERROR, tok_pos(t), "integer literal too large");
        }
        buf[n++] = c;
    }
    buf[n] = '\0';
    Expr *e = new_expr(p, EXPR_CONSTANT, tok_pos(t));
    if (e == NULL)
        return NULL;
    errno = 0;
    if (is_float) {
        e->constant.kind = CONST_FLOAT;
        e->constant.f = strtod(buf, NULL);
        return e;
    }
    int base = 10;
    const char *digits = buf;
    if (n > 1 && buf[0] == '0' && buf[1] != '0') {
        char x = (char)(buf[1] | 0x20);
        base = x == 'x' ? 16 : x == 'o' ? 8 : x == 'b' ? 2 : 10;
        if (base != 10)
            digits = buf + 2;
    }
    unsigned long long v = strtoull(digits, NULL, base);
    if (errno == ERANGE || v > (unsigned long long)INT64_MAX)
        return fail_at(p, LANG_SYNTAX_ERROR, tok_pos(t), "integer literal too large");
    e->constant.kind = CONST_INT;
    e->constant.i = (int64_t)v;
    return e;
}

/* for_if_clauses: ('for' targets 'in' disjunction ('if' disjunction)*)+ */
static Expr *targets(Parser *p, bool single);

static bool comprehension_clauses(Parser *p, ComprehensionList *out)
{
    while (peek(p) == TOK_FOR || peek(p) == TOK_ASYNC) {
        if (peek(p) == TOK_ASYNC) {
            unsupported(p, tok_pos(cur(p)), "'async'");
            return false;
        }
        advance(p);
        Comprehension *c = ast_alloc(p->arena, sizeof(Comprehension));
        if (c == NULL) {
            oom(p);
            return false;
        }
        c->target = targets(p, false);
        if (c->target == NULL || !set_context(p, c->target, AST_STORE) ||
            !expect(p, TOK_IN))
            return false;
        c->iter = disjunction(p);
        if (c->iter == NULL)
            return false;
        while (accept(p, TOK_IF)) {
            Expr *cond = disjunction(p);
            if (cond == NULL || !PUSH(p, c->ifs, cond))
                return false;
        }
        if (!PUSH(p, *out, c))
            return false;
    }
    return true;
}

static Expr *comprehension(Parser *p, ExprKind kind, Expr *elt, AstPos start,
                           TokenKind closing)
{
    Expr *e = new_expr(p, kind, start);
    if (e == NULL)
        return NULL;
    e->comp.elt = elt;
    if (!comprehension_clauses(p, &e->comp.generators) || !expect(p, closing))
        return NULL;
    e->pos = span(p, start);
    return e;
}

/* The rest of a tuple, list or set display whose first element is parsed: a
   comprehension of comp_kind, or (',' star_named_expression)* [','] closing. */
static Expr *display(Parser *p, ExprKind kind, ExprKind comp_kind, Expr *first,
                     AstPos start, TokenKind closing)
{
    if (peek(p) == TOK_FOR || peek(p) == TOK_ASYNC)
        return comprehension(p, comp_kind, first, start, closing);
    Expr *e = new_expr(p, kind, start);
    if (e == NULL)
        return NULL;
    ExprList *elts = kind == EXPR_SET ? &e->set.elts : &e->list.elts;
    if (!PUSH(p, *elts, first))
        return NULL;
    while (accept(p, TOK_COMMA) && peek(p) != closing) {
        Expr *x = star_named_expression(p);
        if (x == NULL || !PUSH(p, *elts, x))
            return NULL;
    }
    if (!expect(p, closing))
        return NULL;
    e->pos = span(p, start);
    return e;
}

/* '(' ... ')': group, tuple or generator expression. */
static Expr *paren_atom(Parser *p)
{
    AstPos start = start_at(advance(p));
    if (accept(p, TOK_RPAR))
        return new_expr(p, EXPR_TUPLE, span(p, start));
    if (peek(p) == TOK_YIELD)
        return unsupported(p, tok_pos(cur(p)), "'yield'");
    Expr *first = star_named_expression(p);
    if (first == NULL)
        return NULL;
    if (accept(p, TOK_RPAR)) {
        if (first->kind == EXPR_STARRED)
            return fail_at(p, LANG_SYNTAX_ERROR, first->pos,
                           "cannot use starred expression here");
        return first;
    }
    return display(p, EXPR_TUPLE, EXPR_GENERATOREXP, first, start, TOK_RPAR);
}

static Expr *list_atom(Parser *p)
{
    AstPos start = start_at(advance(p));
    if (accept(p, TOK_RSQB))
        return new_expr(p, EXPR_LIST, span(p, start));
    Expr *first = star_named_expression(p);
    if (first == NULL)
        return NULL;
    return display(p, EXPR_LIST, EXPR_LISTCOMP, first, start, TOK_RSQB);
}

/* A dict item: key ':' value or '**' bitwise_or (key NULL). */
static bool dict_item(Parser *p, Expr *d)
{
    Expr *key = NULL, *value;
    if (accept(p, TOK_DOUBLESTAR)) {
        value = bitwise_or(p);
    } else {
        key = expression(p);
        if (key == NULL)
            return false;
        if (!accept(p, TOK_COLON)) {
            if (!p->failed)
                fail_at(p, LANG_SYNTAX_ERROR, key->pos,
                        "':' expected after dictionary key");
            return false;
        }
        value = expression(p);
    }
    return value != NULL && PUSH(p, d->dict.keys, key) && PUSH(p, d->dict.values, value);
}

static Expr *brace_atom(Parser *p)
{
    AstPos start = start_at(advance(p));
    if (accept(p, TOK_RBRACE))
        return new_expr(p, EXPR_DICT, span(p, start));
    if (peek(p) == TOK_DOUBLESTAR || (peek(p) != TOK_STAR && peek2(p) != TOK_COMMA)) {
        /* a dict, unless the first expression has no ':' after it */
        Expr *key = NULL, *value = NULL;
        if (peek(p) != TOK_DOUBLESTAR) {
            key = expression(p);
            if (key == NULL)
                return NULL;
            if (peek(p) != TOK_COLON) /* a set: key is its first element */
                return display(p, EXPR_SET, EXPR_SETCOMP, key, start, TOK_RBRACE);
            advance(p);
            value = expression(p);
            if (value == NULL)
                return NULL;
            if (peek(p) == TOK_FOR || peek(p) == TOK_ASYNC) {
                Expr *dc = new_expr(p, EXPR_DICTCOMP, start);
                if (dc == NULL)
                    return NULL;
                dc->dictcomp.key = key;
                dc->dictcomp.value = value;
                if (!comprehension_clauses(p, &dc->dictcomp.generators) ||
                    !expect(p, TOK_RBRACE))
                    return NULL;
                dc->pos = span(p, start);
                return dc;
            }
        }
        Expr *d = new_expr(p, EXPR_DICT, start);
        if (d == NULL)
            return NULL;
        if (key ? !PUSH(p, d->dict.keys, key) || !PUSH(p, d->dict.values, value)
                : !dict_item(p, d))
            return NULL;
        while (accept(p, TOK_COMMA) && peek(p) != TOK_RBRACE)
            if (!dict_item(p, d))
                return NULL;
        if (!expect(p, TOK_RBRACE))
            return NULL;
        d->pos = span(p, start);
        return d;
    }
    Expr *first = star_named_expression(p);
    if (first == NULL)
        return NULL;
    return display(p, EXPR_SET, EXPR_SETCOMP, first, start, TOK_RBRACE);
}

static Expr *atom(Parser *p)
{
    Token *t = cur(p);
    switch (peek(p)) {
    case TOK_NAME: {
        advance(p);
        Expr *e = new_expr(p, EXPR_NAME, tok_pos(t));
        if (e != NULL && (e->name.id = ident(p, t)) == NULL)
            return NULL;
        return e;
    }
    case TOK_TRUE: advance(p); return const_expr(p, CONST_TRUE, tok_pos(t));
    case TOK_FALSE: advance(p); return const_expr(p, CONST_FALSE, tok_pos(t));
    case TOK_NONE: advance(p); return const_expr(p, CONST_NONE, tok_pos(t));
    case TOK_ELLIPSIS: advance(p); return const_expr(p, CONST_ELLIPSIS, tok_pos(t));
    case TOK_NUMBER: advance(p); return number(p, t);
    case TOK_STRING: return strings(p);
    case TOK_LPAR: return paren_atom(p);
    case TOK_LSQB: return list_atom(p);
    case TOK_LBRACE: return brace_atom(p);
    case TOK_YIELD: return unsupported(p, tok_pos(t), "'yield'");
    case TOK_AWAIT: return unsupported(p, tok_pos(t), "'await'");
    case TOK_ASYNC: return unsupported(p, tok_pos(t), "'async'");
    default: return invalid_syntax(p);
    }
}

/* slice: [expression] ':' [expression] [':' [expression]] | named expression */
static Expr *slice_item(Parser *p)
{
    Token *t = cur(p);
    Expr *lower = NULL;
    if (peek(p) == TOK_STAR)
        return star_named_expression(p);
    if (peek(p) != TOK_COLON) {
        lower = expression(p);
        if (lower == NULL || peek(p) != TOK_COLON)
            return lower;
    }
    advance(p);
    Expr *s = new_expr(p, EXPR_SLICE, tok_pos(t));
    if (s == NULL)
        return NULL;
    s->slice.lower = lower;
    if (peek(p) != TOK_COLON && peek(p) != TOK_RSQB && peek(p) != TOK_COMMA &&
        (s->slice.upper = expression(p)) == NULL)
        return NULL;
    if (accept(p, TOK_COLON) && peek(p) != TOK_RSQB && peek(p) != TOK_COMMA &&
        (s->slice.step = expression(p)) == NULL)
        return NULL;
    s->pos = span(p, tok_pos(t));
    return s;
}

static Expr *slices(Parser *p)
{
    Token *t = cur(p);
    Expr *first = slice_item(p);
    if (first == NULL || peek(p) != TOK_COMMA)
        return first;
    Expr *tuple = new_expr(p, EXPR_TUPLE, tok_pos(t));
    if (tuple == NULL || !PUSH(p, tuple->list.elts, first))
        return NULL;
    while (accept(p, TOK_COMMA) && peek(p) != TOK_RSQB) {
        Expr *x = slice_item(p);
        if (x == NULL || !PUSH(p, tuple->list.elts, x))
            return NULL;
    }
    tuple->pos = span(p, tok_pos(t));
    return tuple;
}

/* '(' arguments ')' of a call or class; fills args and keywords. */
static bool call_arguments(Parser *p, ExprList *args, KeywordList *keywords)
{
    bool seen_keyword = false, seen_kwsplat = false;
    while (peek(p) != TOK_RPAR) {
        Token *t = cur(p);
        if (accept(p, TOK_STAR)) {
            Expr *v = expression(p);
            if (v == NULL)
                return false;
            if (seen_kwsplat) {
                fail_at(p, LANG_SYNTAX_ERROR, span(p, tok_pos(t)),
                        "iterable argument unpacking follows keyword argument "
                        "unpacking");
                return false;
            }
            Expr *s = new_expr(p, EXPR_STARRED, span(p, tok_pos(t)));
            if (s == NULL || !PUSH(p, *args, s))
                return false;
            s->starred.value = v;
        } else if (accept(p, TOK_DOUBLESTAR) ||
                   (peek(p) == TOK_NAME && peek2(p) == TOK_EQUAL)) {
            Keyword *k = ast_alloc(p->arena, sizeof(Keyword));
            if (k == NULL) {
                oom(p);
                return false;
            }
            if (p->last != t) { /* NAME '=' */
                k->arg = ident(p, advance(p));
                advance(p);
                seen_keyword = true;
            } else {
                seen_kwsplat = true;
            }
            if ((k->value = expression(p)) == NULL)
                return false;
            k->pos = span(p, tok_pos(t));
            if (!PUSH(p, *keywords, k))
                return false;
        } else {
            Expr *e = expression(p);
            if (e == NULL)
                return false;
            if (peek(p) == TOK_FOR || peek(p) == TOK_ASYNC) {
                Expr *g = new_expr(p, EXPR_GENERATOREXP, e->pos);
                if (g == NULL || !comprehension_clauses(p, &g->comp.generators))
                    return false;
                g->comp.elt = e;
                g->pos = span(p, e->pos);
                if (args->count > 0 || keywords->count > 0) {
                    fail_at(p, LANG_SYNTAX_ERROR, g->pos,
                            "Generator expression must be parenthesized");
                    return false;
                }
                if (!PUSH(p, *args, g))
                    return false;
                if (peek(p) != TOK_RPAR) {
                    fail_at(p, LANG_SYNTAX_ERROR, g->pos,
                            "Generator expression must be parenthesized");
                    return false;
                }
                return true;
            }
            if (seen_keyword || seen_kwsplat) {
                fail_at(p, LANG_SYNTAX_ERROR, tok_pos(cur(p)),
                        seen_kwsplat ? "positional argument follows keyword argument "
                                       "unpacking"
                                     : "positional argument follows keyword argument");
                return false;
            }
            if (!PUSH(p, *args, e))
                return false;
        }
        if (!accept(p, TOK_COMMA))
            break;
    }
    if (peek(p) != TOK_RPAR) {
        if (peek(p) == TOK_FOR && args->count > 0) {
            fail_at(p, LANG_SYNTAX_ERROR, args->items[args->count - 1]->pos,
                    "Generator expression must be parenthesized");
            return false;
        }
        invalid_syntax(p);
        return false;
    }
    return true;
}

/* primary: atom ('.' NAME | '(' args ')' | '[' slices ']')* */
static Expr *primary(Parser *p)
{
    AstPos start = start_at(cur(p));
    Expr *e = atom(p);
    while (e != NULL) {
        if (accept(p, TOK_DOT)) {
            Expr *a = new_expr(p, EXPR_ATTRIBUTE, start);
            if (a == NULL || (a->attribute.attr = expect_name(p)) == NULL)
                return NULL;
            a->attribute.value = e;
            a->pos = span(p, start);
            e = a;
        } else if (accept(p, TOK_LPAR)) {
            Expr *c = new_expr(p, EXPR_CALL, start);
            if (c == NULL || !call_arguments(p, &c->call.args, &c->call.keywords) ||
                !expect(p, TOK_RPAR))
                return NULL;
            c->call.func = e;
            c->pos = span(p, start);
            e = c;
        } else if (accept(p, TOK_LSQB)) {
            Expr *s = new_expr(p, EXPR_SUBSCRIPT, start);
            if (s == NULL || (s->subscript.slice = slices(p)) == NULL ||
                !expect(p, TOK_RSQB))
                return NULL;
            s->subscript.value = e;
            s->pos = span(p, start);
            e = s;
        } else {
            break;
        }
    }
    return e;
}

static Expr *factor(Parser *p);

/* power: primary ['**' factor]; 'await' is outside the subset */
static Expr *power(Parser *p)
{
    if (peek(p) == TOK_AWAIT)
        return unsupported(p, tok_pos(cur(p)), "'await'");
    AstPos start = start_at(cur(p));
    Expr *left = primary(p);
    if (left == NULL || !accept(p, TOK_DOUBLESTAR))
        return left;
    Expr *right = factor(p);
    if (right == NULL)
        return NULL;
    Expr *e = new_expr(p, EXPR_BINOP, span(p, start));
    if (e != NULL) {
        e->binop.left = left;
        e->binop.op = AST_POW;
        e->binop.right = right;
    }
    return e;
}

static Expr *factor(Parser *p)
{
    AstUnaryOp op;
    switch (peek(p)) {
    case TOK_PLUS: op = AST_UADD; break;
    case TOK_MINUS: op = AST_USUB; break;
    case TOK_TILDE: op = AST_INVERT; break;
    default: return power(p);
    }
    AstPos start = start_at(advance(p));
    Expr *operand = factor(p);
    if (operand == NULL)
        return NULL;
    Expr *e = new_expr(p, EXPR_UNARYOP, span(p, start));
    if (e != NULL) {
        e->unaryop.op = op;
        e->unaryop.operand = operand;
    }
    return e;
}

/* One left-associative level of binary operators. */
typedef struct BinLevel {
    Expr *(*next)(Parser *p);
    TokenKind toks[4];
    AstOperator ops[4];
    int n;
} BinLevel;

static Expr *binary(Parser *p, const BinLevel *lv)
{
    AstPos start = start_at(cur(p));
    Expr *left = lv->next(p);
    while (left != NULL) {
        int i = 0;
        while (i < lv->n && peek(p) != lv->toks[i])
            i++;
        if (i == lv->n) {
            if (peek(p) == TOK_AT && lv->toks[0] == TOK_STAR)
                return unsupported(p, tok_pos(cur(p)), "the '@' operator");
            return left;
        }
        advance(p);
        Expr *right = lv->next(p);
        if (right == NULL)
            return NULL;
        Expr *e = new_expr(p, EXPR_BINOP, span(p, start));
        if (e == NULL)
            return NULL;
        e->binop.left = left;
        e->binop.op = lv->ops[i];
        e->binop.right = right;
        left = e;
    }
    return left;
}

static Expr *term(Parser *p)
{
    static const BinLevel lv = {factor,
                                {TOK_STAR, TOK_SLASH, TOK_DOUBLESLASH, TOK_PERCENT},
                                {AST_MULT, AST_DIV, AST_FLOORDIV, AST_MOD},
                                4};
    return binary(p, &lv);
}

static Expr *sum(Parser *p)
{
    static const BinLevel lv = {term, {TOK_PLUS, TOK_MINUS}, {AST_ADD, AST_SUB}, 2};
    return binary(p, &lv);
}

static Expr *shift_expr(Parser *p)
{
    static const BinLevel lv = {
        sum, {TOK_LEFTSHIFT, TOK_RIGHTSHIFT}, {AST_LSHIFT, AST_RSHIFT}, 2};
    return binary(p, &lv);
}

static Expr *bitwise_and(Parser *p)
{
    static const BinLevel lv = {shift_expr, {TOK_AMPER}, {AST_BITAND}, 1};
    return binary(p, &lv);
}

static Expr *bitwise_xor(Parser *p)
{
    static const BinLevel lv = {bitwise_and, {TOK_CIRCUMFLEX}, {AST_BITXOR}, 1};
    return binary(p, &lv);
}

static Expr *bitwise_or(Parser *p)
{
    static const BinLevel lv = {bitwise_xor, {TOK_VBAR}, {AST_BITOR}, 1};
    return binary(p, &lv);
}

/* The comparison operator at the current token (consumed), or -1. */
static int compare_op(Parser *p)
{
    switch (peek(p)) {
    case TOK_EQEQUAL: advance(p); return AST_EQ;
    case TOK_NOTEQUAL: advance(p); return AST_NOTEQ;
    case TOK_LESS: advance(p); return AST_LT;
    case TOK_LESSEQUAL: advance(p); return AST_LTE;
    case TOK_GREATER: advance(p); return AST_GT;
    case TOK_GREATEREQUAL: advance(p); return AST_GTE;
    case TOK_IN: advance(p); return AST_IN;
    case TOK_NOT:
        if (peek2(p) != TOK_IN)
            return -1;
        advance(p);
        advance(p);
        return AST_NOTIN;
    case TOK_IS:
        advance(p);
        return accept(p, TOK_NOT) ? AST_ISNOT : AST_IS;
    default: return -1;
    }
}

static Expr *comparison(Parser *p)
{
    AstPos start = start_at(cur(p));
    Expr *left = bitwise_or(p);
    if (left == NULL)
        return NULL;
    struct { int count; AstCmpOp *items; } ops = {0, NULL};
    ExprList comparators = {0, NULL};
    int op;
    while ((op = compare_op(p)) >= 0) {
        Expr *right = bitwise_or(p);
        if (right == NULL || !PUSH(p, ops, (AstCmpOp)op) || !PUSH(p, comparators, right))
            return NULL;
    }
    if (comparators.count == 0)
        return left;
    Expr *e = new_expr(p, EXPR_COMPARE, span(p, start));
    if (e != NULL) {
        e->compare.left = left;
        e->compare.count = ops.count;
        e->compare.ops = ops.items;
        e->compare.comparators = comparators.items;
    }
    return e;
}

static Expr *inversion(Parser *p)
{
    if (peek(p) != TOK_NOT)
        return comparison(p);
    AstPos start = start_at(advance(p));
    Expr *operand = inversion(p);
    if (operand == NULL)
        return NULL;
    Expr *e = new_expr(p, EXPR_UNARYOP, span(p, start));
    if (e != NULL) {
        e->unaryop.op = AST_NOT;
        e->unaryop.operand = operand;
    }
    return e;
}

static Expr *boolop(Parser *p, TokenKind tok, AstBoolOp op, Expr *(*next)(Parser *))
{
    AstPos start = start_at(cur(p));
    Expr *first = next(p);
    if (first == NULL || peek(p) != tok)
        return first;
    Expr *e = new_expr(p, EXPR_BOOLOP, first->pos);
    if (e == NULL || !PUSH(p, e->boolop.values, first))
        return NULL;
    e->boolop.op = op;
    while (accept(p, tok)) {
        Expr *x = next(p);
        if (x == NULL || !PUSH(p, e->boolop.values, x))
            return NULL;
    }
    e->pos = span(p, start);
    return e;
}

static Expr *conjunction(Parser *p)
{
    return boolop(p, TOK_AND, AST_AND, inversion);
}

static Expr *disjunction(Parser *p)
{
    return boolop(p, TOK_OR, AST_OR, conjunction);
}

static Expr *lambdef(Parser *p)
{
    AstPos start = start_at(advance(p));
    Expr *e = new_expr(p, EXPR_LAMBDA, start);
    if (e == NULL || (e->lambda.args = parameters(p, TOK_COLON, false)) == NULL ||
        !expect(p, TOK_COLON) || (e->lambda.body = expression(p)) == NULL)
        return NULL;
    e->pos = span(p, start);
    return e;
}

/* expression: disjunction ['if' disjunction 'else' expression] | lambdef */
static Expr *expression(Parser *p)
{
    if (peek(p) == TOK_LAMBDA)
        return lambdef(p);
    AstPos start = start_at(cur(p));
    Expr *body = disjunction(p);
    if (body == NULL)
        return NULL;
    if (peek(p) == TOK_COLONEQUAL)
        return unsupported(p, tok_pos(cur(p)), "the walrus operator ':='");
    if (!accept(p, TOK_IF))
        return body;
    Expr *test = disjunction(p);
    if (test == NULL)
        return NULL;
    if (!accept(p, TOK_ELSE))
        return fail_at(p, LANG_SYNTAX_ERROR, span2(body->pos, test->pos),
                       "expected 'else' after 'if' expression");
    Expr *orelse = expression(p);
    if (orelse == NULL)
        return NULL;
    Expr *e = new_expr(p, EXPR_IFEXP, span(p, start));
    if (e != NULL) {
        e->ifexp.test = test;
        e->ifexp.body = body;
        e->ifexp.orelse = orelse;
    }
    return e;
}

/* star_named_expression: '*' bitwise_or | expression */
static Expr *star_named_expression(Parser *p)
{
    if (peek(p) != TOK_STAR)
        return expression(p);
    AstPos start = start_at(advance(p));
    Expr *v = bitwise_or(p);
    if (v == NULL)
        return NULL;
    Expr *e = new_expr(p, EXPR_STARRED, span(p, start));
    if (e != NULL)
        e->starred.value = v;
    return e;
}

static bool ends_expressions(TokenKind k)
{
    switch (k) {
    case TOK_NEWLINE: case TOK_SEMI: case TOK_EQUAL: case TOK_COLON: case TOK_RPAR:
    case TOK_RSQB: case TOK_RBRACE: case TOK_ENDMARKER: case TOK_ERROR:
    case TOK_PLUSEQUAL: case TOK_MINEQUAL: case TOK_STAREQUAL: case TOK_SLASHEQUAL:
    case TOK_PERCENTEQUAL: case TOK_AMPEREQUAL: case TOK_VBAREQUAL:
    case TOK_CIRCUMFLEXEQUAL: case TOK_LEFTSHIFTEQUAL: case TOK_RIGHTSHIFTEQUAL:
    case TOK_DOUBLESTAREQUAL: case TOK_DOUBLESLASHEQUAL: case TOK_ATEQUAL:
    case TOK_IN:
        return true;
    default:
        return false;
    }
}

/* star_expressions: a single expression, or a Tuple when there is a comma. */
static Expr *star_expressions(Parser *p)
{
    AstPos start = start_at(cur(p));
    Expr *first = star_named_expression(p);
    if (first == NULL || peek(p) != TOK_COMMA)
        return first;
    Expr *t = new_expr(p, EXPR_TUPLE, start);
    if (t == NULL || !PUSH(p, t->list.elts, first))
        return NULL;
    while (accept(p, TOK_COMMA) && !ends_expressions(peek(p))) {
        Expr *x = star_named_expression(p);
        if (x == NULL || !PUSH(p, t->list.elts, x))
            return NULL;
    }
    t->pos = span(p, start);
    return t;
}

/* Targets of for, comprehensions and del: ['*'] bitwise_or items, a Tuple when
 * there is a comma (single: one item only, as a with target). */
static Expr *targets(Parser *p, bool single)
{
    Token *t = cur(p);
    Expr *first = peek(p) == TOK_STAR ? star_named_expression(p) : bitwise_or(p);
    if (first == NULL || single || peek(p) != TOK_COMMA)
        return first;
    Expr *tuple = new_expr(p, EXPR_TUPLE, tok_pos(t));
    if (tuple == NULL || !PUSH(p, tuple->list.elts, first))
        return NULL;
    while (accept(p, TOK_COMMA) && !ends_expressions(peek(p))) {
        Expr *x = peek(p) == TOK_STAR ? star_named_expression(p) : bitwise_or(p);
        if (x == NULL || !PUSH(p, tuple->list.elts, x))
            return NULL;
    }
    tuple->pos = span(p, tok_pos(t));
    return tuple;
}

/* ==== String literals ==== */

/* A growable byte buffer in the arena. */
typedef struct Buf { char *data; size_t len, cap; } Buf;

static bool buf_add(Parser *p, Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t ncap = (b->len + n + 1) * 2;
        char *d = ast_alloc(p->arena, ncap);
        if (d == NULL) {
            oom(p);
            return false;
        }
        if (b->len)
            memcpy(d, b->data, b->len);
        b->data = d;
        b->cap = ncap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

static bool buf_add_code_point(Parser *p, Buf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return buf_add(p, b, u, n);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

/* Appends s[0..n) to b, decoding escapes unless raw, as Python's str literals:
 * unknown escapes stay as written. t is the string token, for error positions. */
static bool decode(Parser *p, Buf *b, const char *s, size_t n, bool raw, const Token *t)
{
    if (raw)
        return buf_add(p, b, s, n);
    size_t j = 0;
    while (j < n) {
        size_t i = j;
        while (j < n && s[j] != '\\')
            j++;
        if (!buf_add(p, b, s + i, j - i))
            return false;
        if (j >= n)
            break;
        size_t at = j++; /* the backslash */
        if (j >= n) {
            /* cannot happen: the scanner never ends a literal on a backslash */
            return buf_add(p, b, "\\", 1);
        }
        char c = s[j++];
        const char *simple = NULL;
        switch (c) {
        case '\n': continue;
        case '\\': simple = "\\"; break;
        case '\'': simple = "'"; break;
        case '"': simple = "\""; break;
        case 'a': simple = "\a"; break;
        case 'b': simple = "\b"; break;
        case 'f': simple = "\f"; break;
        case 'n': simple = "\n"; break;
        case 'r': simple = "\r"; break;
        case 't': simple = "\t"; break;
        case 'v': simple = "\v"; break;
        default: break;
        }
        if (simple != NULL) {
            if (!buf_add(p, b, simple, 1))
                return false;
            continue;
        }
        if (c >= '0' && c <= '7') {
            unsigned long v = (unsigned long)(c - '0');
            for (int k = 0; k < 2 && j < n && s[j] >= '0' && s[j] <= '7'; k++)
                v = v * 8 + (unsigned long)(s[j++] - '0');
            if (!buf_add_code_point(p, b, v))
                return false;
            continue;
        }
        int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
        if (digits > 0) {
            unsigned long v = 0;
            int k = 0;
            for (; k < digits && j < n && hex_value(s[j]) >= 0; k++)
                v = v * 16 + (unsigned long)hex_value(s[j++]);
            AstPos end = {t->end_line, t->end_col, t->end_line, t->end_col};
            if (k < digits) {
                const char *form = c == 'x' ? "\\xXX" : c == 'u' ? "\\uXXXX" : "\\UXXXXXXXX";
                fail_at(p, LANG_SYNTAX_ERROR, end,
                        "(unicode error) 'unicodeescape' codec can't decode bytes in "
                        "position %zu-%zu: truncated %s escape",
                        at, j - 1, form);
                return false;
            }
            if (v > 0x10FFFF) {
                fail_at(p, LANG_SYNTAX_ERROR, end,
                        "(unicode error) 'unicodeescape' codec can't decode bytes in "
                        "position %zu-%zu: illegal Unicode character",
                        at, j - 1);
                return false;
            }
            if (!buf_add_code_point(p, b, v))
                return false;
            continue;
        }
        if (c == 'N') {
            unsupported(p, tok_pos(t), "the '\\N{...}' escape");
            return false;
        }
        if (!buf_add(p, b, s + at, j - at)) /* unknown: kept as written */
            return false;
    }
    return true;
}

/* What strings() collects: a run of literal text and the JoinedStr values. */
typedef struct StrParts {
    Buf text;           /* literal text not yet flushed into values */
    AstPos text_pos;
    ExprList values;
} StrParts;

static bool flush_text(Parser *p, StrParts *sp)
{
    if (sp->text.len == 0)
        return true;
    Expr *c = const_expr(p, CONST_STR, sp->text_pos);
    if (c == NULL)
        return false;
    c->constant.s.data = sp->text.data;
    c->constant.s.len = sp->text.len;
    sp->text = (Buf){NULL, 0, 0};
    return PUSH(p, sp->values, c);
}

static Module *parse_with(Parser *p, Expr **expr_out);

/* Parses the f-string expression src[0..n) at (line, col): star_expressions. */
static Expr *fstring_expr(Parser *p, const char *s, size_t n, int line, int col)
{
    Parser sub;
    memset(&sub, 0, sizeof sub);
    sub.arena = p->arena;
    sub.src = p->src;
    sub.src_len = p->src_len;
    sub.err = p->err;
    sub.in_fstring = true;
    sub.fstring_depth = p->fstring_depth;
    scanner_init_nested(&sub.sc, s, n, line, col);
    Expr *e = NULL;
    parse_with(&sub, &e);
    free(sub.toks);
    if (sub.failed) {
        p->failed = true;
        return NULL;
    }
    return e;
}

/* Line and column of byte s inside token t (which starts at t->line, t->col). */
static void where(const Token *t, const char *s, int *line, int *col)
{
    const char *ls = t->start;
    int l = t->line;
    for (const char *q = t->start; q < s; q++)
        if (*q == '\n') {
            l++;
            ls = q + 1;
        }
    *line = l;
    *col = scanner_count_chars(ls, (size_t)(s - ls)) + (l == t->line ? t->col : 0);
}

static bool fstring_body(Parser *p, StrParts *sp, const char **sp_s, const char *end,
                         bool raw, int level, const Token *t);

static AstPos pos_in(const Token *t, const char *s)
{
    AstPos pos;
    where(t, s, &pos.line, &pos.col);
    pos.end_line = pos.line;
    pos.end_col = pos.col;
    return pos;
}

/* Where CPython 3.11 reports an error inside an f-string: after its token. */
static AstPos fstring_error_pos(const Token *t)
{
    AstPos pos = {t->end_line, t->end_col, t->end_line, t->end_col};
    return pos;
}

/* At the '{' of a replacement field: parses it into a FormattedValue in sp. */
static bool fstring_field(Parser *p, StrParts *sp, const char **ps, const char *end,
                          bool raw, int level, const Token *t)
{
    const char *s = *ps + 1;
    if (level >= 2) {
        fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t), "f-string: expressions nested too deeply");
        return false;
    }
    const char *expr_start = s;
    char stack[200];
    int depth = 0;
    char quote = 0;
    int quote_len = 0;
    for (; s < end; s++) {
        char c = *s;
        if (c == '\\') {
            fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t),
                    "f-string expression part cannot include a backslash");
            return false;
        }
        if (quote) {
            if (c == quote && (quote_len == 1 || (end - s >= 3 && s[1] == quote &&
                                                  s[2] == quote))) {
                s += quote_len - 1;
                quote = 0;
            }
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            quote_len = end - s >= 3 && s[1] == c && s[2] == c ? 3 : 1;
            s += quote_len - 1;
            continue;
        }
        if (c == '#') {
            fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t),
                    "f-string expression part cannot include '#'");
            return false;
        }
        if (c == '(' || c == '[' || c == '{') {
            if (depth == (int)sizeof stack) {
                fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t), "f-string: too many nested parenthesis");
                return false;
            }
            stack[depth++] = c;
            continue;
        }
        if (c == ')' || c == ']' || (c == '}' && depth > 0)) {
            if (depth == 0) {
                fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t), "f-string: unmatched '%c'", c);
                return false;
            }
            char open = stack[--depth];
            if ((open == '(' && c != ')') || (open == '[' && c != ']') ||
                (open == '{' && c != '}')) {
                fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t),
                        "f-string: closing parenthesis '%c' does not match opening "
                        "parenthesis '%c'",
                        c, open);
                return false;
            }
            continue;
        }
        if (depth > 0)
            continue;
        if ((c == '=' || c == '!' || c == '<' || c == '>') && s + 1 < end && s[1] == '=') {
            s++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!' || c == '=')
            break;
    }
    if (quote) {
        fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t), "f-string: unterminated string");
        return false;
    }
    if (s >= end || depth > 0) {
        fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t), "f-string: expecting '}'");
        return false;
    }
    const char *expr_end = s;
    bool blank = true;
    for (const char *q = expr_start; q < expr_end; q++)
        if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\r' && *q != '\f')
            blank = false;
    if (blank) {
        fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t), "f-string: empty expression not allowed");
        return false;
    }
    int line, col;
    where(t, expr_start, &line, &col);
    Expr *value = fstring_expr(p, expr_start, (size_t)(expr_end - expr_start), line, col);
    if (value == NULL)
        return false;
    int conversion = -1;
    bool debug = false;
    if (*s == '=') {
        debug = true;
        s++;
        while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
            s++;
        /* the text "expr=" (with its spaces) becomes literal text */
        if (sp->text.len == 0)
            sp->text_pos = pos_in(t, expr_start);
        if (!buf_add(p, &sp->text, expr_start, (size_t)(s - expr_start)))
            return false;
    }
    if (s < end && *s == '!') {
        s++;
        if (s >= end || (*s != 'r' && *s != 's' && *s != 'a')) {
            fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t),
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            return false;
        }
        conversion = *s++;
    }
    Expr *spec = NULL;
    if (s < end && *s == ':') {
        s++;
        StrParts inner;
        memset(&inner, 0, sizeof inner);
        AstPos spec_pos = pos_in(t, s);
        if (!fstring_body(p, &inner, &s, end, raw, level + 1, t) || !flush_text(p, &inner))
            return false;
        spec = new_expr(p, EXPR_JOINEDSTR, spec_pos);
        if (spec == NULL)
            return false;
        spec->joinedstr.values = inner.values;
    }
    if (s >= end || *s != '}') {
        fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t), "f-string: expecting '}'");
        return false;
    }
    s++;
    if (debug && conversion == -1 && spec == NULL)
        conversion = 'r';
    Expr *fv = new_expr(p, EXPR_FORMATTEDVALUE, value->pos);
    if (fv == NULL || !flush_text(p, sp))
        return false;
    fv->formattedvalue.value = value;
    fv->formattedvalue.conversion = conversion;
    fv->formattedvalue.format_spec = spec;
    *ps = s;
    return PUSH(p, sp->values, fv);
}

/* Literal text and fields from *ps up to end (level 0) or up to the '}' that
 * ends a format spec (level > 0), as CPython 3.11's fstring_find_literal. */
static bool fstring_body(Parser *p, StrParts *sp, const char **ps, const char *end,
                         bool raw, int level, const Token *t)
{
    const char *s = *ps;
    while (s < end) {
        const char *lit = s;
        while (s < end && *s != '{' && *s != '}') {
            if (!raw && *s == '\\' && s + 1 < end)
                s++;
            s++;
        }
        if (s > lit) {
            if (sp->text.len == 0)
                sp->text_pos = pos_in(t, lit);
            if (!decode(p, &sp->text, lit, (size_t)(s - lit), raw, t))
                return false;
        }
        if (s >= end)
            break;
        if (level == 0 && s + 1 < end && s[1] == *s) { /* {{ or }} */
            if (!buf_add(p, &sp->text, s, 1))
                return false;
            s += 2;
            continue;
        }
        if (*s == '}') {
            if (level > 0)
                break;
            fail_at(p, LANG_SYNTAX_ERROR, fstring_error_pos(t), "f-string: single '}' is not allowed");
            return false;
        }
        if (!fstring_field(p, sp, &s, end, raw, level, t))
            return false;
    }
    *ps = s;
    return true;
}

/* STRING+: adjacent literals concatenated; a JoinedStr if any is an f-string. */
static Expr *strings(Parser *p)
{
    AstPos start = tok_pos(cur(p));
    StrParts sp;
    memset(&sp, 0, sizeof sp);
    sp.text_pos = start;
    bool any_f = false;
    while (peek(p) == TOK_STRING) {
        const Token *t = advance(p);
        bool raw = false, f = false;
        const char *s = t->start;
        while (*s != '\'' && *s != '"') {
            char c = (char)(*s | 0x20);
            if (c == 'b')
                return fail_at(p, LANG_SYNTAX_ERROR, tok_pos(t),
                               "bytes literals are not supported in Minipy");
            raw |= c == 'r';
            f |= c == 'f';
            s++;
        }
        size_t q = s + 2 < t->start + t->len && s[1] == s[0] && s[2] == s[0] &&
                           t->len - (size_t)(s - t->start) >= 6
                       ? 3
                       : 1;
        const char *body = s + q, *end = t->start + t->len - q;
        if (sp.text.len == 0)
            sp.text_pos = tok_pos(t);
        if (f) {
            any_f = true;
            if (!fstring_body(p, &sp, &body, end, raw, 0, t))
                return NULL;
        } else if (!decode(p, &sp.text, body, (size_t)(end - body), raw, t)) {
            return NULL;
        }
    }
    AstPos pos = span(p, start);
    if (!any_f) {
        Expr *c = const_expr(p, CONST_STR, pos);
        if (c == NULL)
            return NULL;
        c->constant.s.data = sp.text.data != NULL ? sp.text.data : "";
        c->constant.s.len = sp.text.len;
        return c;
    }
    if (!flush_text(p, &sp))
        return NULL;
    Expr *j = new_expr(p, EXPR_JOINEDSTR, pos);
    if (j != NULL)
        j->joinedstr.values = sp.values;
    return j;
}

/* ==== Parameters ==== */

static Arg *param(Parser *p, bool annotations)
{
    Token *t = cur(p);
    Arg *a = ast_alloc(p->arena, sizeof(Arg));
    if (a == NULL)
        return oom(p);
    if ((a->arg = expect_name(p)) == NULL)
        return NULL;
    if (annotations && accept(p, TOK_COLON) && expression(p) == NULL)
        return NULL;
    a->pos = span(p, tok_pos(t));
    return a;
}

/* Parameters up to (not including) closing, as def and lambda take them. */
static Arguments *parameters(Parser *p, TokenKind closing, bool annotations)
{
    Arguments *a = ast_alloc(p->arena, sizeof(Arguments));
    if (a == NULL)
        return oom(p);
    bool seen_star = false, seen_slash = false;
    while (peek(p) != closing) {
        Token *t = cur(p);
        if (accept(p, TOK_SLASH)) {
            if (seen_star || seen_slash || a->args.count == 0)
                return fail_at(p, LANG_SYNTAX_ERROR, tok_pos(t),
                               seen_star ? "/ must be ahead of *"
                               : seen_slash ? "/ may appear only once"
                                            : "at least one argument must precede /");
            seen_slash = true;
            a->posonlyargs = a->args;
            a->args = (ArgList){0, NULL};
        } else if (accept(p, TOK_DOUBLESTAR)) {
            if ((a->kwarg = param(p, annotations)) == NULL)
                return NULL;
            accept(p, TOK_COMMA);
            if (peek(p) != closing)
                return fail_at(p, LANG_SYNTAX_ERROR, tok_pos(cur(p)),
                               "arguments cannot follow var-keyword argument");
            break;
        } else if (accept(p, TOK_STAR)) {
            if (seen_star)
                return fail_at(p, LANG_SYNTAX_ERROR, tok_pos(t),
                               "* argument may appear only once");
            seen_star = true;
            if (peek(p) == TOK_COMMA || peek(p) == closing) {
                if (peek(p) == closing || peek2(p) == closing ||
                    peek2(p) == TOK_DOUBLESTAR)
                    return fail_at(p, LANG_SYNTAX_ERROR, tok_pos(t),
                                   "named arguments must follow bare *");
            } else if ((a->vararg = param(p, annotations)) == NULL) {
                return NULL;
            }
        } else {
            Arg *arg = param(p, annotations);
            if (arg == NULL)
                return NULL;
            Expr *def = NULL;
            if (accept(p, TOK_EQUAL) && (def = expression(p)) == NULL)
                return NULL;
            if (seen_star) {
                if (!PUSH(p, a->kwonlyargs, arg) || !PUSH(p, a->kw_defaults, def))
                    return NULL;
            } else {
                if (!PUSH(p, a->args, arg))
                    return NULL;
                if (def != NULL) {
                    if (!PUSH(p, a->defaults, def))
                        return NULL;
                } else if (a->defaults.count > 0) {
                    return fail_at(p, LANG_SYNTAX_ERROR, arg->pos,
                                   "non-default argument follows default argument");
                }
            }
        }
        if (!accept(p, TOK_COMMA))
            break;
    }
    if (peek(p) != closing)
        return invalid_syntax(p);
    return a;
}

/* ==== Statements ==== */

static bool statement(Parser *p, StmtList *out);

/* block: NEWLINE INDENT statements DEDENT | simple_stmts. what names the header
 * for "expected an indented block after %s on line %d". */
static bool block(Parser *p, StmtList *out, const char *what, int line)
{
    if (!expect_colon(p))
        return false;
    if (!accept(p, TOK_NEWLINE))
        return statement(p, out);
    if (!accept(p, TOK_INDENT)) {
        if (p->failed)
            return false;
        Token *t = cur(p);
        AstPos at = tok_pos(t);
        if (t->kind == TOK_ENDMARKER || t->kind == TOK_DEDENT) {
            at = tok_pos(p->last);
            if (t->kind == TOK_ENDMARKER || t->start == p->sc.end)
                p->eof_error = true;
            if (t->kind == TOK_DEDENT && t->start != p->sc.end)
                at = tok_pos(t), at.col = at.end_col = t->end_col;
        }
        fail_at(p, LANG_INDENTATION_ERROR, at, "expected an indented block after %s on line %d",
                what, line);
        return false;
    }
    while (!accept(p, TOK_DEDENT)) {
        if (p->failed || !statement(p, out))
            return false;
    }
    return true;
}

static Stmt *simple_stmt(Parser *p);

/* simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static bool simple_stmts(Parser *p, StmtList *out)
{
    for (;;) {
        Stmt *s = simple_stmt(p);
        if (s == NULL || !PUSH(p, *out, s))
            return false;
        if (!accept(p, TOK_SEMI) || peek(p) == TOK_NEWLINE)
            break;
    }
    return expect(p, TOK_NEWLINE);
}

static bool dotted_name(Parser *p, Buf *b)
{
    for (;;) {
        if (peek(p) != TOK_NAME) {
            invalid_syntax(p);
            return false;
        }
        const Token *t = advance(p);
        if (!buf_add(p, b, t->start, t->len))
            return false;
        if (!accept(p, TOK_DOT))
            return true;
        if (!buf_add(p, b, ".", 1))
            return false;
    }
}

static Alias *alias(Parser *p, bool dotted)
{
    Token *t = cur(p);
    Alias *a = ast_alloc(p->arena, sizeof(Alias));
    if (a == NULL)
        return oom(p);
    Buf b = {NULL, 0, 0};
    if (dotted) {
        if (!dotted_name(p, &b))
            return NULL;
        a->name = b.data;
    } else if ((a->name = expect_name(p)) == NULL) {
        return NULL;
    }
    if (accept(p, TOK_AS) && (a->asname = expect_name(p)) == NULL)
        return NULL;
    a->pos = span(p, tok_pos(t));
    return a;
}

static Stmt *import_from(Parser *p, AstPos start)
{
    if (peek(p) == TOK_DOT || peek(p) == TOK_ELLIPSIS)
        return unsupported(p, tok_pos(cur(p)), "relative import");
    Stmt *s = new_stmt(p, STMT_IMPORTFROM, start);
    Buf b = {NULL, 0, 0};
    if (s == NULL || !dotted_name(p, &b))
        return NULL;
    s->importfrom.module = b.data;
    if (!expect(p, TOK_IMPORT))
        return NULL;
    if (peek(p) == TOK_STAR)
        return unsupported(p, tok_pos(cur(p)), "'from ... import *'");
    bool paren = accept(p, TOK_LPAR);
    do {
        if (paren && peek(p) == TOK_RPAR && s->importfrom.names.count > 0)
            break;
        Alias *a = alias(p, false);
        if (a == NULL || !PUSH(p, s->importfrom.names, a))
            return NULL;
    } while (accept(p, TOK_COMMA));
    if (paren && !expect(p, TOK_RPAR))
        return NULL;
    if (!paren && p->last->kind == TOK_COMMA)
        return fail_at(p, LANG_SYNTAX_ERROR, tok_pos(p->last),
                       "trailing comma not allowed without surrounding parentheses");
    return s;
}

static AstOperator augassign_op(TokenKind k, bool *ok)
{
    *ok = true;
    switch (k) {
    case TOK_PLUSEQUAL: return AST_ADD;
    case TOK_MINEQUAL: return AST_SUB;
    case TOK_STAREQUAL: return AST_MULT;
    case TOK_SLASHEQUAL: return AST_DIV;
    case TOK_DOUBLESLASHEQUAL: return AST_FLOORDIV;
    case TOK_PERCENTEQUAL: return AST_MOD;
    case TOK_DOUBLESTAREQUAL: return AST_POW;
    case TOK_LEFTSHIFTEQUAL: return AST_LSHIFT;
    case TOK_RIGHTSHIFTEQUAL: return AST_RSHIFT;
    case TOK_VBAREQUAL: return AST_BITOR;
    case TOK_CIRCUMFLEXEQUAL: return AST_BITXOR;
    case TOK_AMPEREQUAL: return AST_BITAND;
    default: *ok = false; return AST_ADD;
    }
}

/* The right side of an assignment: star_expressions, never a bare *x. */
static Expr *assigned_value(Parser *p)
{
    if (peek(p) == TOK_YIELD)
        return unsupported(p, tok_pos(cur(p)), "'yield'");
    Expr *v = star_expressions(p);
    if (v != NULL && v->kind == EXPR_STARRED)
        return fail_at(p, LANG_SYNTAX_ERROR, v->pos, "can't use starred expression here");
    return v;
}

/* Whether the logical line from here ends with ':' (a match statement). */
static bool line_ends_with_colon(Parser *p)
{
    int k = 1;
    while (peek_at(p, k)->kind != TOK_NEWLINE && peek_at(p, k)->kind != TOK_ENDMARKER &&
           peek_at(p, k)->kind != TOK_ERROR)
        k++;
    return peek_at(p, k)->kind == TOK_NEWLINE && peek_at(p, k - 1)->kind == TOK_COLON;
}

/* Expression statement, assignment, augmented or annotated assignment. */
static Stmt *expr_stmt(Parser *p)
{
    Token *first = cur(p);
    if (first->kind == TOK_NAME && first->len == 5 && memcmp(first->start, "match", 5) == 0 &&
        peek2(p) != TOK_EQUAL && line_ends_with_colon(p))
        return unsupported(p, tok_pos(first), "'match'");
    AstPos start = tok_pos(first);
    Expr *e = star_expressions(p);
    if (e == NULL)
        return NULL;
    bool ok;
    AstOperator op = augassign_op(peek(p), &ok);
    if (ok) {
        if (e->kind != EXPR_NAME && e->kind != EXPR_ATTRIBUTE && e->kind != EXPR_SUBSCRIPT)
            return fail_at(p, LANG_SYNTAX_ERROR, e->pos,
                           "'%s' is an illegal expression for augmented assignment",
                           expr_name(e));
        if (!set_context(p, e, AST_STORE))
            return NULL;
        advance(p);
        Stmt *s = new_stmt(p, STMT_AUGASSIGN, start);
        if (s == NULL || (s->augassign.value = assigned_value(p)) == NULL)
            return NULL;
        s->augassign.target = e;
        s->augassign.op = op;
        s->pos = span(p, start);
        return s;
    }
    if (peek(p) == TOK_ATEQUAL)
        return unsupported(p, tok_pos(cur(p)), "the '@=' operator");
    if (accept(p, TOK_COLON)) {
        if (e->kind == EXPR_TUPLE || e->kind == EXPR_LIST)
            return fail_at(p, LANG_SYNTAX_ERROR, e->pos,
                           "only single target (not %s) can be annotated",
                           e->kind == EXPR_TUPLE ? "tuple" : "list");
        if (e->kind != EXPR_NAME && e->kind != EXPR_ATTRIBUTE && e->kind != EXPR_SUBSCRIPT)
            return fail_at(p, LANG_SYNTAX_ERROR, e->pos,
                           "illegal target for annotation");
        if (!set_context(p, e, AST_STORE) || expression(p) == NULL)
            return NULL;
        Stmt *s = new_stmt(p, STMT_ANNASSIGN, start);
        if (s == NULL)
            return NULL;
        s->annassign.target = e;
        s->annassign.simple = e->kind == EXPR_NAME && first->kind != TOK_LPAR;
        if (accept(p, TOK_EQUAL) && (s->annassign.value = assigned_value(p)) == NULL)
            return NULL;
        s->pos = span(p, start);
        return s;
    }
    if (peek(p) != TOK_EQUAL) {
        if (e->kind == EXPR_STARRED)
            return fail_at(p, LANG_SYNTAX_ERROR, e->pos, "can't use starred expression here");
        Stmt *s = new_stmt(p, STMT_EXPR, e->pos);
        if (s != NULL)
            s->expr.value = e;
        return s;
    }
    Stmt *s = new_stmt(p, STMT_ASSIGN, start);
    if (s == NULL)
        return NULL;
    while (accept(p, TOK_EQUAL)) {
        if (!PUSH(p, s->assign.targets, e))
            return NULL;
        if ((e = assigned_value(p)) == NULL)
            return NULL;
    }
    s->assign.value = e;
    for (int i = 0; i < s->assign.targets.count; i++) {
        Expr *t = s->assign.targets.items[i];
        bool plain = t->kind != EXPR_NAME && t->kind != EXPR_ATTRIBUTE &&
                     t->kind != EXPR_SUBSCRIPT && t->kind != EXPR_TUPLE &&
                     t->kind != EXPR_LIST && t->kind != EXPR_STARRED &&
                     t->kind != EXPR_COMPARE && t->kind != EXPR_LAMBDA &&
                     t->kind != EXPR_IFEXP && t->kind != EXPR_BOOLOP &&
                     !(t->kind == EXPR_UNARYOP && t->unaryop.op == AST_NOT) &&
                     !(t->kind == EXPR_CONSTANT && t->constant.kind != CONST_INT &&
                       t->constant.kind != CONST_FLOAT && t->constant.kind != CONST_STR);
        if (plain && s->assign.targets.count == 1)
            return fail_at(p, LANG_SYNTAX_ERROR, t->pos,
                           "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                           expr_name(t));
        if (!set_context(p, t, AST_STORE))
            return NULL;
    }
    s->pos = span(p, start);
    return s;
}

static bool name_list(Parser *p, NameList *names)
{
    do {
        const char *n = expect_name(p);
        if (n == NULL || !PUSH(p, *names, n))
            return false;
    } while (accept(p, TOK_COMMA));
    return true;
}

static Stmt *simple_stmt(Parser *p)
{
    Token *t = cur(p);
    AstPos start = tok_pos(t);
    Stmt *s;
    switch (peek(p)) {
    case TOK_PASS:
    case TOK_BREAK:
    case TOK_CONTINUE:
        advance(p);
        return new_stmt(p, t->kind == TOK_PASS    ? STMT_PASS
                           : t->kind == TOK_BREAK ? STMT_BREAK
                                                  : STMT_CONTINUE,
                        start);
    case TOK_RETURN:
        advance(p);
        s = new_stmt(p, STMT_RETURN, start);
        if (s == NULL)
            return NULL;
        if (peek(p) != TOK_NEWLINE && peek(p) != TOK_SEMI &&
            (s->ret.value = assigned_value(p)) == NULL)
            return NULL;
        break;
    case TOK_RAISE:
        advance(p);
        s = new_stmt(p, STMT_RAISE, start);
        if (s == NULL)
            return NULL;
        if (peek(p) != TOK_NEWLINE && peek(p) != TOK_SEMI) {
            if ((s->raise.exc = expression(p)) == NULL)
                return NULL;
            if (accept(p, TOK_FROM) && (s->raise.cause = expression(p)) == NULL)
                return NULL;
        }
        break;
    case TOK_GLOBAL:
    case TOK_NONLOCAL:
        advance(p);
        s = new_stmt(p, t->kind == TOK_GLOBAL ? STMT_GLOBAL : STMT_NONLOCAL, start);
        if (s == NULL || !name_list(p, &s->global.names))
            return NULL;
        break;
    case TOK_DEL:
        advance(p);
        s = new_stmt(p, STMT_DELETE, start);
        if (s == NULL)
            return NULL;
        do {
            if (ends_expressions(peek(p)) && s->del.targets.count > 0)
                break;
            Expr *target = targets(p, true);
            if (target == NULL || !set_context(p, target, AST_DEL) ||
                !PUSH(p, s->del.targets, target))
                return NULL;
        } while (accept(p, TOK_COMMA));
        break;
    case TOK_ASSERT:
        advance(p);
        s = new_stmt(p, STMT_ASSERT, start);
        if (s == NULL || (s->assert.test = expression(p)) == NULL)
            return NULL;
        if (accept(p, TOK_COMMA) && (s->assert.msg = expression(p)) == NULL)
            return NULL;
        break;
    case TOK_IMPORT:
        advance(p);
        s = new_stmt(p, STMT_IMPORT, start);
        if (s == NULL)
            return NULL;
        do {
            Alias *a = alias(p, true);
            if (a == NULL || !PUSH(p, s->import.names, a))
                return NULL;
        } while (accept(p, TOK_COMMA));
        break;
    case TOK_FROM:
        advance(p);
        s = import_from(p, start);
        if (s == NULL)
            return NULL;
        break;
    default:
        return expr_stmt(p);
    }
    s->pos = span(p, start);
    return s;
}

static Stmt *if_stmt(Parser *p)
{
    const Token *t = advance(p); /* 'if' or 'elif' */
    AstPos start = tok_pos(t);
    Stmt *s = new_stmt(p, STMT_IF, start);
    if (s == NULL || (s->ifstmt.test = expression(p)) == NULL ||
        !block(p, &s->ifstmt.body, t->kind == TOK_IF ? "'if' statement" : "'elif' statement",
               t->line))
        return NULL;
    if (peek(p) == TOK_ELIF) {
        Stmt *elif = if_stmt(p);
        if (elif == NULL || !PUSH(p, s->ifstmt.orelse, elif))
            return NULL;
    } else if (peek(p) == TOK_ELSE) {
        int line = advance(p)->line;
        if (!block(p, &s->ifstmt.orelse, "'else' statement", line))
            return NULL;
    }
    s->pos = span(p, start);
    return s;
}

/* ['else' ':' block] of while and for */
static bool else_block(Parser *p, StmtList *orelse)
{
    if (peek(p) != TOK_ELSE)
        return true;
    int line = advance(p)->line;
    return block(p, orelse, "'else' statement", line);
}

static Stmt *try_stmt(Parser *p, AstPos start)
{
    Stmt *s = new_stmt(p, STMT_TRY, start);
    if (s == NULL || !block(p, &s->trystmt.body, "'try' statement", start.line))
        return NULL;
    while (peek(p) == TOK_EXCEPT) {
        const Token *t = advance(p);
        if (peek(p) == TOK_STAR)
            return unsupported(p, tok_pos(cur(p)), "'except*'");
        ExceptHandler *h = ast_alloc(p->arena, sizeof(ExceptHandler));
        if (h == NULL)
            return oom(p);
        if (peek(p) != TOK_COLON) {
            if ((h->type = expression(p)) == NULL)
                return NULL;
            if (peek(p) == TOK_COMMA)
                return fail_at(p, LANG_SYNTAX_ERROR, h->type->pos,
                               "multiple exception types must be parenthesized");
            if (accept(p, TOK_AS) && (h->name = expect_name(p)) == NULL)
                return NULL;
        }
        if (!block(p, &h->body, "'except' statement", t->line))
            return NULL;
        h->pos = span(p, tok_pos(t));
        if (!PUSH(p, s->trystmt.handlers, h))
            return NULL;
    }
    if (s->trystmt.handlers.count > 0 && peek(p) == TOK_ELSE) {
        int line = advance(p)->line;
        if (!block(p, &s->trystmt.orelse, "'else' statement", line))
            return NULL;
    }
    if (peek(p) == TOK_FINALLY) {
        int line = advance(p)->line;
        if (!block(p, &s->trystmt.finalbody, "'finally' statement", line))
            return NULL;
    }
    if (s->trystmt.handlers.count == 0 && s->trystmt.finalbody.count == 0) {
        AstPos at = tok_pos(cur(p));
        for (int k = p->pos - 1; cur(p)->kind == TOK_ENDMARKER && k >= 0; k--)
            if (p->toks[k]->kind == TOK_NEWLINE) { /* at the end: after the last line */
                at = tok_pos(p->toks[k]);
                p->eof_error = true;
                break;
            }
        if (!p->failed)
            fail_at(p, LANG_SYNTAX_ERROR, at, "expected 'except' or 'finally' block");
        return NULL;
    }
    s->pos = span(p, start);
    return s;
}

static Stmt *with_stmt(Parser *p, AstPos start)
{
    Stmt *s = new_stmt(p, STMT_WITH, start);
    if (s == NULL)
        return NULL;
    do {
        WithItem *w = ast_alloc(p->arena, sizeof(WithItem));
        if (w == NULL)
            return oom(p);
        if ((w->context_expr = expression(p)) == NULL)
            return NULL;
        if (accept(p, TOK_AS) && ((w->optional_vars = targets(p, true)) == NULL ||
                                  !set_context(p, w->optional_vars, AST_STORE)))
            return NULL;
        if (!PUSH(p, s->with.items, w))
            return NULL;
    } while (accept(p, TOK_COMMA));
    if (!block(p, &s->with.body, "'with' statement", start.line))
        return NULL;
    s->pos = span(p, start);
    return s;
}

static Stmt *def_or_class(Parser *p, ExprList decorators, AstPos start)
{
    if (peek(p) == TOK_ASYNC)
        return unsupported(p, tok_pos(cur(p)), "'async'");
    if (peek(p) != TOK_DEF && peek(p) != TOK_CLASS)
        return invalid_syntax(p);
    const Token *kw = advance(p);
    if (decorators.count == 0)
        start = tok_pos(kw);
    if (kw->kind == TOK_DEF) {
        Stmt *s = new_stmt(p, STMT_FUNCTIONDEF, start);
        if (s == NULL || (s->functiondef.name = expect_name(p)) == NULL ||
            !expect(p, TOK_LPAR) ||
            (s->functiondef.args = parameters(p, TOK_RPAR, true)) == NULL ||
            !expect(p, TOK_RPAR))
            return NULL;
        if (accept(p, TOK_RARROW) && expression(p) == NULL)
            return NULL;
        s->functiondef.decorator_list = decorators;
        if (!block(p, &s->functiondef.body, "function definition", kw->line))
            return NULL;
        s->pos = span(p, start);
        return s;
    }
    Stmt *s = new_stmt(p, STMT_CLASSDEF, start);
    if (s == NULL || (s->classdef.name = expect_name(p)) == NULL)
        return NULL;
    if (accept(p, TOK_LPAR) &&
        (!call_arguments(p, &s->classdef.bases, &s->classdef.keywords) ||
         !expect(p, TOK_RPAR)))
        return NULL;
    s->classdef.decorator_list = decorators;
    if (!block(p, &s->classdef.body, "class definition", kw->line))
        return NULL;
    s->pos = span(p, start);
    return s;
}

/* statement: compound_stmt | simple_stmts; appends to out. */
static bool statement(Parser *p, StmtList *out)
{
    Token *t = cur(p);
    AstPos start = tok_pos(t);
    Stmt *s;
    switch (peek(p)) {
    case TOK_INDENT:
        fail_at(p, LANG_INDENTATION_ERROR,
                (AstPos){t->line, t->end_col - 1, t->line, t->end_col - 1},
                "unexpected indent");
        return false;
    case TOK_IF:
        s = if_stmt(p);
        break;
    case TOK_WHILE:
        advance(p);
        s = new_stmt(p, STMT_WHILE, start);
        if (s == NULL || (s->whileloop.test = expression(p)) == NULL ||
            !block(p, &s->whileloop.body, "'while' statement", start.line) ||
            !else_block(p, &s->whileloop.orelse))
            return false;
        s->pos = span(p, start);
        break;
    case TOK_FOR:
        advance(p);
        s = new_stmt(p, STMT_FOR, start);
        if (s == NULL || (s->forloop.target = targets(p, false)) == NULL ||
            !set_context(p, s->forloop.target, AST_STORE) || !expect(p, TOK_IN) ||
            (s->forloop.iter = star_expressions(p)) == NULL ||
            !block(p, &s->forloop.body, "'for' statement", start.line) ||
            !else_block(p, &s->forloop.orelse))
            return false;
        s->pos = span(p, start);
        break;
    case TOK_TRY:
        advance(p);
        s = try_stmt(p, start);
        break;
    case TOK_WITH:
        advance(p);
        s = with_stmt(p, start);
        break;
    case TOK_AT: {
        ExprList decorators = {0, NULL};
        while (accept(p, TOK_AT)) {
            Expr *d = expression(p);
            if (d == NULL || !PUSH(p, decorators, d) || !expect(p, TOK_NEWLINE))
                return false;
        }
        s = def_or_class(p, decorators, start);
        break;
    }
    case TOK_DEF:
    case TOK_CLASS:
    case TOK_ASYNC:
        s = def_or_class(p, (ExprList){0, NULL}, start);
        break;
    default:
        return simple_stmts(p, out);
    }
    return s != NULL && PUSH(p, *out, s);
}

/* ==== Entry points ==== */

/* Parses p's tokens as a module, or (expr_out not NULL) as the star_expressions
 * of an f-string field. */
static Module *parse_with(Parser *p, Expr **expr_out)
{
    if (expr_out != NULL) {
        if (p->fstring_depth++ > 2 * SCANNER_MAX_PARENS)
            return fail_at(p, LANG_SYNTAX_ERROR, tok_pos(cur(p)), "too many nested f-strings");
        Expr *e = star_expressions(p);
        if (e != NULL && peek(p) != TOK_ENDMARKER)
            return invalid_syntax(p);
        *expr_out = e;
        return NULL;
    }
    Module *m = ast_alloc(p->arena, sizeof(Module));
    if (m == NULL)
        return oom(p);
    while (peek(p) != TOK_ENDMARKER) {
        if (p->failed || !statement(p, &m->body))
            return NULL;
    }
    return p->failed ? NULL : m;
}

static void parser_init(Parser *p, AstArena *arena, const char *src, size_t len,
                        LangError *err)
{
    memset(p, 0, sizeof *p);
    p->arena = arena;
    p->src = src;
    p->src_len = len;
    p->err = err;
    scanner_init(&p->sc, src, len);
}

Module *lang_parse_module(AstArena *arena, const char *src, size_t len, LangError *err)
{
    Parser p;
    parser_init(&p, arena, src, len, err);
    Module *m = parse_with(&p, NULL);
    free(p.toks);
    return m;
}

/* The indentation (in columns) of the last line of src that has a token. */
static int last_indent(const char *src, size_t len, bool *ends_blank)
{
    const char *end = src + len;
    const char *line = src, *last = NULL;
    *ends_blank = false;
    for (const char *s = src; s <= end; s++) {
        if (s == end || *s == '\n') {
            const char *q = line;
            while (q < s && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\f'))
                q++;
            bool blank = q == s || *q == '#';
            if (!blank)
                last = line;
            *ends_blank = blank && s != end && last != NULL;
            if (s < end && s + 1 == end)
                break;
            line = s + 1;
        }
    }
    if (len > 0 && end[-1] == '\n') {
        /* a source ending in an empty line after the last statement */
        const char *q = end - 1;
        while (q > src && (q[-1] == ' ' || q[-1] == '\t'))
            q--;
        *ends_blank = q > src && q[-1] == '\n';
    }
    int col = 0;
    for (const char *q = last; q != NULL && q < end && (*q == ' ' || *q == '\t'); q++)
        col = *q == ' ' ? col + 1 : (col / 8 + 1) * 8;
    return col;
}

LangCompleteness lang_is_complete(const char *src, size_t len, int *indent)
{
    AstArena *arena = ast_arena_new();
    *indent = 0;
    if (arena == NULL)
        return LANG_INVALID;
    LangError err;
    Parser p;
    parser_init(&p, arena, src, len, &err);
    Module *m = parse_with(&p, NULL);
    free(p.toks);
    bool ends_blank;
    int col = last_indent(src, len, &ends_blank);
    LangCompleteness answer;
    if (m != NULL) {
        /* A block is still open until the user enters an empty line. */
        answer = col > 0 && !ends_blank ? LANG_INCOMPLETE : LANG_COMPLETE;
        *indent = answer == LANG_INCOMPLETE ? col : 0;
    } else if (p.eof_error && err.kind == LANG_INDENTATION_ERROR) {
        answer = LANG_INCOMPLETE; /* "if x:" waiting for its block */
        *indent = col + 4;
    } else if (p.eof_error && strncmp(err.message, "invalid syntax", 14) != 0) {
        answer = LANG_INCOMPLETE; /* open bracket, triple quote, backslash */
        *indent = col;
    } else {
        answer = LANG_INVALID;
    }
    ast_arena_free(arena);
    return answer;
}
