/*
 * kernel/lang/ast.h - the syntax tree of a Minipy module and the arena that owns it.
 *
 * Same node shapes and field names as CPython 3.11's ast module (ast.dump prints
 * the same text for programs inside the subset). Every node, list and string
 * lives in one AstArena and is freed with it: nodes never own anything.
 * Positions: line 1-based, col 0-based in code points (CPython's col_offset).
 */
#ifndef MINIPY_KERNEL_LANG_AST_H
#define MINIPY_KERNEL_LANG_AST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ==== Arena ==== */

typedef struct AstArena AstArena;

/* A new empty arena, or NULL when out of memory. */
AstArena *ast_arena_new(void);
/* Frees the arena and everything allocated in it (NULL is fine). */
void ast_arena_free(AstArena *arena);
/* size zeroed bytes aligned for any type, or NULL when out of memory. */
void *ast_alloc(AstArena *arena, size_t size);
/* A NUL-terminated copy of s[0..len), or NULL when out of memory. */
char *ast_strndup(AstArena *arena, const char *s, size_t len);

/* ==== Operators and contexts ==== */

typedef enum AstBoolOp { AST_AND, AST_OR } AstBoolOp;

typedef enum AstOperator {
    AST_ADD, AST_SUB, AST_MULT, AST_DIV, AST_FLOORDIV, AST_MOD, AST_POW,
    AST_LSHIFT, AST_RSHIFT, AST_BITOR, AST_BITXOR, AST_BITAND
} AstOperator;

typedef enum AstUnaryOp { AST_INVERT, AST_NOT, AST_UADD, AST_USUB } AstUnaryOp;

typedef enum AstCmpOp {
    AST_EQ, AST_NOTEQ, AST_LT, AST_LTE, AST_GT, AST_GTE,
    AST_IS, AST_ISNOT, AST_IN, AST_NOTIN
} AstCmpOp;

typedef enum AstContext { AST_LOAD, AST_STORE, AST_DEL } AstContext;

/* ==== Lists: (count, array of pointers) ==== */

typedef struct Expr Expr;
typedef struct Stmt Stmt;
typedef struct Arg Arg;
typedef struct Keyword Keyword;
typedef struct Comprehension Comprehension;
typedef struct ExceptHandler ExceptHandler;
typedef struct Alias Alias;
typedef struct WithItem WithItem;

typedef struct ExprList { int count; Expr **items; } ExprList;
typedef struct StmtList { int count; Stmt **items; } StmtList;
typedef struct ArgList { int count; Arg **items; } ArgList;
typedef struct KeywordList { int count; Keyword **items; } KeywordList;
typedef struct ComprehensionList { int count; Comprehension **items; } ComprehensionList;
typedef struct HandlerList { int count; ExceptHandler **items; } HandlerList;
typedef struct AliasList { int count; Alias **items; } AliasList;
typedef struct WithItemList { int count; WithItem **items; } WithItemList;
/* Identifiers (global, nonlocal). */
typedef struct NameList { int count; const char **items; } NameList;

/* Where a node starts and ends in the source (end is exclusive, as CPython's). */
typedef struct AstPos { int line, col, end_line, end_col; } AstPos;

/* ==== Expressions ==== */

typedef enum ExprKind {
    EXPR_BOOLOP, EXPR_BINOP, EXPR_UNARYOP, EXPR_LAMBDA, EXPR_IFEXP, EXPR_DICT,
    EXPR_SET, EXPR_LISTCOMP, EXPR_SETCOMP, EXPR_DICTCOMP, EXPR_GENERATOREXP,
    EXPR_COMPARE, EXPR_CALL, EXPR_FORMATTEDVALUE, EXPR_JOINEDSTR, EXPR_CONSTANT,
    EXPR_ATTRIBUTE, EXPR_SUBSCRIPT, EXPR_STARRED, EXPR_NAME, EXPR_LIST, EXPR_TUPLE,
    EXPR_SLICE
} ExprKind;

typedef enum ConstKind {
    CONST_NONE, CONST_TRUE, CONST_FALSE, CONST_ELLIPSIS, CONST_INT, CONST_FLOAT,
    CONST_STR
} ConstKind;

/* A string constant: UTF-8, NUL-terminated, may hold NULs (len counts bytes). */
typedef struct AstStr { const char *data; size_t len; } AstStr;

typedef struct Arguments {
    ArgList posonlyargs;
    ArgList args;
    Arg *vararg;            /* NULL if none */
    ArgList kwonlyargs;
    ExprList kw_defaults;   /* one per kwonly arg, NULL where it has no default */
    Arg *kwarg;             /* NULL if none */
    ExprList defaults;      /* for the last defaults.count of posonlyargs + args */
} Arguments;

