/*
 * kernel/lang/compiler.c - generates bytecode from the AST, one code object per
 * scope.
 *
 * Read comp_compile() first, then compile_stmt() and compile_expr(). Jumps go to
 * labels resolved when a code object is finished. The compiler tracks the stack
 * depth as it emits, which gives each code object its stack size and each
 * protected instruction its handler's depth: every instruction records the
 * innermost handler active when it was emitted, and the exception table is the
 * runs of equal handlers (CPython 3.11's zero-cost exception table).
 * Blocks that must be unwound by return/break/continue (loops, finally, except
 * handlers, with) live on a compile-time stack, as CPython's fblocks.
 */
#include "compiler.h"

#include "abstract.h"
#include "errors.h"
#include "opcodes.h"
#include "parser.h"
#include "scanner.h"
#include "symtable.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* ==== Code builder ==== */

typedef enum FBlockKind {
    FB_WHILE,
    FB_FOR,           /* the iterator is on the stack */
    FB_TRY_EXCEPT,    /* a try body with except handlers */
    FB_FINALLY_TRY,   /* a try body whose finally must run */
    FB_FINALLY_END,   /* inside the exceptional copy of a finally: (prev, exc) */
    FB_HANDLER,       /* inside an except handler: prev exception on the stack */
    FB_WITH,          /* the __exit__ method is on the stack */
} FBlockKind;

typedef struct FBlock {
    FBlockKind kind;
    int continue_label, break_label;
    const StmtList *finalbody; /* FB_FINALLY_TRY */
    const char *name;          /* FB_HANDLER: the 'as' name, or NULL */
    int handler;               /* the handler this block pushed, or -1 */
} FBlock;

typedef struct Handler {
    int label, depth;
} Handler;

#define MAX_NESTING 64

typedef struct Builder {
    struct Builder *parent;
    Scope *scope;
    const char *qualname;
    uint32_t *instrs;
    int32_t *lines;
    int *handler_of;
    int n, cap;
    int *label_pos, *label_depth;
    int nlabels, caplabels;
    Handler *handlers;
    int nhandlers, caphandlers;
    int hstack[MAX_NESTING];
    int nhstack;
    FBlock fblocks[MAX_NESTING];
    int nfblocks;
    MpObject *consts, *names, *varnames, *cellvars, *freevars; /* lists */
    int depth, maxdepth;
    bool reachable;
    AstPos loc; /* the span of the node being compiled */
    MpCodePos *runs; /* instructions' spans, as the code object's positions */
    int nruns, capruns;
    int argcount, posonly, kwonly, flags;
} Builder;

typedef struct Compiler {
    AstArena *arena;
    SymTable st;
    const char *filename;
    const char *src;
    CompMode mode;
    Builder *b;
    jmp_buf fail; /* a pending exception is set when we jump here */
} Compiler;

static _Noreturn void fail(Compiler *c)
{
    longjmp(c->fail, 1);
}

static void *check(Compiler *c, void *p)
{
    if (!p) {
        if (!mp_err_occurred())
            mp_err_nomemory();
        fail(c);
    }
    return p;
}

/* A SyntaxError at a position, with CPython's attributes. */
static _Noreturn void syntax_error_at(Compiler *c, MpType *type, const char *msg, int line,
                                      int offset, const char *text)
{
    MpObject *args[2];
    args[0] = mp_str_from_cstr(msg);
    MpObject *fname = mp_str_from_cstr(c->filename);
    MpObject *lineno = mp_int_new(line);
    MpObject *off = mp_int_new(offset);
    MpObject *txt = text ? mp_str_from_cstr(text) : (MP_INCREF(mp_none), mp_none);
    if (!args[0] || !fname || !lineno || !off || !txt) {
        mp_err_nomemory();
        fail(c);
    }
    args[1] = mp_tuple_pack(4, fname, lineno, off, txt);
    if (args[1]) {
        MpObject *exc = mp_exception_new(type, args, 2);
        if (exc) {
            mp_setattr(exc, mp_str_intern("msg"), args[0]);
            mp_setattr(exc, mp_str_intern("filename"), fname);
            mp_setattr(exc, mp_str_intern("lineno"), lineno);
            mp_setattr(exc, mp_str_intern("offset"), off);
            mp_setattr(exc, mp_str_intern("text"), txt);
            mp_err_set_object(exc);
            MP_DECREF(exc);
        }
        MP_DECREF(args[1]);
    }
    MP_DECREF(args[0]);
    MP_DECREF(fname);
    MP_DECREF(lineno);
    MP_DECREF(off);
    MP_DECREF(txt);
    fail(c);
}

/* The text of source line `line` (1-based), allocated in the arena. */
static const char *source_line(Compiler *c, int line)
{
    const char *p = c->src;
    for (int i = 1; i < line && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p)
        return NULL;
    const char *end = strchr(p, '\n');
    return ast_strndup(c->arena, p, end ? (size_t)(end - p) : strlen(p));
}

static _Noreturn void syntax_error(Compiler *c, const char *msg, AstPos pos)
{
    syntax_error_at(c, mp_SyntaxError, msg, pos.line, pos.col + 1, source_line(c, pos.line));
}

static void grow_instrs(Compiler *c, Builder *b)
{
    if (b->n < b->cap)
        return;
    int ncap = b->cap ? b->cap * 2 : 64;
    b->instrs = check(c, realloc(b->instrs, (size_t)ncap * sizeof *b->instrs));
    b->lines = check(c, realloc(b->lines, (size_t)ncap * sizeof *b->lines));
    b->handler_of = check(c, realloc(b->handler_of, (size_t)ncap * sizeof *b->handler_of));
    b->cap = ncap;
}

static bool same_span(const MpCodePos *r, AstPos p)
{
    return r->line == p.line && r->end_line == p.end_line && r->col == p.col &&
           r->end_col == p.end_col;
}

/* Instruction b->n gets b->loc: a new run unless the last run has that span. */
static void note_position(Compiler *c, Builder *b)
{
    if (b->nruns > 0 && same_span(&b->runs[b->nruns - 1], b->loc))
        return;
    if (b->nruns == b->capruns) {
        int ncap = b->capruns ? b->capruns * 2 : 16;
        b->runs = check(c, realloc(b->runs, (size_t)ncap * sizeof *b->runs));
        b->capruns = ncap;
    }
    b->runs[b->nruns++] = (MpCodePos){(uint32_t)b->n, b->loc.line, b->loc.end_line,
                                      b->loc.col, b->loc.end_col};
}

/* Stack effect of an instruction when it falls through to the next one. */
static int stack_effect(int op, int arg)
{
    switch (op) {
    case OP_NOP: case OP_SWAP: case OP_DELETE_FAST: case OP_DELETE_DEREF:
    case OP_DELETE_GLOBAL: case OP_DELETE_NAME: case OP_LOAD_ATTR: case OP_UNARY_OP:
    case OP_UNARY_NOT: case OP_LIST_TO_TUPLE: case OP_JUMP: case OP_JUMP_BACKWARD:
    case OP_GET_ITER: case OP_CHECK_EXC_MATCH:
        return 0;
    case OP_POP_TOP: case OP_STORE_FAST: case OP_STORE_DEREF: case OP_STORE_GLOBAL:
    case OP_STORE_NAME: case OP_DELETE_ATTR: case OP_BINARY_SUBSCR: case OP_BINARY_OP:
    case OP_COMPARE_OP: case OP_IS_OP: case OP_CONTAINS_OP: case OP_LIST_APPEND:
    case OP_SET_ADD: case OP_LIST_EXTEND: case OP_SET_UPDATE: case OP_DICT_UPDATE:
    case OP_DICT_MERGE: case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE:
    case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP: case OP_POP_JUMP_IF_NOT_NONE:
    case OP_RETURN_VALUE: case OP_RERAISE: case OP_POP_EXCEPT:
        return -1;
    case OP_COPY: case OP_LOAD_CONST: case OP_LOAD_FAST: case OP_LOAD_DEREF:
    case OP_LOAD_CLOSURE: case OP_LOAD_GLOBAL: case OP_LOAD_NAME: case OP_LOAD_METHOD:
    case OP_IMPORT_NAME: case OP_IMPORT_FROM: case OP_PUSH_EXC_INFO:
    case OP_LOAD_ASSERTION_ERROR: case OP_BEFORE_WITH: case OP_WITH_EXCEPT_START:
    case OP_FOR_ITER:
        return 1;
    case OP_STORE_ATTR: case OP_DELETE_SUBSCR: case OP_MAP_ADD:
        return -2;
    case OP_STORE_SUBSCR:
        return -3;
    case OP_BUILD_SLICE: case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET:
    case OP_BUILD_STRING:
        return 1 - arg;
    case OP_BUILD_MAP:
        return 1 - 2 * arg;
    case OP_FORMAT_VALUE:
        return (arg & 4) ? -1 : 0;
    case OP_UNPACK_SEQUENCE:
        return arg - 1;
    case OP_UNPACK_EX:
        return (arg & 0xff) + (arg >> 8);
    case OP_CALL:
        return -arg;
    case OP_CALL_METHOD: case OP_CALL_KW: case OP_MAKE_CLASS:
        return -arg - 1;
    case OP_CALL_EX:
        return -1 - (arg & 1);
    case OP_MAKE_FUNCTION:
        return -((arg & 1) + ((arg >> 1) & 1) + ((arg >> 2) & 1));
    case OP_RAISE:
        return -arg;
    }
    return 0;
}

