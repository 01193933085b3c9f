/*
 * kernel/lang/symtable.c - builds the scope tree of a module and resolves each
 * name to local, cell, free, global or namespace storage.
 *
 * Two passes, as CPython: visit() records how each scope uses each name;
 * analyze() then walks the tree top-down with the set of names bound by
 * enclosing functions, and bottom-up turns captured locals into cells and
 * threads free variables through the scopes in between.
 */
#include "symtable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== Building ==== */

static void *grow(AstArena *arena, void *old, int count, int *cap, size_t elem)
{
    if (count < *cap)
        return old;
    int ncap = *cap ? *cap * 2 : 8;
    void *p = ast_alloc(arena, (size_t)ncap * elem);
    if (p && old)
        memcpy(p, old, (size_t)count * elem);
    *cap = ncap;
    return p;
}

static Scope *scope_new(SymTable *st, ScopeKind kind, const void *node, const char *name,
                        Scope *parent, int line)
{
    Scope *s = ast_alloc(st->arena, sizeof *s);
    if (!s)
        return NULL;
    s->kind = kind;
    s->node = node;
    s->name = name;
    s->parent = parent;
    s->line = line;
    if (parent) {
        parent->children = grow(st->arena, parent->children, parent->nchildren,
                                &parent->capchildren, sizeof(Scope *));
        if (!parent->children)
            return NULL;
        parent->children[parent->nchildren++] = s;
    }
    return s;
}

Symbol *symtable_lookup(const Scope *scope, const char *name)
{
    for (int i = 0; i < scope->nsymbols; i++)
        if (strcmp(scope->symbols[i].name, name) == 0)
            return &scope->symbols[i];
    return NULL;
}

Scope *symtable_child(const Scope *parent, const void *node)
{
    for (int i = 0; i < parent->nchildren; i++)
        if (parent->children[i]->node == node)
            return parent->children[i];
    return NULL;
}

static void set_error(SymTable *st, const char *msg, int line, int col)
{
    if (st->error)
        return;
    st->error = msg;
    st->error_line = line;
    st->error_col = col;
}

static Symbol *add_symbol(SymTable *st, Scope *s, const char *name, int flags)
{
    Symbol *sym = symtable_lookup(s, name);
    if (!sym) {
        s->symbols = grow(st->arena, s->symbols, s->nsymbols, &s->capsymbols, sizeof(Symbol));
        if (!s->symbols) {
            set_error(st, "out of memory", 0, 0);
            return NULL;
        }
        sym = &s->symbols[s->nsymbols++];
        sym->name = name;
        sym->flags = 0;
    }
    sym->flags |= flags;
    return sym;
}

static void visit_expr(SymTable *st, Scope *s, const Expr *e);
static void visit_stmts(SymTable *st, Scope *s, const StmtList *l);

static void visit_exprs(SymTable *st, Scope *s, const ExprList *l)
{
    for (int i = 0; i < l->count; i++)
        if (l->items[i])
            visit_expr(st, s, l->items[i]);
}

static void visit_arguments_defaults(SymTable *st, Scope *s, const Arguments *a)
{
    visit_exprs(st, s, &a->defaults);
    visit_exprs(st, s, &a->kw_defaults);
}

static void add_params(SymTable *st, Scope *fn, const Arguments *a)
{
    const ArgList *lists[] = {&a->posonlyargs, &a->args, &a->kwonlyargs};
    for (int l = 0; l < 3; l++)
        for (int i = 0; i < lists[l]->count; i++)
            add_symbol(st, fn, lists[l]->items[i]->arg, SYM_PARAM);
    if (a->vararg)
        add_symbol(st, fn, a->vararg->arg, SYM_PARAM);
    if (a->kwarg)
        add_symbol(st, fn, a->kwarg->arg, SYM_PARAM);
}

/* A comprehension: the first iterable is evaluated outside, the rest inside
   a function scope whose parameter is ".0". */
