/*
 * kernel/lang/symtable.h - scopes and where each name lives, decided before
 * code generation (CPython's symtable.c).
 *
 * One Scope per module, function, lambda, comprehension and class body. After
 * analysis every name of a scope is LOCAL (a frame slot), CELL (a local that
 * inner functions capture), FREE (captured from an outer function), GLOBAL
 * (module dict, then builtins) or, in class bodies and at module level, NAME
 * (looked up in the namespace dict).
 */
#ifndef MINIPY_KERNEL_LANG_SYMTABLE_H
#define MINIPY_KERNEL_LANG_SYMTABLE_H

#include "ast.h"

#include <stdbool.h>

typedef enum ScopeKind { SCOPE_MODULE, SCOPE_FUNCTION, SCOPE_CLASS } ScopeKind;

typedef enum SymWhere { SYM_LOCAL, SYM_CELL, SYM_FREE, SYM_GLOBAL, SYM_NAME } SymWhere;

/* How a name is used inside one scope. */
enum {
    SYM_ASSIGNED = 1, /* bound here: assignment, def, class, import, for, with, except */
    SYM_PARAM = 2,
    SYM_USED = 4,
    SYM_DECL_GLOBAL = 8,
    SYM_DECL_NONLOCAL = 16,
};

typedef struct Symbol {
    const char *name;
    int flags;
    SymWhere where;
} Symbol;

typedef struct Scope Scope;
struct Scope {
    ScopeKind kind;
    const void *node; /* the Stmt or Expr that opened it; NULL for the module */
    const char *name; /* function or class name, "<lambda>", "<listcomp>", ... */
    Scope *parent;
    Symbol *symbols;
    int nsymbols, capsymbols;
    Scope **children;
    int nchildren, capchildren;
    bool is_comprehension;
    bool needs_class_cell; /* a class body whose methods use super() or __class__ */
    int line;
};

typedef struct SymTable {
    AstArena *arena;
    Scope *top;
    /* The first error: message and line; NULL message when none. */
    const char *error;
    int error_line, error_col;
} SymTable;

/* Build and analyse the scopes of a module. false with st->error set on a
   scoping error ("name 'x' is assigned to before global declaration",
   "no binding for nonlocal 'x' found", ...). */
bool symtable_build(SymTable *st, AstArena *arena, const Module *module);
/* The scope opened by node (a FunctionDef, ClassDef, Lambda or comprehension). */
Scope *symtable_child(const Scope *parent, const void *node);
/* The symbol for name in scope, or NULL if the scope never mentions it. */
Symbol *symtable_lookup(const Scope *scope, const char *name);

#endif