static int new_label(Compiler *c)
{
    Builder *b = c->b;
    if (b->nlabels == b->caplabels) {
        int ncap = b->caplabels ? b->caplabels * 2 : 32;
        b->label_pos = check(c, realloc(b->label_pos, (size_t)ncap * sizeof(int)));
        b->label_depth = check(c, realloc(b->label_depth, (size_t)ncap * sizeof(int)));
        b->caplabels = ncap;
    }
    b->label_pos[b->nlabels] = -1;
    b->label_depth[b->nlabels] = -1;
    return b->nlabels++;
}

static void set_depth(Builder *b, int depth)
{
    b->depth = depth;
    if (depth > b->maxdepth)
        b->maxdepth = depth;
}

/* Note the stack depth control arrives at label with. */
static void note_label_depth(Builder *b, int label, int depth)
{
    if (b->label_depth[label] < depth)
        b->label_depth[label] = depth;
}

static void bind_label(Compiler *c, int label)
{
    Builder *b = c->b;
    b->label_pos[label] = b->n;
    if (!b->reachable || b->label_depth[label] > b->depth)
        set_depth(b, b->label_depth[label] < 0 ? b->depth : b->label_depth[label]);
    else
        note_label_depth(b, label, b->depth);
    b->reachable = true;
}

static void emit(Compiler *c, int op, int arg)
{
    Builder *b = c->b;
    if ((unsigned)arg > MP_MAX_ARG)
        syntax_error_at(c, mp_SyntaxError, "too many constants or names in one code object",
                        b->loc.line, 1, NULL);
    grow_instrs(c, b);
    b->instrs[b->n] = MP_INSTR(op, arg);
    b->lines[b->n] = b->loc.line;
    note_position(c, b);
    b->handler_of[b->n] = b->nhstack ? b->hstack[b->nhstack - 1] : -1;
    b->n++;
    set_depth(b, b->depth + stack_effect(op, arg));
    if (op == OP_JUMP || op == OP_JUMP_BACKWARD || op == OP_RETURN_VALUE ||
        op == OP_RERAISE || op == OP_RAISE)
        b->reachable = false;
}

/* Jumps carry label numbers until the builder is finished. */
static void emit_jump(Compiler *c, int op, int label)
{
    Builder *b = c->b;
    int before = b->depth;
    emit(c, op, label);
    int at_target = before;
    switch (op) {
    case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE: case OP_POP_JUMP_IF_NOT_NONE:
        at_target = before - 1;
        break;
    case OP_FOR_ITER:
        at_target = before - 1;
        break;
    default:
        break;
    }
    note_label_depth(b, label, at_target);
}

/* A handler: exceptions in instructions emitted while it is pushed unwind
   the stack to the current depth (plus extra) and jump to label. */
static int push_handler(Compiler *c, int label, int extra)
{
    Builder *b = c->b;
    if (b->nhandlers == b->caphandlers) {
        int ncap = b->caphandlers ? b->caphandlers * 2 : 8;
        b->handlers = check(c, realloc(b->handlers, (size_t)ncap * sizeof(Handler)));
        b->caphandlers = ncap;
    }
    if (b->nhstack == MAX_NESTING)
        syntax_error_at(c, mp_SyntaxError, "too many statically nested blocks", b->loc.line, 1,
                        NULL);
    b->handlers[b->nhandlers] = (Handler){label, b->depth + extra};
    note_label_depth(b, label, b->depth + extra + 1);
    b->hstack[b->nhstack++] = b->nhandlers;
    return b->nhandlers++;
}

static void pop_handler(Compiler *c)
{
    c->b->nhstack--;
}

static int list_index(Compiler *c, MpObject *list, MpObject *v, bool (*same)(MpObject *, MpObject *))
{
    for (int64_t i = 0; i < MP_LIST_SIZE(list); i++)
        if (same(MP_LIST_ITEMS(list)[i], v))
            return (int)i;
    if (mp_list_append(list, v) < 0)
        fail(c);
    return (int)(MP_LIST_SIZE(list) - 1);
}

static bool same_const(MpObject *a, MpObject *b)
{
    if (a->type != b->type)
        return false;
    if (mp_is_str(a))
        return mp_str_equal(a, b);
    if (mp_is_int(a))
        return MP_INT_VALUE(a) == MP_INT_VALUE(b);
    if (a->type == &mp_float_type.gc)
        return memcmp(&MP_FLOAT_VALUE(a), &MP_FLOAT_VALUE(b), sizeof(double)) == 0;
    return a == b;
}

static bool same_str(MpObject *a, MpObject *b)
{
    return mp_str_equal(a, b);
}

/* Index of a constant; steals v. */
static int add_const(Compiler *c, MpObject *v)
{
    check(c, v);
    int i = list_index(c, c->b->consts, v, same_const);
    MP_DECREF(v);
    return i;
}

static MpObject *intern(Compiler *c, const char *s)
{
    return check(c, mp_str_intern(s));
}

static int name_index(Compiler *c, MpObject *list, const char *name)
{
    MpObject *s = intern(c, name);
    int i = list_index(c, list, s, same_str);
    MP_DECREF(s);
    return i;
}

static void emit_const(Compiler *c, MpObject *v)
{
    emit(c, OP_LOAD_CONST, add_const(c, v));
}

static void emit_none(Compiler *c)
{
    MP_INCREF(mp_none);
    emit_const(c, mp_none);
}

/* ==== Names ==== */

typedef enum NameOp { NAME_LOAD, NAME_STORE, NAME_DEL } NameOp;

static int slot_of(Compiler *c, const char *name, SymWhere where)
{
    Builder *b = c->b;
    MpObject *list = where == SYM_LOCAL ? b->varnames
                     : where == SYM_CELL ? b->cellvars
                                         : b->freevars;
    int i = name_index(c, list, name);
    if (where == SYM_LOCAL)
        return i;
    /* Cells and free variables follow the locals in the frame's slots; the
       locals are all known before any code is generated. */
    int base = (int)MP_LIST_SIZE(b->varnames);
    if (where == SYM_FREE)
        base += (int)MP_LIST_SIZE(b->cellvars);
    return base + i;
}

static void compile_name(Compiler *c, const char *name, NameOp op)
{
    Symbol *sym = symtable_lookup(c->b->scope, name);
    SymWhere where = sym ? sym->where : (c->b->scope->kind == SCOPE_CLASS ? SYM_NAME : SYM_GLOBAL);
    static const int ops[][3] = {
        [SYM_LOCAL] = {OP_LOAD_FAST, OP_STORE_FAST, OP_DELETE_FAST},
        [SYM_CELL] = {OP_LOAD_DEREF, OP_STORE_DEREF, OP_DELETE_DEREF},
        [SYM_FREE] = {OP_LOAD_DEREF, OP_STORE_DEREF, OP_DELETE_DEREF},
        [SYM_GLOBAL] = {OP_LOAD_GLOBAL, OP_STORE_GLOBAL, OP_DELETE_GLOBAL},
        [SYM_NAME] = {OP_LOAD_NAME, OP_STORE_NAME, OP_DELETE_NAME},
    };
    int arg = where == SYM_GLOBAL || where == SYM_NAME ? name_index(c, c->b->names, name)
                                                       : slot_of(c, name, where);
    emit(c, ops[where][op], arg);
}

/* ==== Expressions ==== */

static void compile_expr(Compiler *c, const Expr *e);
static void compile_stmts(Compiler *c, const StmtList *l);
static void compile_store(Compiler *c, const Expr *target);
static MpCode *compile_scope(Compiler *c, Scope *scope, const char *qualname,
                             const Arguments *args, const StmtList *body, const Expr *expr_body,
                             const Expr *comprehension);

static void compile_exprs(Compiler *c, const ExprList *l)
{
    for (int i = 0; i < l->count; i++)
        compile_expr(c, l->items[i]);
}

static bool has_starred(const ExprList *l)
{
    for (int i = 0; i < l->count; i++)
        if (l->items[i]->kind == EXPR_STARRED)
            return true;
    return false;
}

/* Build a list (or a set) from elements some of which are *starred: an empty
   one, then each element added or each starred iterable's items. */
static void compile_starred_display(Compiler *c, const ExprList *l, bool set)
{
    static const int ops[2][3] = {{OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND},
                                  {OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE}};
    emit(c, ops[set][0], 0);
    for (int i = 0; i < l->count; i++) {
        const Expr *e = l->items[i];
        bool star = e->kind == EXPR_STARRED;
        compile_expr(c, star ? e->starred.value : e);
        emit(c, ops[set][star ? 2 : 1], 1);
    }
}

static MpObject *const_object(Compiler *c, const Expr *e)
{
    switch (e->constant.kind) {
    case CONST_NONE:
        MP_INCREF(mp_none);
        return mp_none;
    case CONST_TRUE:
        return mp_bool(true);
    case CONST_FALSE:
        return mp_bool(false);
    case CONST_INT:
        return check(c, mp_int_new(e->constant.i));
    case CONST_FLOAT:
        return check(c, mp_float_new(e->constant.f));
    case CONST_STR: {
        MpObject *s = check(c, mp_str_new(e->constant.s.data, e->constant.s.len));
        /* Identifier-like constants are interned, as CPython does. */
        bool ident = e->constant.s.len < 64;
        for (size_t i = 0; i < e->constant.s.len && ident; i++) {
            char ch = e->constant.s.data[i];
            ident = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '_';
        }
        if (ident)
            mp_str_intern_inplace(&s);
        return s;
    }
    case CONST_ELLIPSIS:
        break;
    }
    syntax_error(c, "'...' is not supported in Minipy", e->pos);
}