static void visit_comprehension(SymTable *st, Scope *s, const Expr *e, const char *name,
                                const ComprehensionList *gens, const Expr *elt,
                                const Expr *value)
{
    visit_expr(st, s, gens->items[0]->iter);
    Scope *c = scope_new(st, SCOPE_FUNCTION, e, name, s, e->pos.line);
    if (!c)
        return;
    c->is_comprehension = true;
    add_symbol(st, c, ".0", SYM_PARAM);
    for (int i = 0; i < gens->count; i++) {
        const Comprehension *g = gens->items[i];
        if (i > 0)
            visit_expr(st, c, g->iter);
        visit_expr(st, c, g->target);
        visit_exprs(st, c, &g->ifs);
    }
    if (elt)
        visit_expr(st, c, elt);
    if (value)
        visit_expr(st, c, value);
}

static void visit_expr(SymTable *st, Scope *s, const Expr *e)
{
    switch (e->kind) {
    case EXPR_BOOLOP:
        visit_exprs(st, s, &e->boolop.values);
        break;
    case EXPR_BINOP:
        visit_expr(st, s, e->binop.left);
        visit_expr(st, s, e->binop.right);
        break;
    case EXPR_UNARYOP:
        visit_expr(st, s, e->unaryop.operand);
        break;
    case EXPR_LAMBDA: {
        visit_arguments_defaults(st, s, e->lambda.args);
        Scope *fn = scope_new(st, SCOPE_FUNCTION, e, "<lambda>", s, e->pos.line);
        if (!fn)
            return;
        add_params(st, fn, e->lambda.args);
        visit_expr(st, fn, e->lambda.body);
        break;
    }
    case EXPR_IFEXP:
        visit_expr(st, s, e->ifexp.test);
        visit_expr(st, s, e->ifexp.body);
        visit_expr(st, s, e->ifexp.orelse);
        break;
    case EXPR_DICT:
        visit_exprs(st, s, &e->dict.keys);
        visit_exprs(st, s, &e->dict.values);
        break;
    case EXPR_SET:
        visit_exprs(st, s, &e->set.elts);
        break;
    case EXPR_LISTCOMP:
        visit_comprehension(st, s, e, "<listcomp>", &e->comp.generators, e->comp.elt, NULL);
        break;
    case EXPR_SETCOMP:
        visit_comprehension(st, s, e, "<setcomp>", &e->comp.generators, e->comp.elt, NULL);
        break;
    case EXPR_GENERATOREXP:
        visit_comprehension(st, s, e, "<genexpr>", &e->comp.generators, e->comp.elt, NULL);
        break;
    case EXPR_DICTCOMP:
        visit_comprehension(st, s, e, "<dictcomp>", &e->dictcomp.generators,
                            e->dictcomp.key, e->dictcomp.value);
        break;
    case EXPR_COMPARE:
        visit_expr(st, s, e->compare.left);
        for (int i = 0; i < e->compare.count; i++)
            visit_expr(st, s, e->compare.comparators[i]);
        break;
    case EXPR_CALL:
        visit_expr(st, s, e->call.func);
        visit_exprs(st, s, &e->call.args);
        for (int i = 0; i < e->call.keywords.count; i++)
            visit_expr(st, s, e->call.keywords.items[i]->value);
        /* Zero-argument super() needs the class cell and the first argument. */
        if (e->call.func->kind == EXPR_NAME && strcmp(e->call.func->name.id, "super") == 0 &&
            e->call.args.count == 0)
            add_symbol(st, s, "__class__", SYM_USED);
        break;
    case EXPR_FORMATTEDVALUE:
        visit_expr(st, s, e->formattedvalue.value);
        if (e->formattedvalue.format_spec)
            visit_expr(st, s, e->formattedvalue.format_spec);
        break;
    case EXPR_JOINEDSTR:
        visit_exprs(st, s, &e->joinedstr.values);
        break;
    case EXPR_CONSTANT:
        break;
    case EXPR_ATTRIBUTE:
        visit_expr(st, s, e->attribute.value);
        break;
    case EXPR_SUBSCRIPT:
        visit_expr(st, s, e->subscript.value);
        visit_expr(st, s, e->subscript.slice);
        break;
    case EXPR_STARRED:
        visit_expr(st, s, e->starred.value);
        break;
    case EXPR_NAME:
        add_symbol(st, s, e->name.id, e->name.ctx == AST_LOAD ? SYM_USED : SYM_ASSIGNED);
        break;
    case EXPR_LIST:
    case EXPR_TUPLE:
        visit_exprs(st, s, &e->list.elts);
        break;
    case EXPR_SLICE:
        if (e->slice.lower)
            visit_expr(st, s, e->slice.lower);
        if (e->slice.upper)
            visit_expr(st, s, e->slice.upper);
        if (e->slice.step)
            visit_expr(st, s, e->slice.step);
        break;
    }
}

