/*
 * kernel/lang/ast.c - the AST arena and ast_dump(), CPython's ast.dump text.
 *
 * The arena bump-allocates from 64 KiB chunks (bigger requests get a chunk of
 * their own) and frees them all at once. The dumper prints the fields CPython
 * 3.11 prints, omitting optional fields that are None, so tests can compare
 * against `python3 -c "import ast; print(ast.dump(ast.parse(src)))"`.
 */
#include "ast.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ==== Arena ==== */

#define CHUNK_SIZE (64 * 1024)

typedef struct Chunk {
    struct Chunk *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
} Chunk;

struct AstArena {
    Chunk *chunks; /* the first one is the one being filled */
};

AstArena *ast_arena_new(void)
{
    return calloc(1, sizeof(AstArena));
}

void ast_arena_free(AstArena *arena)
{
    if (arena == NULL)
        return;
    Chunk *c = arena->chunks;
    while (c != NULL) {
        Chunk *next = c->next;
        free(c);
        c = next;
    }
    free(arena);
}

void *ast_alloc(AstArena *arena, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    Chunk *c = arena->chunks;
    if (c == NULL || c->size - c->used < size) {
        size_t cap = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
        Chunk *n = malloc(sizeof(Chunk) + cap);
        if (n == NULL)
            return NULL;
        n->used = 0;
        n->size = cap;
        if (c != NULL && cap != CHUNK_SIZE) {
            /* a big block: keep filling the current chunk afterwards */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            arena->chunks = n;
        }
        c = n;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *ast_strndup(AstArena *arena, const char *s, size_t len)
{
    char *p = ast_alloc(arena, len + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* ==== Dump: scalars ==== */

static void dump_str(const char *s, size_t len, FILE *out)
{
    /* Python's repr(str): prefer single quotes unless the text has ' and no ". */
    bool has_single = memchr(s, '\'', len) != NULL;
    bool has_double = memchr(s, '"', len) != NULL;
    char q = has_single && !has_double ? '"' : '\'';
    fputc(q, out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == (unsigned char)q || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\r')
            fputs("\\r", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7F)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc(q, out);
}

static void dump_float(double f, FILE *out)
{
    /* Python's repr(float): the shortest digits that round-trip, scientific
     * notation when the exponent is < -4 or >= 16. */
    char buf[64];
    if (f != f) {
        fputs("nan", out);
        return;
    }
    if (f == f * 2 && f != 0) {
        fputs(f > 0 ? "inf" : "-inf", out);
        return;
    }
    int prec = 1;
    for (; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, f);
        if (strtod(buf, NULL) == f)
            break;
    }
    snprintf(buf, sizeof buf, "%.*e", prec - 1, f);
    char *e = strchr(buf, 'e');
    int exp = atoi(e + 1);
    *e = '\0';
    char digits[32];
    size_t nd = 0;
    bool neg = buf[0] == '-';
    for (char *p = buf; *p; p++)
        if (*p >= '0' && *p <= '9')
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    if (neg)
        fputc('-', out);
    if (exp < -4 || exp >= 16) {
        fputc(digits[0], out);
        if (nd > 1)
            fprintf(out, ".%s", digits + 1);
        fprintf(out, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    } else if (exp < 0) {
        fputs("0.", out);
        for (int i = 0; i < -exp - 1; i++)
            fputc('0', out);
        fputs(digits, out);
    } else {
        for (int i = 0; i <= exp; i++)
            fputc((size_t)i < nd ? digits[i] : '0', out);
        fputc('.', out);
        if ((size_t)exp + 1 < nd)
            fputs(digits + exp + 1, out);
        else
            fputc('0', out);
    }
}

static const char *const operator_names[] = {
    "Add", "Sub", "Mult", "Div", "FloorDiv", "Mod", "Pow",
    "LShift", "RShift", "BitOr", "BitXor", "BitAnd"};
static const char *const unary_names[] = {"Invert", "Not", "UAdd", "USub"};
static const char *const cmp_names[] = {"Eq", "NotEq", "Lt", "LtE", "Gt",
                                        "GtE", "Is", "IsNot", "In", "NotIn"};
static const char *const ctx_names[] = {"Load", "Store", "Del"};

/* ==== Dump: nodes ==== */

static void dump_expr(const Expr *e, FILE *out);
static void dump_stmts(const StmtList *l, FILE *out);

static void dump_exprs(const ExprList *l, FILE *out)
{
    fputc('[', out);
    for (int i = 0; i < l->count; i++) {
        if (i)
            fputs(", ", out);
        if (l->items[i] == NULL)
            fputs("None", out);
        else
            dump_expr(l->items[i], out);
    }
    fputc(']', out);
}

static void dump_arg(const Arg *a, FILE *out)
{
    fprintf(out, "arg(arg='%s')", a->arg);
}

static void dump_args(const ArgList *l, FILE *out)
{
    fputc('[', out);
    for (int i = 0; i < l->count; i++) {
        if (i)
            fputs(", ", out);
        dump_arg(l->items[i], out);
    }
    fputc(']', out);
}

static void dump_arguments(const Arguments *a, FILE *out)
{
    fputs("arguments(posonlyargs=", out);
    dump_args(&a->posonlyargs, out);
    fputs(", args=", out);
    dump_args(&a->args, out);
    if (a->vararg) {
        fputs(", vararg=", out);
        dump_arg(a->vararg, out);
    }
    fputs(", kwonlyargs=", out);
    dump_args(&a->kwonlyargs, out);
    fputs(", kw_defaults=", out);
    dump_exprs(&a->kw_defaults, out);
    if (a->kwarg) {
        fputs(", kwarg=", out);
        dump_arg(a->kwarg, out);
    }
    fputs(", defaults=", out);
    dump_exprs(&a->defaults, out);
    fputc(')', out);
}

static void dump_keywords(const KeywordList *l, FILE *out)
{
    fputc('[', out);
    for (int i = 0; i < l->count; i++) {
        if (i)
            fputs(", ", out);
        fputs("keyword(", out);
        if (l->items[i]->arg)
            fprintf(out, "arg='%s', ", l->items[i]->arg);
        fputs("value=", out);
        dump_expr(l->items[i]->value, out);
        fputc(')', out);
    }
    fputc(']', out);
}

static void dump_generators(const ComprehensionList *l, FILE *out)
{
    fputc('[', out);
    for (int i = 0; i < l->count; i++) {
        if (i)
            fputs(", ", out);
        fputs("comprehension(target=", out);
        dump_expr(l->items[i]->target, out);
        fputs(", iter=", out);
        dump_expr(l->items[i]->iter, out);
        fputs(", ifs=", out);
        dump_exprs(&l->items[i]->ifs, out);
        fputs(", is_async=0)", out);
    }
    fputc(']', out);
}

/* Writes ", name=" and the expression, or nothing when e is NULL (CPython omits
 * optional fields that are None). */
static void dump_opt(const char *name, const Expr *e, FILE *out, bool first)
{
    if (e == NULL)
        return;
    fprintf(out, "%s%s=", first ? "" : ", ", name);
    dump_expr(e, out);
}

static void dump_expr(const Expr *e, FILE *out)
{
    switch (e->kind) {
    case EXPR_BOOLOP:
        fprintf(out, "BoolOp(op=%s(), values=", e->boolop.op == AST_AND ? "And" : "Or");
        dump_exprs(&e->boolop.values, out);
        break;
    case EXPR_BINOP:
        fputs("BinOp(left=", out);
        dump_expr(e->binop.left, out);
        fprintf(out, ", op=%s(), right=", operator_names[e->binop.op]);
        dump_expr(e->binop.right, out);
        break;
    case EXPR_UNARYOP:
        fprintf(out, "UnaryOp(op=%s(), operand=", unary_names[e->unaryop.op]);
        dump_expr(e->unaryop.operand, out);
        break;
    case EXPR_LAMBDA:
        fputs("Lambda(args=", out);
        dump_arguments(e->lambda.args, out);
        fputs(", body=", out);
        dump_expr(e->lambda.body, out);
        break;
    case EXPR_IFEXP:
        fputs("IfExp(test=", out);
        dump_expr(e->ifexp.test, out);
        fputs(", body=", out);
        dump_expr(e->ifexp.body, out);
        fputs(", orelse=", out);
        dump_expr(e->ifexp.orelse, out);
        break;
    case EXPR_DICT:
        fputs("Dict(keys=", out);
        dump_exprs(&e->dict.keys, out);
        fputs(", values=", out);
        dump_exprs(&e->dict.values, out);
        break;
    case EXPR_SET:
        fputs("Set(elts=", out);
        dump_exprs(&e->set.elts, out);
        break;
    case EXPR_LISTCOMP:
    case EXPR_SETCOMP:
    case EXPR_GENERATOREXP:
        fprintf(out, "%s(elt=",
                e->kind == EXPR_LISTCOMP  ? "ListComp"
                : e->kind == EXPR_SETCOMP ? "SetComp"
                                          : "GeneratorExp");
        dump_expr(e->comp.elt, out);
        fputs(", generators=", out);
        dump_generators(&e->comp.generators, out);
        break;
    case EXPR_DICTCOMP:
        fputs("DictComp(key=", out);
        dump_expr(e->dictcomp.key, out);
        fputs(", value=", out);
        dump_expr(e->dictcomp.value, out);
        fputs(", generators=", out);
        dump_generators(&e->dictcomp.generators, out);
        break;
    case EXPR_COMPARE:
        fputs("Compare(left=", out);
        dump_expr(e->compare.left, out);
        fputs(", ops=[", out);
        for (int i = 0; i < e->compare.count; i++)
            fprintf(out, "%s%s()", i ? ", " : "", cmp_names[e->compare.ops[i]]);
        fputs("], comparators=[", out);
        for (int i = 0; i < e->compare.count; i++) {
            if (i)
                fputs(", ", out);
            dump_expr(e->compare.comparators[i], out);
        }
        fputc(']', out);
        break;
    case EXPR_CALL:
        fputs("Call(func=", out);
        dump_expr(e->call.func, out);
        fputs(", args=", out);
        dump_exprs(&e->call.args, out);
        fputs(", keywords=", out);
        dump_keywords(&e->call.keywords, out);
        break;
    case EXPR_FORMATTEDVALUE:
        fputs("FormattedValue(value=", out);
        dump_expr(e->formattedvalue.value, out);
        fprintf(out, ", conversion=%d", e->formattedvalue.conversion);
        dump_opt("format_spec", e->formattedvalue.format_spec, out, false);
        break;
    case EXPR_JOINEDSTR:
        fputs("JoinedStr(values=", out);
        dump_exprs(&e->joinedstr.values, out);
        break;
    case EXPR_CONSTANT:
        fputs("Constant(value=", out);
        switch (e->constant.kind) {
        case CONST_NONE: fputs("None", out); break;
        case CONST_TRUE: fputs("True", out); break;
        case CONST_FALSE: fputs("False", out); break;
        case CONST_ELLIPSIS: fputs("Ellipsis", out); break;
        case CONST_INT: fprintf(out, "%lld", (long long)e->constant.i); break;
        case CONST_FLOAT: dump_float(e->constant.f, out); break;
        case CONST_STR: dump_str(e->constant.s.data, e->constant.s.len, out); break;
        }
        break;
    case EXPR_ATTRIBUTE:
        fputs("Attribute(value=", out);
        dump_expr(e->attribute.value, out);
        fprintf(out, ", attr='%s', ctx=%s()", e->attribute.attr,
                ctx_names[e->attribute.ctx]);
        break;
    case EXPR_SUBSCRIPT:
        fputs("Subscript(value=", out);
        dump_expr(e->subscript.value, out);
        fputs(", slice=", out);
        dump_expr(e->subscript.slice, out);
        fprintf(out, ", ctx=%s()", ctx_names[e->subscript.ctx]);
        break;
    case EXPR_STARRED:
        fputs("Starred(value=", out);
        dump_expr(e->starred.value, out);
        fprintf(out, ", ctx=%s()", ctx_names[e->starred.ctx]);
        break;
    case EXPR_NAME:
        fprintf(out, "Name(id='%s', ctx=%s()", e->name.id, ctx_names[e->name.ctx]);
        break;
    case EXPR_LIST:
    case EXPR_TUPLE:
        fprintf(out, "%s(elts=", e->kind == EXPR_LIST ? "List" : "Tuple");
        dump_exprs(&e->list.elts, out);
        fprintf(out, ", ctx=%s()", ctx_names[e->list.ctx]);
        break;
    case EXPR_SLICE:
        fputs("Slice(", out);
        dump_opt("lower", e->slice.lower, out, true);
        dump_opt("upper", e->slice.upper, out, e->slice.lower == NULL);
        dump_opt("step", e->slice.step, out,
                 e->slice.lower == NULL && e->slice.upper == NULL);
        break;
    }
    fputc(')', out);
}

static void dump_aliases(const AliasList *l, FILE *out)
{
    fputc('[', out);
    for (int i = 0; i < l->count; i++) {
        fprintf(out, "%salias(name='%s'", i ? ", " : "", l->items[i]->name);
        if (l->items[i]->asname)
            fprintf(out, ", asname='%s'", l->items[i]->asname);
        fputc(')', out);
    }
    fputc(']', out);
}

static void dump_names(const NameList *l, FILE *out)
{
    fputc('[', out);
    for (int i = 0; i < l->count; i++)
        fprintf(out, "%s'%s'", i ? ", " : "", l->items[i]);
    fputc(']', out);
}

static void dump_body_orelse(const StmtList *body, const StmtList *orelse, FILE *out)
{
    fputs(", body=", out);
    dump_stmts(body, out);
    fputs(", orelse=", out);
    dump_stmts(orelse, out);
}

static void dump_stmt(const Stmt *s, FILE *out)
{
    switch (s->kind) {
    case STMT_FUNCTIONDEF:
        fprintf(out, "FunctionDef(name='%s', args=", s->functiondef.name);
        dump_arguments(s->functiondef.args, out);
        fputs(", body=", out);
        dump_stmts(&s->functiondef.body, out);
        fputs(", decorator_list=", out);
        dump_exprs(&s->functiondef.decorator_list, out);
        break;
    case STMT_CLASSDEF:
        fprintf(out, "ClassDef(name='%s', bases=", s->classdef.name);
        dump_exprs(&s->classdef.bases, out);
        fputs(", keywords=", out);
        dump_keywords(&s->classdef.keywords, out);
        fputs(", body=", out);
        dump_stmts(&s->classdef.body, out);
        fputs(", decorator_list=", out);
        dump_exprs(&s->classdef.decorator_list, out);
        break;
    case STMT_RETURN:
        fputs("Return(", out);
        dump_opt("value", s->ret.value, out, true);
        break;
    case STMT_DELETE:
        fputs("Delete(targets=", out);
        dump_exprs(&s->del.targets, out);
        break;
    case STMT_ASSIGN:
        fputs("Assign(targets=", out);
        dump_exprs(&s->assign.targets, out);
        fputs(", value=", out);
        dump_expr(s->assign.value, out);
        break;
    case STMT_AUGASSIGN:
        fputs("AugAssign(target=", out);
        dump_expr(s->augassign.target, out);
        fprintf(out, ", op=%s(), value=", operator_names[s->augassign.op]);
        dump_expr(s->augassign.value, out);
        break;
    case STMT_ANNASSIGN: /* the annotation was dropped: no annotation field */
        fputs("AnnAssign(target=", out);
        dump_expr(s->annassign.target, out);
        dump_opt("value", s->annassign.value, out, false);
        fprintf(out, ", simple=%d", s->annassign.simple);
        break;
    case STMT_FOR:
        fputs("For(target=", out);
        dump_expr(s->forloop.target, out);
        fputs(", iter=", out);
        dump_expr(s->forloop.iter, out);
        dump_body_orelse(&s->forloop.body, &s->forloop.orelse, out);
        break;
    case STMT_WHILE:
        fputs("While(test=", out);
        dump_expr(s->whileloop.test, out);
        dump_body_orelse(&s->whileloop.body, &s->whileloop.orelse, out);
        break;
    case STMT_IF:
        fputs("If(test=", out);
        dump_expr(s->ifstmt.test, out);
        dump_body_orelse(&s->ifstmt.body, &s->ifstmt.orelse, out);
        break;
    case STMT_WITH:
        fputs("With(items=[", out);
        for (int i = 0; i < s->with.items.count; i++) {
            fputs(i ? ", withitem(context_expr=" : "withitem(context_expr=", out);
            dump_expr(s->with.items.items[i]->context_expr, out);
            dump_opt("optional_vars", s->with.items.items[i]->optional_vars, out, false);
            fputc(')', out);
        }
        fputs("], body=", out);
        dump_stmts(&s->with.body, out);
        break;
    case STMT_RAISE:
        fputs("Raise(", out);
        dump_opt("exc", s->raise.exc, out, true);
        dump_opt("cause", s->raise.cause, out, s->raise.exc == NULL);
        break;
    case STMT_TRY:
        fputs("Try(body=", out);
        dump_stmts(&s->trystmt.body, out);
        fputs(", handlers=[", out);
        for (int i = 0; i < s->trystmt.handlers.count; i++) {
            const ExceptHandler *h = s->trystmt.handlers.items[i];
            fputs(i ? ", ExceptHandler(" : "ExceptHandler(", out);
            dump_opt("type", h->type, out, true);
            if (h->name)
                fprintf(out, "%sname='%s'", h->type ? ", " : "", h->name);
            fputs(h->type || h->name ? ", body=" : "body=", out);
            dump_stmts(&h->body, out);
            fputc(')', out);
        }
        fputs("], orelse=", out);
        dump_stmts(&s->trystmt.orelse, out);
        fputs(", finalbody=", out);
        dump_stmts(&s->trystmt.finalbody, out);
        break;
    case STMT_ASSERT:
        fputs("Assert(test=", out);
        dump_expr(s->assert.test, out);
        dump_opt("msg", s->assert.msg, out, false);
        break;
    case STMT_IMPORT:
        fputs("Import(names=", out);
        dump_aliases(&s->import.names, out);
        break;
    case STMT_IMPORTFROM:
        fprintf(out, "ImportFrom(module='%s', names=", s->importfrom.module);
        dump_aliases(&s->importfrom.names, out);
        fputs(", level=0", out);
        break;
    case STMT_GLOBAL:
    case STMT_NONLOCAL:
        fputs(s->kind == STMT_GLOBAL ? "Global(names=" : "Nonlocal(names=", out);
        dump_names(&s->global.names, out);
        break;
    case STMT_EXPR:
        fputs("Expr(value=", out);
        dump_expr(s->expr.value, out);
        break;
    case STMT_PASS: fputs("Pass(", out); break;
    case STMT_BREAK: fputs("Break(", out); break;
    case STMT_CONTINUE: fputs("Continue(", out); break;
    }
    fputc(')', out);
}

static void dump_stmts(const StmtList *l, FILE *out)
{
    fputc('[', out);
    for (int i = 0; i < l->count; i++) {
        if (i)
            fputs(", ", out);
        dump_stmt(l->items[i], out);
    }
    fputc(']', out);
}

void ast_dump(const Module *module, FILE *out)
{
    fputs("Module(body=", out);
    dump_stmts(&module->body, out);
    fputs(", type_ignores=[])\n", out);
}