/* Is every element a constant (or a tuple of constants), as CPython folds? */
static bool all_constant(const ExprList *l)
{
    for (int i = 0; i < l->count; i++) {
        const Expr *x = l->items[i];
        if (x->kind == EXPR_TUPLE && x->list.elts.count > 0 && all_constant(&x->list.elts))
            continue;
        if (x->kind == EXPR_UNARYOP && x->unaryop.op == AST_USUB &&
            x->unaryop.operand->kind == EXPR_CONSTANT &&
            (x->unaryop.operand->constant.kind == CONST_INT ||
             x->unaryop.operand->constant.kind == CONST_FLOAT) &&
            !(x->unaryop.operand->constant.kind == CONST_INT &&
              x->unaryop.operand->constant.i == INT64_MIN))
            continue;
        if (x->kind != EXPR_CONSTANT || x->constant.kind == CONST_ELLIPSIS)
            return false;
    }
    return true;
}

/* The tuple of constant elements (new reference); see all_constant. */
static MpObject *const_tuple(Compiler *c, const ExprList *l)
{
    MpObject *t = check(c, mp_tuple_new(l->count));
    for (int i = 0; i < l->count; i++) {
        const Expr *x = l->items[i];
        MpObject *v;
        if (x->kind == EXPR_TUPLE)
            v = const_tuple(c, &x->list.elts);
        else if (x->kind == EXPR_UNARYOP && x->unaryop.operand->constant.kind == CONST_INT)
            v = check(c, mp_int_new(-x->unaryop.operand->constant.i));
        else if (x->kind == EXPR_UNARYOP)
            v = check(c, mp_float_new(-x->unaryop.operand->constant.f));
        else
            v = const_object(c, x);
        MP_TUPLE_ITEMS(t)[i] = v;
    }
    return t;
}

static const int binop_of[] = {
    [AST_ADD] = MP_OP_ADD,         [AST_SUB] = MP_OP_SUB,       [AST_MULT] = MP_OP_MUL,
    [AST_DIV] = MP_OP_TRUEDIV,     [AST_FLOORDIV] = MP_OP_FLOORDIV, [AST_MOD] = MP_OP_MOD,
    [AST_POW] = MP_OP_POW,         [AST_LSHIFT] = MP_OP_LSHIFT, [AST_RSHIFT] = MP_OP_RSHIFT,
    [AST_BITOR] = MP_OP_OR,        [AST_BITXOR] = MP_OP_XOR,    [AST_BITAND] = MP_OP_AND,
};

static void compile_compare_op(Compiler *c, AstCmpOp op)
{
    switch (op) {
    case AST_EQ: emit(c, OP_COMPARE_OP, MP_EQ); break;
    case AST_NOTEQ: emit(c, OP_COMPARE_OP, MP_NE); break;
    case AST_LT: emit(c, OP_COMPARE_OP, MP_LT); break;
    case AST_LTE: emit(c, OP_COMPARE_OP, MP_LE); break;
    case AST_GT: emit(c, OP_COMPARE_OP, MP_GT); break;
    case AST_GTE: emit(c, OP_COMPARE_OP, MP_GE); break;
    case AST_IS: emit(c, OP_IS_OP, 0); break;
    case AST_ISNOT: emit(c, OP_IS_OP, 1); break;
    case AST_IN: emit(c, OP_CONTAINS_OP, 0); break;
    case AST_NOTIN: emit(c, OP_CONTAINS_OP, 1); break;
    }
}

static void compile_compare(Compiler *c, const Expr *e)
{
    compile_expr(c, e->compare.left);
    int n = e->compare.count;
    if (n == 1) {
        compile_expr(c, e->compare.comparators[0]);
        compile_compare_op(c, e->compare.ops[0]);
        return;
    }
    int cleanup = new_label(c), end = new_label(c);
    for (int i = 0; i < n - 1; i++) {
        compile_expr(c, e->compare.comparators[i]);
        emit(c, OP_SWAP, 2);
        emit(c, OP_COPY, 2);
        compile_compare_op(c, e->compare.ops[i]);
        emit_jump(c, OP_JUMP_IF_FALSE_OR_POP, cleanup);
    }
    compile_expr(c, e->compare.comparators[n - 1]);
    compile_compare_op(c, e->compare.ops[n - 1]);
    emit_jump(c, OP_JUMP, end);
    bind_label(c, cleanup);
    emit(c, OP_SWAP, 2);
    emit(c, OP_POP_TOP, 0);
    bind_label(c, end);
}

/* Emit a MAKE_FUNCTION for a child scope's code, with defaults and closure. */
static void make_function(Compiler *c, MpCode *code, const Arguments *args)
{
    int flags = 0;
    if (args && args->defaults.count) {
        compile_exprs(c, &args->defaults);
        emit(c, OP_BUILD_TUPLE, args->defaults.count);
        flags |= MP_FN_DEFAULTS;
    }
    if (args) {
        int nkw = 0;
        for (int i = 0; i < args->kwonlyargs.count; i++) {
            if (!args->kw_defaults.items[i])
                continue;
            emit_const(c, intern(c, args->kwonlyargs.items[i]->arg));
            compile_expr(c, args->kw_defaults.items[i]);
            nkw++;
        }
        if (nkw) {
            emit(c, OP_BUILD_MAP, nkw);
            flags |= MP_FN_KWDEFAULTS;
        }
    }
    if (code->nfree) {
        for (int i = 0; i < code->nfree; i++) {
            const char *name = MP_STR_DATA(MP_TUPLE_ITEMS(code->freevars)[i]);
            Symbol *sym = symtable_lookup(c->b->scope, name);
            SymWhere where = sym && sym->where == SYM_FREE ? SYM_FREE : SYM_CELL;
            emit(c, OP_LOAD_CLOSURE, slot_of(c, name, where));
        }
        emit(c, OP_BUILD_TUPLE, code->nfree);
        flags |= MP_FN_CLOSURE;
    }
    emit_const(c, &code->ob);
    emit(c, OP_MAKE_FUNCTION, flags);
}

static const char *child_qualname(Compiler *c, const char *name)
{
    Builder *b = c->b;
    if (b->scope->kind == SCOPE_MODULE)
        return name;
    const char *sep = b->scope->kind == SCOPE_FUNCTION ? ".<locals>." : ".";
    size_t n = strlen(b->qualname) + strlen(sep) + strlen(name) + 1;
    char *q = check(c, ast_alloc(c->arena, n));
    snprintf(q, n, "%s%s%s", b->qualname, sep, name);
    return q;
}

static void compile_comprehension(Compiler *c, const Expr *e)
{
    Scope *scope = symtable_child(c->b->scope, e);
    MP_ASSERT(scope);
    const ComprehensionList *gens =
        e->kind == EXPR_DICTCOMP ? &e->dictcomp.generators : &e->comp.generators;
    MpCode *code = compile_scope(c, scope, child_qualname(c, scope->name), NULL, NULL, NULL, e);
    make_function(c, code, NULL);
    compile_expr(c, gens->items[0]->iter);
    emit(c, OP_GET_ITER, 0);
    emit(c, OP_CALL, 1);
    if (e->kind == EXPR_GENERATOREXP)
        emit(c, OP_GET_ITER, 1);
}

/* The body of a comprehension's function: loops nested in order, the result
   container at the bottom of the stack. */
static void comprehension_body(Compiler *c, const Expr *e, int gen, int depth)
{
    const ComprehensionList *gens =
        e->kind == EXPR_DICTCOMP ? &e->dictcomp.generators : &e->comp.generators;
    const Comprehension *g = gens->items[gen];
    int top = new_label(c), end = new_label(c);
    if (gen == 0) {
        emit(c, OP_LOAD_FAST, 0);
    } else {
        compile_expr(c, g->iter);
        emit(c, OP_GET_ITER, 0);
    }
    bind_label(c, top);
    emit_jump(c, OP_FOR_ITER, end);
    compile_store(c, g->target);
    for (int i = 0; i < g->ifs.count; i++) {
        compile_expr(c, g->ifs.items[i]);
        emit_jump(c, OP_POP_JUMP_IF_FALSE, top);
    }
    if (gen + 1 < gens->count) {
        comprehension_body(c, e, gen + 1, depth + 1);
    } else if (e->kind == EXPR_DICTCOMP) {
        compile_expr(c, e->dictcomp.key);
        compile_expr(c, e->dictcomp.value);
        emit(c, OP_MAP_ADD, depth + 1);
    } else {
        compile_expr(c, e->comp.elt);
        emit(c, e->kind == EXPR_SETCOMP ? OP_SET_ADD : OP_LIST_APPEND, depth + 1);
    }
    emit_jump(c, OP_JUMP_BACKWARD, top);
    bind_label(c, end);
}

/* The span of an operation on attribute `attr` (its load, store, method
   call...) covering `span`: as CPython 3.11, one starting on another line
   than the attribute name's starts at that name. */
static AstPos attr_span(AstPos span, const Expr *attr)
{
    if (span.line == attr->pos.end_line)
        return span;
    span.line = attr->pos.end_line;
    const char *name = attr->attribute.attr;
    span.col = attr->pos.end_col - scanner_count_chars(name, strlen(name));
    if (span.end_line < span.line)
        span.end_line = span.line;
    if (span.end_line == span.line && span.end_col < span.col)
        span.end_col = span.col;
    return span;
}