static void declare(SymTable *st, Scope *s, const Stmt *stmt, bool global)
{
    const NameList *names = &stmt->global.names;
    for (int i = 0; i < names->count; i++) {
        const char *name = names->items[i];
        Symbol *sym = symtable_lookup(s, name);
        if (sym && (sym->flags & (SYM_ASSIGNED | SYM_USED | SYM_PARAM))) {
            const char *kind = global ? "global" : "nonlocal";
            size_t n = strlen(name) + 64;
            char *msg = ast_alloc(st->arena, n);
            if (msg && (sym->flags & SYM_PARAM))
                snprintf(msg, n, "name '%s' is parameter and %s", name, kind);
            else if (msg && (sym->flags & SYM_ASSIGNED))
                snprintf(msg, n, "name '%s' is assigned to before %s declaration", name, kind);
            else if (msg)
                snprintf(msg, n, "name '%s' is used prior to %s declaration", name, kind);
            set_error(st, msg ? msg : "out of memory", stmt->pos.line, stmt->pos.col + 1);
            return;
        }
        if (!global && s->kind == SCOPE_MODULE) {
            set_error(st, "nonlocal declaration not allowed at module level", stmt->pos.line,
                      stmt->pos.col + 1);
            return;
        }
        add_symbol(st, s, name, global ? SYM_DECL_GLOBAL : SYM_DECL_NONLOCAL);
    }
}