struct Expr {
    ExprKind kind;
    AstPos pos;
    union {
        struct { AstBoolOp op; ExprList values; } boolop;
        struct { Expr *left; AstOperator op; Expr *right; } binop;
        struct { AstUnaryOp op; Expr *operand; } unaryop;
        struct { Arguments *args; Expr *body; } lambda;
        struct { Expr *test, *body, *orelse; } ifexp;
        struct { ExprList keys; ExprList values; } dict; /* keys[i] NULL: **values[i] */
        struct { ExprList elts; } set;
        /* EXPR_LISTCOMP, EXPR_SETCOMP, EXPR_GENERATOREXP */
        struct { Expr *elt; ComprehensionList generators; } comp;
        struct { Expr *key, *value; ComprehensionList generators; } dictcomp;
        /* ops.count == comparators.count >= 1 */
        struct { Expr *left; int count; AstCmpOp *ops; Expr **comparators; } compare;
        struct { Expr *func; ExprList args; KeywordList keywords; } call;
        /* conversion: -1, 'r' or 's'; format_spec: NULL or an EXPR_JOINEDSTR */
        struct { Expr *value; int conversion; Expr *format_spec; } formattedvalue;
        struct { ExprList values; } joinedstr; /* CONST_STR constants and FormattedValues */
        struct {
            ConstKind kind;
            union { int64_t i; double f; AstStr s; };
        } constant;
        struct { Expr *value; const char *attr; AstContext ctx; } attribute;
        struct { Expr *value; Expr *slice; AstContext ctx; } subscript;
        struct { Expr *value; AstContext ctx; } starred;
        struct { const char *id; AstContext ctx; } name;
        struct { ExprList elts; AstContext ctx; } list;  /* EXPR_LIST and EXPR_TUPLE */
        struct { Expr *lower, *upper, *step; } slice;   /* each may be NULL */
    };
};

struct Arg { const char *arg; AstPos pos; };          /* annotation dropped */
struct Keyword { const char *arg; Expr *value; AstPos pos; }; /* arg NULL: **value */
struct Comprehension { Expr *target; Expr *iter; ExprList ifs; };

/* ==== Statements ==== */

typedef enum StmtKind {
    STMT_FUNCTIONDEF, STMT_CLASSDEF, STMT_RETURN, STMT_DELETE, STMT_ASSIGN,
    STMT_AUGASSIGN, STMT_ANNASSIGN, STMT_FOR, STMT_WHILE, STMT_IF, STMT_WITH,
    STMT_RAISE, STMT_TRY, STMT_ASSERT, STMT_IMPORT, STMT_IMPORTFROM, STMT_GLOBAL,
    STMT_NONLOCAL, STMT_EXPR, STMT_PASS, STMT_BREAK, STMT_CONTINUE
} StmtKind;

struct ExceptHandler {
    Expr *type;        /* NULL for a bare except */
    const char *name;  /* NULL without 'as' */
    StmtList body;
    AstPos pos;
};

struct Alias { const char *name; const char *asname; AstPos pos; }; /* asname may be NULL */
struct WithItem { Expr *context_expr; Expr *optional_vars; };      /* vars may be NULL */

struct Stmt {
    StmtKind kind;
    AstPos pos;
    union {
        /* returns annotation dropped */
        struct {
            const char *name; Arguments *args; StmtList body; ExprList decorator_list;
        } functiondef;
        struct {
            const char *name; ExprList bases; KeywordList keywords; StmtList body;
            ExprList decorator_list;
        } classdef;
        struct { Expr *value; } ret;                  /* value may be NULL */
        struct { ExprList targets; } del;
        struct { ExprList targets; Expr *value; } assign; /* a = b = v: targets [a, b] */
        struct { Expr *target; AstOperator op; Expr *value; } augassign;
        /* annotation dropped; value may be NULL; simple: target is a bare Name */
        struct { Expr *target; Expr *value; int simple; } annassign;
        struct { Expr *target; Expr *iter; StmtList body; StmtList orelse; } forloop;
        struct { Expr *test; StmtList body; StmtList orelse; } whileloop;
        struct { Expr *test; StmtList body; StmtList orelse; } ifstmt; /* elif: nested If */
        struct { WithItemList items; StmtList body; } with;
        struct { Expr *exc; Expr *cause; } raise;     /* both may be NULL */
        struct {
            StmtList body; HandlerList handlers; StmtList orelse; StmtList finalbody;
        } trystmt;
        struct { Expr *test; Expr *msg; } assert;     /* msg may be NULL */
        struct { AliasList names; } import;           /* name may be dotted: "a.b" */
        struct { const char *module; AliasList names; } importfrom; /* level is 0 */
        struct { NameList names; } global;            /* STMT_GLOBAL and STMT_NONLOCAL */
        struct { Expr *value; } expr;
    };
};

typedef struct Module { StmtList body; } Module;

/* ==== Debugging ==== */

/* Writes the module as CPython 3.11's ast.dump(ast.parse(src)) would, plus '\n'. */
void ast_dump(const Module *module, FILE *out);

#endif