static void compile_call(Compiler *c, const Expr *e)
{
    const ExprList *args = &e->call.args;
    const KeywordList *kws = &e->call.keywords;
    bool star = has_starred(args);
    for (int i = 0; i < kws->count; i++)
        star = star || !kws->items[i]->arg;
    if (star) {
        compile_expr(c, e->call.func);
        compile_starred_display(c, args, false);
        emit(c, OP_LIST_TO_TUPLE, 0);
        if (kws->count) {
            emit(c, OP_BUILD_MAP, 0);
            for (int i = 0; i < kws->count; i++) {
                const Keyword *k = kws->items[i];
                if (k->arg) {
                    emit_const(c, intern(c, k->arg));
                    compile_expr(c, k->value);
                    emit(c, OP_BUILD_MAP, 1);
                    emit(c, OP_DICT_MERGE, 1);
                } else {
                    compile_expr(c, k->value);
                    emit(c, OP_DICT_MERGE, 1);
                }
            }
        }
        emit(c, OP_CALL_EX, kws->count ? 1 : 0);
        return;
    }
    const Expr *func = e->call.func;
    /* CPython calls a method (even with keywords) from the attribute's line. */
    AstPos call_span = func->kind == EXPR_ATTRIBUTE ? attr_span(e->pos, func) : e->pos;
    if (kws->count == 0 && func->kind == EXPR_ATTRIBUTE) {
        compile_expr(c, func->attribute.value);
        c->b->loc = attr_span(func->pos, func);
        emit(c, OP_LOAD_METHOD, name_index(c, c->b->names, func->attribute.attr));
        compile_exprs(c, args);
        c->b->loc = call_span;
        emit(c, OP_CALL_METHOD, args->count);
        return;
    }
    compile_expr(c, func);
    compile_exprs(c, args);
    if (kws->count == 0) {
        c->b->loc = call_span;
        emit(c, OP_CALL, args->count);
        return;
    }
    MpObject *names = check(c, mp_tuple_new(kws->count));
    for (int i = 0; i < kws->count; i++) {
        for (int j = 0; j < i; j++)
            if (strcmp(kws->items[j]->arg, kws->items[i]->arg) == 0) {
                MP_DECREF(names);
                syntax_error(c, "keyword argument repeated", kws->items[i]->pos);
            }
        compile_expr(c, kws->items[i]->value);
        MP_TUPLE_ITEMS(names)[i] = intern(c, kws->items[i]->arg);
    }
    emit_const(c, names);
    c->b->loc = call_span;
    emit(c, OP_CALL_KW, args->count + kws->count);
}

static void compile_fstring(Compiler *c, const Expr *e)
{
    const ExprList *vals = &e->joinedstr.values;
    for (int i = 0; i < vals->count; i++) {
        const Expr *v = vals->items[i];
        if (v->kind != EXPR_FORMATTEDVALUE) {
            compile_expr(c, v);
            continue;
        }
        compile_expr(c, v->formattedvalue.value);
        int flags = v->formattedvalue.conversion == 's'   ? 1
                    : v->formattedvalue.conversion == 'r' ? 2
                    : v->formattedvalue.conversion == 'a' ? 3
                                                          : 0;
        if (v->formattedvalue.format_spec) {
            compile_fstring(c, v->formattedvalue.format_spec);
            flags |= 4;
        }
        emit(c, OP_FORMAT_VALUE, flags);
    }
    if (vals->count != 1 || vals->items[0]->kind == EXPR_FORMATTEDVALUE)
        emit(c, OP_BUILD_STRING, vals->count);
}

static void compile_expr(Compiler *c, const Expr *e)
{
    AstPos saved = c->b->loc;
    c->b->loc = e->pos;
    switch (e->kind) {
    case EXPR_BOOLOP: {
        int end = new_label(c);
        int op = e->boolop.op == AST_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
        for (int i = 0; i < e->boolop.values.count; i++) {
            compile_expr(c, e->boolop.values.items[i]);
            if (i + 1 < e->boolop.values.count)
                emit_jump(c, op, end);
        }
        bind_label(c, end);
        break;
    }
    case EXPR_BINOP:
        compile_expr(c, e->binop.left);
        compile_expr(c, e->binop.right);
        emit(c, OP_BINARY_OP, binop_of[e->binop.op]);
        break;
    case EXPR_UNARYOP: {
        const Expr *v = e->unaryop.operand;
        /* -5 and -2.5 are constants, as CPython's folding makes them. */
        if (e->unaryop.op == AST_USUB && v->kind == EXPR_CONSTANT &&
            (v->constant.kind == CONST_INT || v->constant.kind == CONST_FLOAT) &&
            !(v->constant.kind == CONST_INT && v->constant.i == INT64_MIN)) {
            if (v->constant.kind == CONST_INT)
                emit_const(c, check(c, mp_int_new(-v->constant.i)));
            else
                emit_const(c, check(c, mp_float_new(-v->constant.f)));
            break;
        }
        compile_expr(c, v);
        switch (e->unaryop.op) {
        case AST_NOT: emit(c, OP_UNARY_NOT, 0); break;
        case AST_USUB: emit(c, OP_UNARY_OP, MP_OP_NEG); break;
        case AST_UADD: emit(c, OP_UNARY_OP, MP_OP_POS); break;
        case AST_INVERT: emit(c, OP_UNARY_OP, MP_OP_INVERT); break;
        }
        break;
    }
    case EXPR_LAMBDA: {
        Scope *scope = symtable_child(c->b->scope, e);
        MP_ASSERT(scope);
        MpCode *code = compile_scope(c, scope, child_qualname(c, "<lambda>"), e->lambda.args,
                                     NULL, e->lambda.body, NULL);
        make_function(c, code, e->lambda.args);
        break;
    }
    case EXPR_IFEXP: {
        int orelse = new_label(c), end = new_label(c);
        compile_expr(c, e->ifexp.test);
        emit_jump(c, OP_POP_JUMP_IF_FALSE, orelse);
        compile_expr(c, e->ifexp.body);
        emit_jump(c, OP_JUMP, end);
        bind_label(c, orelse);
        compile_expr(c, e->ifexp.orelse);
        bind_label(c, end);
        break;
    }
    case EXPR_DICT: {
        bool splat = false;
        for (int i = 0; i < e->dict.keys.count; i++)
            splat = splat || !e->dict.keys.items[i];
        if (!splat) {
            for (int i = 0; i < e->dict.keys.count; i++) {
                compile_expr(c, e->dict.keys.items[i]);
                compile_expr(c, e->dict.values.items[i]);
            }
            emit(c, OP_BUILD_MAP, e->dict.keys.count);
            break;
        }
        emit(c, OP_BUILD_MAP, 0);
        for (int i = 0; i < e->dict.keys.count; i++) {
            if (e->dict.keys.items[i]) {
                compile_expr(c, e->dict.keys.items[i]);
                compile_expr(c, e->dict.values.items[i]);
                emit(c, OP_MAP_ADD, 1);
            } else {
                compile_expr(c, e->dict.values.items[i]);
                emit(c, OP_DICT_UPDATE, 1);
            }
        }
        break;
    }
    case EXPR_SET:
        if (has_starred(&e->set.elts)) {
            compile_starred_display(c, &e->set.elts, true);
        } else {
            compile_exprs(c, &e->set.elts);
            emit(c, OP_BUILD_SET, e->set.elts.count);
        }
        break;
    case EXPR_LISTCOMP:
    case EXPR_SETCOMP:
    case EXPR_DICTCOMP:
    case EXPR_GENERATOREXP:
        compile_comprehension(c, e);
        break;
    case EXPR_COMPARE:
        compile_compare(c, e);
        break;
    case EXPR_CALL:
        compile_call(c, e);
        break;
    case EXPR_FORMATTEDVALUE:
    case EXPR_JOINEDSTR:
        compile_fstring(c, e);
        break;
    case EXPR_CONSTANT:
        emit_const(c, const_object(c, e));
        break;
    case EXPR_ATTRIBUTE:
        compile_expr(c, e->attribute.value);
        c->b->loc = attr_span(e->pos, e);
        emit(c, OP_LOAD_ATTR, name_index(c, c->b->names, e->attribute.attr));
        break;
    case EXPR_SUBSCRIPT:
        compile_expr(c, e->subscript.value);
        compile_expr(c, e->subscript.slice);
        emit(c, OP_BINARY_SUBSCR, 0);
        break;
    case EXPR_STARRED:
        syntax_error(c, "can't use starred expression here", e->pos);
    case EXPR_NAME:
        compile_name(c, e->name.id, NAME_LOAD);
        break;
    case EXPR_LIST:
        if (has_starred(&e->list.elts)) {
            compile_starred_display(c, &e->list.elts, false);
        } else if (e->list.elts.count >= 3 && all_constant(&e->list.elts)) {
            /* As CPython 3.11: [1, 2, 3] extends an empty list by a constant
               tuple (which also gives CPython's list capacity). */
            emit(c, OP_BUILD_LIST, 0);
            emit_const(c, const_tuple(c, &e->list.elts));
            emit(c, OP_LIST_EXTEND, 1);
        } else {
            compile_exprs(c, &e->list.elts);
            emit(c, OP_BUILD_LIST, e->list.elts.count);
        }
        break;
    case EXPR_TUPLE:
        if (e->list.elts.count > 0 && all_constant(&e->list.elts)) {
            emit_const(c, const_tuple(c, &e->list.elts));
        } else if (has_starred(&e->list.elts)) {
            compile_starred_display(c, &e->list.elts, false);
            emit(c, OP_LIST_TO_TUPLE, 0);
        } else {
            compile_exprs(c, &e->list.elts);
            emit(c, OP_BUILD_TUPLE, e->list.elts.count);
        }
        break;
    case EXPR_SLICE: {
        const Expr *parts[] = {e->slice.lower, e->slice.upper, e->slice.step};
        int n = e->slice.step ? 3 : 2;
        for (int i = 0; i < n; i++) {
            if (parts[i])
                compile_expr(c, parts[i]);
            else
                emit_none(c);
        }
        emit(c, OP_BUILD_SLICE, n);
        break;
    }
    }
    c->b->loc = saved;
}