static void visit_stmt(SymTable *st, Scope *s, const Stmt *stmt)
{
    switch (stmt->kind) {
    case STMT_FUNCTIONDEF: {
        visit_exprs(st, s, &stmt->functiondef.decorator_list);
        visit_arguments_defaults(st, s, stmt->functiondef.args);
        add_symbol(st, s, stmt->functiondef.name, SYM_ASSIGNED);
        Scope *fn = scope_new(st, SCOPE_FUNCTION, stmt, stmt->functiondef.name, s,
                              stmt->pos.line);
        if (!fn)
            return;
        add_params(st, fn, stmt->functiondef.args);
        visit_stmts(st, fn, &stmt->functiondef.body);
        break;
    }
    case STMT_CLASSDEF: {
        visit_exprs(st, s, &stmt->classdef.decorator_list);
        visit_exprs(st, s, &stmt->classdef.bases);
        for (int i = 0; i < stmt->classdef.keywords.count; i++)
            visit_expr(st, s, stmt->classdef.keywords.items[i]->value);
        add_symbol(st, s, stmt->classdef.name, SYM_ASSIGNED);
        Scope *cls = scope_new(st, SCOPE_CLASS, stmt, stmt->classdef.name, s, stmt->pos.line);
        if (!cls)
            return;
        visit_stmts(st, cls, &stmt->classdef.body);
        break;
    }
    case STMT_RETURN:
        if (stmt->ret.value)
            visit_expr(st, s, stmt->ret.value);
        break;
    case STMT_DELETE:
        visit_exprs(st, s, &stmt->del.targets);
        break;
    case STMT_ASSIGN:
        visit_expr(st, s, stmt->assign.value);
        visit_exprs(st, s, &stmt->assign.targets);
        break;
    case STMT_AUGASSIGN:
        visit_expr(st, s, stmt->augassign.value);
        visit_expr(st, s, stmt->augassign.target);
        if (stmt->augassign.target->kind == EXPR_NAME)
            add_symbol(st, s, stmt->augassign.target->name.id, SYM_USED);
        break;
    case STMT_ANNASSIGN:
        if (stmt->annassign.value) {
            visit_expr(st, s, stmt->annassign.value);
            visit_expr(st, s, stmt->annassign.target);
        } else if (stmt->annassign.target->kind != EXPR_NAME) {
            visit_expr(st, s, stmt->annassign.target);
        }
        break;
    case STMT_FOR:
        visit_expr(st, s, stmt->forloop.iter);
        visit_expr(st, s, stmt->forloop.target);
        visit_stmts(st, s, &stmt->forloop.body);
        visit_stmts(st, s, &stmt->forloop.orelse);
        break;
    case STMT_WHILE:
        visit_expr(st, s, stmt->whileloop.test);
        visit_stmts(st, s, &stmt->whileloop.body);
        visit_stmts(st, s, &stmt->whileloop.orelse);
        break;
    case STMT_IF:
        visit_expr(st, s, stmt->ifstmt.test);
        visit_stmts(st, s, &stmt->ifstmt.body);
        visit_stmts(st, s, &stmt->ifstmt.orelse);
        break;
    case STMT_WITH:
        for (int i = 0; i < stmt->with.items.count; i++) {
            visit_expr(st, s, stmt->with.items.items[i]->context_expr);
            if (stmt->with.items.items[i]->optional_vars)
                visit_expr(st, s, stmt->with.items.items[i]->optional_vars);
        }
        visit_stmts(st, s, &stmt->with.body);
        break;
    case STMT_RAISE:
        if (stmt->raise.exc)
            visit_expr(st, s, stmt->raise.exc);
        if (stmt->raise.cause)
            visit_expr(st, s, stmt->raise.cause);
        break;
    case STMT_TRY:
        visit_stmts(st, s, &stmt->trystmt.body);
        for (int i = 0; i < stmt->trystmt.handlers.count; i++) {
            const ExceptHandler *h = stmt->trystmt.handlers.items[i];
            if (h->type)
                visit_expr(st, s, h->type);
            if (h->name)
                add_symbol(st, s, h->name, SYM_ASSIGNED);
            visit_stmts(st, s, &h->body);
        }
        visit_stmts(st, s, &stmt->trystmt.orelse);
        visit_stmts(st, s, &stmt->trystmt.finalbody);
        break;
    case STMT_ASSERT:
        visit_expr(st, s, stmt->assert.test);
        if (stmt->assert.msg)
            visit_expr(st, s, stmt->assert.msg);
        break;
    case STMT_IMPORT:
        for (int i = 0; i < stmt->import.names.count; i++) {
            const Alias *a = stmt->import.names.items[i];
            if (a->asname) {
                add_symbol(st, s, a->asname, SYM_ASSIGNED);
            } else {
                const char *dot = strchr(a->name, '.');
                add_symbol(st, s,
                           dot ? ast_strndup(st->arena, a->name, (size_t)(dot - a->name))
                               : a->name,
                           SYM_ASSIGNED);
            }
        }
        break;
    case STMT_IMPORTFROM:
        for (int i = 0; i < stmt->importfrom.names.count; i++) {
            const Alias *a = stmt->importfrom.names.items[i];
            add_symbol(st, s, a->asname ? a->asname : a->name, SYM_ASSIGNED);
        }
        break;
    case STMT_GLOBAL:
        declare(st, s, stmt, true);
        break;
    case STMT_NONLOCAL:
        declare(st, s, stmt, false);
        break;
    case STMT_EXPR:
        visit_expr(st, s, stmt->expr.value);
        break;
    case STMT_PASS:
    case STMT_BREAK:
    case STMT_CONTINUE:
        break;
    }
}

static void visit_stmts(SymTable *st, Scope *s, const StmtList *l)
{
    for (int i = 0; i < l->count && !st->error; i++)
        visit_stmt(st, s, l->items[i]);
}

/* ==== Analysis ==== */