/* ==== Assignment targets ==== */

/* Store to or delete (op) a name, an attribute or a subscript; false for any
   other target, which the caller handles. */
static bool compile_simple_target(Compiler *c, const Expr *t, NameOp op)
{
    AstPos saved = c->b->loc;
    c->b->loc = t->pos;
    bool simple = true;
    switch (t->kind) {
    case EXPR_NAME:
        compile_name(c, t->name.id, op);
        break;
    case EXPR_ATTRIBUTE:
        compile_expr(c, t->attribute.value);
        c->b->loc = attr_span(t->pos, t);
        emit(c, op == NAME_STORE ? OP_STORE_ATTR : OP_DELETE_ATTR,
             name_index(c, c->b->names, t->attribute.attr));
        break;
    case EXPR_SUBSCRIPT:
        compile_expr(c, t->subscript.value);
        compile_expr(c, t->subscript.slice);
        emit(c, op == NAME_STORE ? OP_STORE_SUBSCR : OP_DELETE_SUBSCR, 0);
        break;
    default:
        simple = false;
    }
    c->b->loc = saved;
    return simple;
}

static void compile_store(Compiler *c, const Expr *t)
{
    if (compile_simple_target(c, t, NAME_STORE))
        return;
    switch (t->kind) {
    case EXPR_LIST:
    case EXPR_TUPLE: {
        const ExprList *elts = &t->list.elts;
        AstPos saved = c->b->loc;
        c->b->loc = t->pos;
        int star = -1;
        for (int i = 0; i < elts->count; i++) {
            if (elts->items[i]->kind != EXPR_STARRED)
                continue;
            if (star >= 0)
                syntax_error(c, "multiple starred expressions in assignment", t->pos);
            star = i;
        }
        if (star < 0) {
            emit(c, OP_UNPACK_SEQUENCE, elts->count);
        } else {
            if (star > 255 || elts->count - star - 1 > 255)
                syntax_error(c, "too many expressions in star-unpacking assignment", t->pos);
            emit(c, OP_UNPACK_EX, star | ((elts->count - star - 1) << 8));
        }
        for (int i = 0; i < elts->count; i++) {
            const Expr *x = elts->items[i];
            compile_store(c, x->kind == EXPR_STARRED ? x->starred.value : x);
        }
        c->b->loc = saved;
        break;
    }
    case EXPR_STARRED:
        syntax_error(c, "starred assignment target must be in a list or tuple", t->pos);
    default:
        syntax_error(c, "cannot assign to expression", t->pos);
    }
}

static void compile_delete(Compiler *c, const Expr *t)
{
    if (compile_simple_target(c, t, NAME_DEL))
        return;
    switch (t->kind) {
    case EXPR_LIST:
    case EXPR_TUPLE:
        for (int i = 0; i < t->list.elts.count; i++)
            compile_delete(c, t->list.elts.items[i]);
        break;
    default:
        syntax_error(c, "cannot delete expression", t->pos);
    }
}

/* As CPython 3.11, the target's load and store have the target's span and
   the operation the statement's. */
static void compile_augassign(Compiler *c, const Stmt *s)
{
    const Expr *t = s->augassign.target;
    int op = binop_of[s->augassign.op] | 0x80;
    AstPos target = t->kind == EXPR_ATTRIBUTE ? attr_span(t->pos, t) : t->pos;
    c->b->loc = t->pos;
    switch (t->kind) {
    case EXPR_NAME:
        compile_name(c, t->name.id, NAME_LOAD);
        c->b->loc = s->pos;
        compile_expr(c, s->augassign.value);
        emit(c, OP_BINARY_OP, op);
        c->b->loc = target;
        compile_name(c, t->name.id, NAME_STORE);
        break;
    case EXPR_ATTRIBUTE: {
        int name = name_index(c, c->b->names, t->attribute.attr);
        compile_expr(c, t->attribute.value);
        c->b->loc = target;
        emit(c, OP_COPY, 1);
        emit(c, OP_LOAD_ATTR, name);
        c->b->loc = s->pos;
        compile_expr(c, s->augassign.value);
        emit(c, OP_BINARY_OP, op);
        c->b->loc = target;
        emit(c, OP_SWAP, 2);
        emit(c, OP_STORE_ATTR, name);
        break;
    }
    case EXPR_SUBSCRIPT:
        compile_expr(c, t->subscript.value);
        compile_expr(c, t->subscript.slice);
        emit(c, OP_COPY, 2);
        emit(c, OP_COPY, 2);
        emit(c, OP_BINARY_SUBSCR, 0);
        c->b->loc = s->pos;
        compile_expr(c, s->augassign.value);
        emit(c, OP_BINARY_OP, op);
        c->b->loc = target;
        emit(c, OP_SWAP, 3);
        emit(c, OP_SWAP, 2);
        emit(c, OP_STORE_SUBSCR, 0);
        break;
    default:
        syntax_error(c, "illegal expression for augmented assignment", t->pos);
    }
}

/* ==== Blocks that return/break/continue must unwind ==== */

static FBlock *push_fblock(Compiler *c, FBlockKind kind, AstPos pos)
{
    Builder *b = c->b;
    if (b->nfblocks == MAX_NESTING)
        syntax_error(c, "too many statically nested blocks", pos);
    FBlock *f = &b->fblocks[b->nfblocks++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->handler = -1;
    return f;
}

static void pop_fblock(Compiler *c)
{
    c->b->nfblocks--;
}

static void clear_handler_name(Compiler *c, const char *name)
{
    if (!name)
        return;
    emit_none(c);
    compile_name(c, name, NAME_STORE);
    compile_name(c, name, NAME_DEL);
}

/* Emit what leaving block f early requires. preserve_tos: a return value sits
   on top of the stack and must stay there. */
static void unwind_fblock(Compiler *c, const FBlock *f, bool preserve_tos)
{
    switch (f->kind) {
    case FB_WHILE:
    case FB_TRY_EXCEPT:
        break;
    case FB_FOR:
        if (preserve_tos)
            emit(c, OP_SWAP, 2);
        emit(c, OP_POP_TOP, 0);
        break;
    case FB_FINALLY_TRY:
        compile_stmts(c, f->finalbody);
        break;
    case FB_FINALLY_END:
        /* (prev, exc [, value]): drop exc, restore prev. */
        if (preserve_tos)
            emit(c, OP_SWAP, 2);
        emit(c, OP_POP_TOP, 0);
        if (preserve_tos)
            emit(c, OP_SWAP, 2);
        emit(c, OP_POP_EXCEPT, 0);
        break;
    case FB_HANDLER:
        if (preserve_tos)
            emit(c, OP_SWAP, 2);
        emit(c, OP_POP_EXCEPT, 0);
        clear_handler_name(c, f->name);
        break;
    case FB_WITH:
        if (preserve_tos)
            emit(c, OP_SWAP, 2);
        emit_none(c);
        emit_none(c);
        emit_none(c);
        emit(c, OP_CALL, 3);
        emit(c, OP_POP_TOP, 0);
        break;
    }
}

/* Unwind every block down to (not including) the innermost loop, or all of
   them for a return; then emit the jump. Handlers of unwound blocks must not
   protect the code that leaves them, so they are popped while it is emitted. */
static void compile_jump_out(Compiler *c, const Stmt *s, bool is_return, bool is_break)
{
    Builder *b = c->b;
    int saved_nf = b->nfblocks, saved_nh = b->nhstack;
    int hstack[MAX_NESTING];
    memcpy(hstack, b->hstack, sizeof hstack);
    const FBlock *loop = NULL;
    while (b->nfblocks > 0) {
        FBlock f = b->fblocks[b->nfblocks - 1];
        if (!is_return && (f.kind == FB_WHILE || f.kind == FB_FOR)) {
            loop = &b->fblocks[b->nfblocks - 1];
            break;
        }
        b->nfblocks--;
        if (f.handler >= 0)
            while (b->nhstack > 0 && b->hstack[b->nhstack - 1] != f.handler)
                b->nhstack--;
        if (f.handler >= 0 && b->nhstack > 0)
            b->nhstack--;
        unwind_fblock(c, &f, is_return);
    }
    if (is_return) {
        emit(c, OP_RETURN_VALUE, 0);
    } else if (!loop) {
        syntax_error(c, is_break ? "'break' outside loop" : "'continue' not properly in loop",
                     s->pos);
    } else if (is_break) {
        FBlock f = *loop;
        unwind_fblock(c, &f, false);
        emit_jump(c, OP_JUMP, f.break_label);
    } else {
        emit_jump(c, OP_JUMP_BACKWARD, loop->continue_label);
    }
    b->nfblocks = saved_nf;
    b->nhstack = saved_nh;
    memcpy(b->hstack, hstack, sizeof hstack);
}

/* ==== Statements ==== */

static void compile_try_except(Compiler *c, const Stmt *s)
{
    Builder *b = c->b;
    int except = new_label(c), end = new_label(c), cleanup = new_label(c);
    FBlock *f = push_fblock(c, FB_TRY_EXCEPT, s->pos);
    f->handler = push_handler(c, except, 0);
    compile_stmts(c, &s->trystmt.body);
    pop_handler(c);
    pop_fblock(c);
    compile_stmts(c, &s->trystmt.orelse);
    emit_jump(c, OP_JUMP, end);

    bind_label(c, except); /* (exc) */
    int h_cleanup = push_handler(c, cleanup, 0);
    emit(c, OP_PUSH_EXC_INFO, 0); /* (prev, exc) */
    for (int i = 0; i < s->trystmt.handlers.count; i++) {
        const ExceptHandler *h = s->trystmt.handlers.items[i];
        b->loc = h->pos;
        int next = new_label(c);
        if (h->type) {
            compile_expr(c, h->type);
            emit(c, OP_CHECK_EXC_MATCH, 0);
            emit_jump(c, OP_POP_JUMP_IF_FALSE, next);
        } else if (i + 1 < s->trystmt.handlers.count) {
            syntax_error(c, "default 'except:' must be last", h->pos);
        }
        if (h->name)
            compile_name(c, h->name, NAME_STORE);
        else
            emit(c, OP_POP_TOP, 0); /* (prev) */
        FBlock *hf = push_fblock(c, FB_HANDLER, h->pos);
        hf->name = h->name;
        int name_cleanup = new_label(c), h_name = -1;
        if (h->name)
            h_name = push_handler(c, name_cleanup, 0);
        hf->handler = h_name >= 0 ? h_name : h_cleanup;
        compile_stmts(c, &h->body);
        if (h->name)
            pop_handler(c);
        pop_fblock(c);
        emit(c, OP_POP_EXCEPT, 0);
        clear_handler_name(c, h->name);
        emit_jump(c, OP_JUMP, end);
        if (h->name) {
            /* An exception inside a named handler: unbind the name, re-raise. */
            bind_label(c, name_cleanup); /* (prev, exc2) */
            clear_handler_name(c, h->name);
            emit(c, OP_RERAISE, 0);
        }
        bind_label(c, next); /* (prev, exc) */
    }
    emit(c, OP_RERAISE, 0); /* no handler matched */
    pop_handler(c);
    bind_label(c, cleanup); /* (prev, exc2) */
    emit(c, OP_SWAP, 2);
    emit(c, OP_POP_EXCEPT, 0);
    emit(c, OP_RERAISE, 0);
    bind_label(c, end);
}

static void compile_try(Compiler *c, const Stmt *s)
{
    if (!s->trystmt.finalbody.count) {
        compile_try_except(c, s);
        return;
    }
    int fin_exc = new_label(c), end = new_label(c), cleanup = new_label(c);
    FBlock *f = push_fblock(c, FB_FINALLY_TRY, s->pos);
    f->finalbody = &s->trystmt.finalbody;
    f->handler = push_handler(c, fin_exc, 0);
    if (s->trystmt.handlers.count) {
        compile_try_except(c, s);
    } else {
        compile_stmts(c, &s->trystmt.body);
    }
    pop_handler(c);
    pop_fblock(c);
    compile_stmts(c, &s->trystmt.finalbody);
    emit_jump(c, OP_JUMP, end);

    bind_label(c, fin_exc); /* (exc) */
    int h_cleanup = push_handler(c, cleanup, 0);
    emit(c, OP_PUSH_EXC_INFO, 0); /* (prev, exc) */
    push_fblock(c, FB_FINALLY_END, s->pos)->handler = h_cleanup;
    compile_stmts(c, &s->trystmt.finalbody);
    pop_fblock(c);
    emit(c, OP_RERAISE, 0);
    pop_handler(c);
    bind_label(c, cleanup); /* (prev, exc2) */
    emit(c, OP_SWAP, 2);
    emit(c, OP_POP_EXCEPT, 0);
    emit(c, OP_RERAISE, 0);
    bind_label(c, end);
}

static void compile_with(Compiler *c, const Stmt *s, int item)
{
    const WithItem *w = s->with.items.items[item];
    int exc = new_label(c), end = new_label(c), cleanup = new_label(c),
        suppress = new_label(c);
    compile_expr(c, w->context_expr);
    emit(c, OP_BEFORE_WITH, 0); /* (exit, value) */
    FBlock *f = push_fblock(c, FB_WITH, s->pos);
    f->handler = push_handler(c, exc, -1);
    if (w->optional_vars)
        compile_store(c, w->optional_vars);
    else
        emit(c, OP_POP_TOP, 0);
    if (item + 1 < s->with.items.count)
        compile_with(c, s, item + 1);
    else
        compile_stmts(c, &s->with.body);
    pop_handler(c);
    pop_fblock(c);
    emit_none(c);
    emit_none(c);
    emit_none(c);
    emit(c, OP_CALL, 3);
    emit(c, OP_POP_TOP, 0);
    emit_jump(c, OP_JUMP, end);

    bind_label(c, exc); /* (exit, exc) */
    push_handler(c, cleanup, 0);
    emit(c, OP_PUSH_EXC_INFO, 0); /* (exit, prev, exc) */
    emit(c, OP_WITH_EXCEPT_START, 0);
    emit_jump(c, OP_POP_JUMP_IF_TRUE, suppress);
    emit(c, OP_RERAISE, 0);
    bind_label(c, suppress); /* (exit, prev, exc) */
    emit(c, OP_POP_TOP, 0);
    pop_handler(c);
    emit(c, OP_POP_EXCEPT, 0);
    emit(c, OP_POP_TOP, 0);
    emit_jump(c, OP_JUMP, end);
    bind_label(c, cleanup); /* (exit, prev, exc2) */
    emit(c, OP_SWAP, 2);
    emit(c, OP_POP_EXCEPT, 0);
    emit(c, OP_RERAISE, 0);
    bind_label(c, end);
}

/* Call the decorators on the stack, the last one first, each at its span. */
static void apply_decorators(Compiler *c, const ExprList *decorators)
{
    AstPos saved = c->b->loc;
    for (int i = decorators->count - 1; i >= 0; i--) {
        c->b->loc = decorators->items[i]->pos;
        emit(c, OP_CALL, 1);
    }
    c->b->loc = saved;
}

static void compile_function_def(Compiler *c, const Stmt *s)
{
    compile_exprs(c, &s->functiondef.decorator_list);
    Scope *scope = symtable_child(c->b->scope, s);
    MP_ASSERT(scope);
    MpCode *code = compile_scope(c, scope, child_qualname(c, s->functiondef.name),
                                 s->functiondef.args, &s->functiondef.body, NULL, NULL);
    make_function(c, code, s->functiondef.args);
    apply_decorators(c, &s->functiondef.decorator_list);
    compile_name(c, s->functiondef.name, NAME_STORE);
}

static void compile_class_def(Compiler *c, const Stmt *s)
{
    if (s->classdef.keywords.count)
        syntax_error(c, "class keywords (metaclass=...) are not supported in Minipy", s->pos);
    compile_exprs(c, &s->classdef.decorator_list);
    Scope *scope = symtable_child(c->b->scope, s);
    MP_ASSERT(scope);
    MpCode *code = compile_scope(c, scope, child_qualname(c, s->classdef.name), NULL,
                                 &s->classdef.body, NULL, NULL);
    make_function(c, code, NULL);
    emit_const(c, intern(c, s->classdef.name));
    for (int i = 0; i < s->classdef.bases.count; i++) {
        if (s->classdef.bases.items[i]->kind == EXPR_STARRED)
            syntax_error(c, "starred class bases are not supported in Minipy", s->pos);
        compile_expr(c, s->classdef.bases.items[i]);
    }
    emit(c, OP_MAKE_CLASS, s->classdef.bases.count);
    apply_decorators(c, &s->classdef.decorator_list);
    compile_name(c, s->classdef.name, NAME_STORE);
}

static void compile_import(Compiler *c, const Stmt *s)
{
    for (int i = 0; i < s->import.names.count; i++) {
        const Alias *a = s->import.names.items[i];
        if (strchr(a->name, '.'))
            syntax_error(c, "dotted imports are not supported in Minipy", a->pos);
        emit(c, OP_IMPORT_NAME, name_index(c, c->b->names, a->name));
        compile_name(c, a->asname ? a->asname : a->name, NAME_STORE);
    }
}

static void compile_import_from(Compiler *c, const Stmt *s)
{
    if (strchr(s->importfrom.module, '.'))
        syntax_error(c, "dotted imports are not supported in Minipy", s->pos);
    emit(c, OP_IMPORT_NAME, name_index(c, c->b->names, s->importfrom.module));
    for (int i = 0; i < s->importfrom.names.count; i++) {
        const Alias *a = s->importfrom.names.items[i];
        emit(c, OP_IMPORT_FROM, name_index(c, c->b->names, a->name));
        compile_name(c, a->asname ? a->asname : a->name, NAME_STORE);
    }
    emit(c, OP_POP_TOP, 0);
}

static bool in_function(Compiler *c)
{
    return c->b->scope->kind == SCOPE_FUNCTION;
}

/* The span CPython 3.11 is left with after compiling condition e (its
   compiler_jump_if): that of the last comparison met in not, and, or and
   if-else, else `span`. */
static AstPos condition_span(const Expr *e, AstPos span)
{
    switch (e->kind) {
    case EXPR_UNARYOP:
        return e->unaryop.op == AST_NOT ? condition_span(e->unaryop.operand, span) : span;
    case EXPR_BOOLOP:
        for (int i = 0; i < e->boolop.values.count; i++)
            span = condition_span(e->boolop.values.items[i], span);
        return span;
    case EXPR_IFEXP:
        span = condition_span(e->ifexp.test, span);
        span = condition_span(e->ifexp.body, span);
        return condition_span(e->ifexp.orelse, span);
    case EXPR_COMPARE:
        return e->pos;
    default:
        return span;
    }
}

static void compile_stmt(Compiler *c, const Stmt *s)
{
    Builder *b = c->b;
    b->loc = s->pos;
    switch (s->kind) {
    case STMT_FUNCTIONDEF:
        compile_function_def(c, s);
        break;
    case STMT_CLASSDEF:
        compile_class_def(c, s);
        break;
    case STMT_RETURN:
        if (!in_function(c))
            syntax_error(c, "'return' outside function", s->pos);
        if (s->ret.value)
            compile_expr(c, s->ret.value);
        else
            emit_none(c);
        b->loc = s->pos;
        compile_jump_out(c, s, true, false);
        break;
    case STMT_DELETE:
        for (int i = 0; i < s->del.targets.count; i++)
            compile_delete(c, s->del.targets.items[i]);
        break;
    case STMT_ASSIGN:
        compile_expr(c, s->assign.value);
        for (int i = 0; i < s->assign.targets.count; i++) {
            if (i + 1 < s->assign.targets.count)
                emit(c, OP_COPY, 1);
            compile_store(c, s->assign.targets.items[i]);
        }
        break;
    case STMT_AUGASSIGN:
        compile_augassign(c, s);
        break;
    case STMT_ANNASSIGN:
        if (s->annassign.value) {
            compile_expr(c, s->annassign.value);
            compile_store(c, s->annassign.target);
        }
        break;
    case STMT_FOR: {
        int top = new_label(c), done = new_label(c), end = new_label(c);
        compile_expr(c, s->forloop.iter);
        emit(c, OP_GET_ITER, 0);
        bind_label(c, top);
        b->loc = s->pos;
        emit_jump(c, OP_FOR_ITER, done);
        FBlock *f = push_fblock(c, FB_FOR, s->pos);
        f->continue_label = top;
        f->break_label = end;
        compile_store(c, s->forloop.target);
        compile_stmts(c, &s->forloop.body);
        pop_fblock(c);
        emit_jump(c, OP_JUMP_BACKWARD, top);
        bind_label(c, done);
        compile_stmts(c, &s->forloop.orelse);
        bind_label(c, end);
        break;
    }
    case STMT_WHILE: {
        int top = new_label(c), done = new_label(c), end = new_label(c);
        bind_label(c, top);
        compile_expr(c, s->whileloop.test);
        emit_jump(c, OP_POP_JUMP_IF_FALSE, done);
        FBlock *f = push_fblock(c, FB_WHILE, s->pos);
        f->continue_label = top;
        f->break_label = end;
        compile_stmts(c, &s->whileloop.body);
        pop_fblock(c);
        emit_jump(c, OP_JUMP_BACKWARD, top);
        bind_label(c, done);
        compile_stmts(c, &s->whileloop.orelse);
        bind_label(c, end);
        break;
    }
    case STMT_IF: {
        int orelse = new_label(c), end = new_label(c);
        compile_expr(c, s->ifstmt.test);
        emit_jump(c, OP_POP_JUMP_IF_FALSE, orelse);
        compile_stmts(c, &s->ifstmt.body);
        if (s->ifstmt.orelse.count)
            emit_jump(c, OP_JUMP, end);
        bind_label(c, orelse);
        compile_stmts(c, &s->ifstmt.orelse);
        bind_label(c, end);
        break;
    }
    case STMT_WITH:
        compile_with(c, s, 0);
        break;
    case STMT_RAISE:
        if (s->raise.exc) {
            compile_expr(c, s->raise.exc);
            if (s->raise.cause)
                compile_expr(c, s->raise.cause);
        }
        b->loc = s->pos;
        emit(c, OP_RAISE, s->raise.exc ? (s->raise.cause ? 2 : 1) : 0);
        break;
    case STMT_TRY:
        compile_try(c, s);
        break;
    case STMT_ASSERT: {
        int ok = new_label(c);
        compile_expr(c, s->assert.test);
        emit_jump(c, OP_POP_JUMP_IF_TRUE, ok);
        b->loc = condition_span(s->assert.test, s->pos);
        emit(c, OP_LOAD_ASSERTION_ERROR, 0);
        if (s->assert.msg) {
            compile_expr(c, s->assert.msg);
            emit(c, OP_CALL, 1);
        }
        emit(c, OP_RAISE, 1);
        bind_label(c, ok);
        break;
    }
    case STMT_IMPORT:
        compile_import(c, s);
        break;
    case STMT_IMPORTFROM:
        compile_import_from(c, s);
        break;
    case STMT_GLOBAL:
    case STMT_NONLOCAL:
    case STMT_PASS:
        break;
    case STMT_EXPR:
        compile_expr(c, s->expr.value);
        emit(c, OP_POP_TOP, 0);
        break;
    case STMT_BREAK:
        compile_jump_out(c, s, false, true);
        break;
    case STMT_CONTINUE:
        compile_jump_out(c, s, false, false);
        break;
    }
}

static void compile_stmts(Compiler *c, const StmtList *l)
{
    for (int i = 0; i < l->count; i++)
        compile_stmt(c, l->items[i]);
}

/* ==== Code objects ==== */

static MpObject *list_to_tuple(Compiler *c, MpObject *list)
{
    int64_t n = MP_LIST_SIZE(list);
    MpObject *t = check(c, mp_tuple_new(n));
    for (int64_t i = 0; i < n; i++) {
        MP_INCREF(MP_LIST_ITEMS(list)[i]);
        MP_TUPLE_ITEMS(t)[i] = MP_LIST_ITEMS(list)[i];
    }
    return t;
}

static void builder_free(Builder *b)
{
    free(b->instrs);
    free(b->lines);
    free(b->runs);
    free(b->handler_of);
    free(b->label_pos);
    free(b->label_depth);
    free(b->handlers);
    MP_XDECREF(b->consts);
    MP_XDECREF(b->names);
    MP_XDECREF(b->varnames);
    MP_XDECREF(b->cellvars);
    MP_XDECREF(b->freevars);
}

/* Resolve labels, build the exception table and make the code object. */
static MpCode *finish_code(Compiler *c, Builder *b, const char *name, int firstline,
                           MpObject *doc)
{
    for (int i = 0; i < b->n; i++) {
        int op = MP_INSTR_OP(b->instrs[i]);
        switch (op) {
        case OP_JUMP: case OP_JUMP_BACKWARD: case OP_POP_JUMP_IF_FALSE:
        case OP_POP_JUMP_IF_TRUE: case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP:
        case OP_POP_JUMP_IF_NOT_NONE: case OP_FOR_ITER: {
            int target = b->label_pos[MP_INSTR_ARG(b->instrs[i])];
            MP_ASSERT(target >= 0);
            b->instrs[i] = MP_INSTR(op, target);
            break;
        }
        default:
            break;
        }
    }
    MpCode *code = (MpCode *)check(c, gc_alloc(&mp_code_type.gc, sizeof(MpCode)));
    code->ninstrs = (uint32_t)b->n;
    code->instrs = malloc((size_t)(b->n ? b->n : 1) * sizeof *code->instrs);
    code->lines = malloc((size_t)b->n * sizeof *code->lines +
                         (size_t)b->nruns * sizeof(MpCodePos) + 1);
    int nexc = 0;
    for (int i = 0; i < b->n; i++)
        if (b->handler_of[i] >= 0 && (i == 0 || b->handler_of[i - 1] != b->handler_of[i]))
            nexc++;
    code->exc_table = malloc((size_t)(nexc ? nexc : 1) * sizeof *code->exc_table);
    if (!code->instrs || !code->lines || !code->exc_table) {
        MP_DECREF(&code->ob);
        mp_err_nomemory();
        fail(c);
    }
    memcpy(code->instrs, b->instrs, (size_t)b->n * sizeof *code->instrs);
    memcpy(code->lines, b->lines, (size_t)b->n * sizeof *code->lines);
    code->npositions = (uint32_t)b->nruns;
    memcpy(code->lines + b->n, b->runs, (size_t)b->nruns * sizeof(MpCodePos));
    for (int i = 0; i < b->n; i++) {
        int h = b->handler_of[i];
        if (h < 0)
            continue;
        if (i > 0 && b->handler_of[i - 1] == h) {
            code->exc_table[code->nexc - 1].end = (uint32_t)i + 1;
            continue;
        }
        code->exc_table[code->nexc++] =
            (MpExcEntry){(uint32_t)i, (uint32_t)i + 1,
                         (uint32_t)b->label_pos[b->handlers[h].label],
                         (uint32_t)b->handlers[h].depth};
    }
    code->consts = list_to_tuple(c, b->consts);
    code->names = list_to_tuple(c, b->names);
    code->varnames = list_to_tuple(c, b->varnames);
    code->cellvars = list_to_tuple(c, b->cellvars);
    code->freevars = list_to_tuple(c, b->freevars);
    code->nlocals = (int)MP_LIST_SIZE(b->varnames);
    code->ncells = (int)MP_LIST_SIZE(b->cellvars);
    code->nfree = (int)MP_LIST_SIZE(b->freevars);
    code->cell2arg = malloc((size_t)(code->ncells ? code->ncells : 1) * sizeof(int32_t));
    if (!code->cell2arg) {
        MP_DECREF(&code->ob);
        mp_err_nomemory();
        fail(c);
    }
    int nargs = b->argcount + b->kwonly + !!(b->flags & MP_CO_VARARGS) +
                !!(b->flags & MP_CO_VARKW);
    for (int i = 0; i < code->ncells; i++) {
        code->cell2arg[i] = -1;
        for (int a = 0; a < nargs; a++)
            if (mp_str_equal(MP_TUPLE_ITEMS(code->cellvars)[i], MP_TUPLE_ITEMS(code->varnames)[a]))
                code->cell2arg[i] = a;
    }
    code->argcount = b->argcount;
    code->posonlyargcount = b->posonly;
    code->kwonlyargcount = b->kwonly;
    code->stacksize = b->maxdepth + 2;
    code->flags = b->flags;
    code->firstlineno = firstline;
    code->name = intern(c, name);
    code->qualname = check(c, mp_str_from_cstr(b->qualname));
    code->filename = check(c, mp_str_from_cstr(c->filename));
    code->doc = doc;
    return code;
}

static const char *docstring(const StmtList *body)
{
    if (body && body->count && body->items[0]->kind == STMT_EXPR) {
        const Expr *e = body->items[0]->expr.value;
        if (e->kind == EXPR_CONSTANT && e->constant.kind == CONST_STR)
            return e->constant.s.data;
    }
    return NULL;
}

/* Local variables in a fixed order: parameters, then the other locals as
   they appear in the symbol table. */
static void declare_locals(Compiler *c, Builder *b, const Arguments *a)
{
    if (a) {
        for (int i = 0; i < a->posonlyargs.count; i++)
            name_index(c, b->varnames, a->posonlyargs.items[i]->arg);
        for (int i = 0; i < a->args.count; i++)
            name_index(c, b->varnames, a->args.items[i]->arg);
        for (int i = 0; i < a->kwonlyargs.count; i++)
            name_index(c, b->varnames, a->kwonlyargs.items[i]->arg);
        if (a->vararg)
            name_index(c, b->varnames, a->vararg->arg);
        if (a->kwarg)
            name_index(c, b->varnames, a->kwarg->arg);
        b->posonly = a->posonlyargs.count;
        b->argcount = a->posonlyargs.count + a->args.count;
        b->kwonly = a->kwonlyargs.count;
        b->flags |= (a->vararg ? MP_CO_VARARGS : 0) | (a->kwarg ? MP_CO_VARKW : 0);
    }
    Scope *s = b->scope;
    for (int i = 0; i < s->nsymbols; i++) {
        const Symbol *sym = &s->symbols[i];
        if (sym->where == SYM_LOCAL || (sym->where == SYM_CELL && (sym->flags & SYM_PARAM)))
            name_index(c, b->varnames, sym->name);
    }
    for (int i = 0; i < s->nsymbols; i++)
        if (s->symbols[i].where == SYM_CELL)
            name_index(c, b->cellvars, s->symbols[i].name);
    for (int i = 0; i < s->nsymbols; i++)
        if (s->symbols[i].where == SYM_FREE)
            name_index(c, b->freevars, s->symbols[i].name);
}

/* Compile one scope into a code object. Exactly one of body, expr_body (a
   lambda) and comprehension is given, except for the module (body). */
static MpCode *compile_scope(Compiler *c, Scope *scope, const char *qualname,
                             const Arguments *args, const StmtList *body, const Expr *expr_body,
                             const Expr *comprehension)
{
    Builder b;
    memset(&b, 0, sizeof b);
    b.parent = c->b;
    b.scope = scope;
    b.qualname = qualname;
    b.reachable = true;
    b.loc = (AstPos){scope->line, -1, scope->line, -1};
    b.consts = mp_list_new(0);
    b.names = mp_list_new(0);
    b.varnames = mp_list_new(0);
    b.cellvars = mp_list_new(0);
    b.freevars = mp_list_new(0);
    c->b = &b;
    jmp_buf outer;
    memcpy(outer, c->fail, sizeof outer);
    if (setjmp(c->fail)) {
        c->b = b.parent;
        builder_free(&b);
        memcpy(c->fail, outer, sizeof outer);
        fail(c);
    }
    if (!b.consts || !b.names || !b.varnames || !b.cellvars || !b.freevars) {
        mp_err_nomemory();
        fail(c);
    }
    if (scope->kind == SCOPE_FUNCTION)
        b.flags |= MP_CO_NEWLOCALS;
    if (scope->kind == SCOPE_CLASS)
        b.flags |= MP_CO_CLASSBODY;
    if (comprehension) {
        name_index(c, b.varnames, ".0");
        b.argcount = 1;
    }
    declare_locals(c, &b, args);

    const char *doc = scope->kind != SCOPE_MODULE ? docstring(body) : NULL;
    MpObject *doc_obj = doc ? check(c, mp_str_from_cstr(doc)) : NULL;
    if (scope->kind == SCOPE_CLASS) {
        compile_name(c, "__name__", NAME_LOAD);
        compile_name(c, "__module__", NAME_STORE);
        emit_const(c, check(c, mp_str_from_cstr(qualname)));
        compile_name(c, "__qualname__", NAME_STORE);
    }
    if (comprehension) {
        static const int build[] = {[EXPR_LISTCOMP] = OP_BUILD_LIST, [EXPR_GENERATOREXP] = OP_BUILD_LIST,
                                    [EXPR_SETCOMP] = OP_BUILD_SET, [EXPR_DICTCOMP] = OP_BUILD_MAP};
        emit(c, build[comprehension->kind], 0);
        comprehension_body(c, comprehension, 0, 1);
        emit(c, OP_RETURN_VALUE, 0);
    } else if (expr_body) {
        compile_expr(c, expr_body);
        emit(c, OP_RETURN_VALUE, 0);
    } else {
        int n = body->count;
        bool cell_result = scope->kind == SCOPE_MODULE && c->mode == COMP_CELL && n > 0 &&
                           body->items[n - 1]->kind == STMT_EXPR;
        for (int i = 0; i < n - (cell_result ? 1 : 0); i++) {
            if (i == 0 && doc)
                continue; /* the docstring is the code's doc, not a statement */
            compile_stmt(c, body->items[i]);
        }
        if (doc && scope->kind == SCOPE_CLASS) {
            MP_INCREF(doc_obj);
            emit_const(c, doc_obj);
            compile_name(c, "__doc__", NAME_STORE);
        }
        if (cell_result) {
            b.loc = body->items[n - 1]->pos;
            compile_expr(c, body->items[n - 1]->expr.value);
            b.flags |= MP_CO_CELLRESULT;
        } else if (scope->kind == SCOPE_CLASS && scope->needs_class_cell) {
            emit(c, OP_LOAD_CLOSURE, slot_of(c, "__class__", SYM_CELL));
        } else {
            emit_none(c);
        }
        if (b.reachable)
            emit(c, OP_RETURN_VALUE, 0);
    }
    MpCode *code = finish_code(c, &b, scope->kind == SCOPE_MODULE ? "<module>" : scope->name,
                               scope->line, doc_obj);
    c->b = b.parent;
    memcpy(c->fail, outer, sizeof outer);
    builder_free(&b);
    return code;
}

/* The offset of the first byte that does not start valid UTF-8, or len. */
static size_t invalid_utf8_at(const char *src, size_t len)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > len)
            return i;
        uint32_t cp = n == 1 ? c : c & (0x7fu >> n);
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        static const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[n] || cp > 0x10ffff)
            return i;
        i += n;
    }
    return len;
}