/* Is name bound as a local of an enclosing function of s (skipping classes)? */
static Scope *binding_function(Scope *s, const char *name)
{
    for (Scope *p = s->parent; p; p = p->parent) {
        if (p->kind == SCOPE_MODULE)
            return NULL;
        if (p->kind == SCOPE_CLASS) {
            /* The implicit __class__ cell lives in the class scope. */
            if (strcmp(name, "__class__") == 0)
                return p;
            continue;
        }
        Symbol *sym = symtable_lookup(p, name);
        if (sym && (sym->flags & SYM_DECL_GLOBAL))
            return NULL;
        if (sym && (sym->flags & (SYM_ASSIGNED | SYM_PARAM | SYM_DECL_NONLOCAL)))
            return p;
    }
    return NULL;
}

/* Mark name free in every scope from s up to (excluding) owner, and a cell
   (or free, for nonlocal chains) in owner. */
static void capture(SymTable *st, Scope *s, Scope *owner, const char *name)
{
    for (Scope *p = s; p != owner; p = p->parent) {
        Symbol *sym = add_symbol(st, p, name, 0);
        if (!sym)
            return;
        sym->where = SYM_FREE;
    }
    Symbol *o = add_symbol(st, owner, name, 0);
    if (!o)
        return;
    if (owner->kind == SCOPE_CLASS) {
        owner->needs_class_cell = true;
        o->where = SYM_CELL;
    } else if (o->where != SYM_FREE && !(o->flags & SYM_DECL_NONLOCAL)) {
        o->where = SYM_CELL;
    }
}

static void analyze(SymTable *st, Scope *s)
{
    /* Own bindings first: a name is local, global or namespace-stored. */
    for (int i = 0; i < s->nsymbols; i++) {
        Symbol *sym = &s->symbols[i];
        if (sym->flags & SYM_DECL_GLOBAL)
            sym->where = SYM_GLOBAL;
        else if (s->kind == SCOPE_MODULE)
            sym->where = SYM_GLOBAL;
        else if (s->kind == SCOPE_CLASS)
            sym->where = SYM_NAME;
        else if (sym->flags & SYM_DECL_NONLOCAL)
            sym->where = SYM_GLOBAL; /* resolved to FREE below */
        else if (sym->flags & (SYM_ASSIGNED | SYM_PARAM))
            sym->where = SYM_LOCAL;
        else
            sym->where = SYM_GLOBAL;
    }
    for (int i = 0; i < s->nchildren; i++)
        analyze(st, s->children[i]);
    /* Then free variables: nonlocal declarations and uses of names bound by
       an enclosing function. Children were analysed first and may already
       have made some of these symbols cells. */
    if (s->kind == SCOPE_MODULE)
        return;
    for (int i = 0; i < s->nsymbols; i++) {
        Symbol *sym = &s->symbols[i];
        if (sym->where == SYM_CELL || sym->where == SYM_FREE)
            continue;
        bool nonlocal = sym->flags & SYM_DECL_NONLOCAL;
        bool unbound = !(sym->flags & (SYM_ASSIGNED | SYM_PARAM | SYM_DECL_GLOBAL));
        if (!nonlocal && !unbound)
            continue;
        Scope *owner = binding_function(s, sym->name);
        if (!owner) {
            if (nonlocal) {
                size_t n = strlen(sym->name) + 40;
                char *msg = ast_alloc(st->arena, n);
                if (msg)
                    snprintf(msg, n, "no binding for nonlocal '%s' found", sym->name);
                set_error(st, msg ? msg : "out of memory", s->line, 1);
            }
            continue;
        }
        const char *name = sym->name;
        capture(st, s, owner, name);
    }
}

bool symtable_build(SymTable *st, AstArena *arena, const Module *module)
{
    memset(st, 0, sizeof *st);
    st->arena = arena;
    st->top = scope_new(st, SCOPE_MODULE, NULL, "<module>", NULL, 1);
    if (!st->top)
        return false;
    visit_stmts(st, st->top, &module->body);
    if (!st->error)
        analyze(st, st->top);
    return st->error == NULL;
}