MpCode *comp_compile(const char *src, size_t len, const char *filename, CompMode mode)
{
    size_t bad = invalid_utf8_at(src, len);
    if (bad < len) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += src[i] == '\n';
        /* CPython names the file by its absolute path here. */
        char *path = realpath(filename, NULL);
        mp_err_format(mp_SyntaxError,
                      "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no "
                      "encoding declared; see https://peps.python.org/pep-0263/ for details",
                      (unsigned char)src[bad], path ? path : filename, line);
        free(path);
        return NULL;
    }
    Compiler c;
    memset(&c, 0, sizeof c);
    c.filename = filename;
    c.src = src;
    c.mode = mode;
    c.arena = ast_arena_new();
    if (!c.arena)
        return (MpCode *)mp_err_nomemory();
    MpCode *volatile code = NULL;
    if (setjmp(c.fail) == 0) {
        LangError err;
        Module *m = lang_parse_module(c.arena, src, len, &err);
        if (!m)
            syntax_error_at(&c,
                            err.kind == LANG_INDENTATION_ERROR ? &mp_exc_IndentationError
                                                               : mp_SyntaxError,
                            err.message, err.line, err.offset, err.text);
        if (!symtable_build(&c.st, c.arena, m))
            syntax_error_at(&c, mp_SyntaxError, c.st.error, c.st.error_line,
                            c.st.error_col, source_line(&c, c.st.error_line));
        code = compile_scope(&c, c.st.top, "<module>", NULL, &m->body, NULL, NULL);
    }
    ast_arena_free(c.arena);
    return code;
}
