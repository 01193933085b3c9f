/*
 * kernel/vm/code.h - code objects: the compiler's output, the VM's input.
 *
 * A code object is immutable bytecode plus everything needed to run it: constants,
 * names, the local slot layout (arguments first, then other locals, then cells
 * and free variables), a line per instruction, and the exception table.
 */
#ifndef MINIPY_KERNEL_VM_CODE_H
#define MINIPY_KERNEL_VM_CODE_H

#include "object.h"

/* One protected range [start, end) of instructions: an exception raised there
   unwinds the value stack to `depth` items, pushes the exception and jumps to
   `target`. Inner ranges come first in the table. */
typedef struct MpExcEntry {
    uint32_t start, end, target, depth;
} MpExcEntry;

/* The source span of the instructions from `start` up to the next run's
   start: CPython's co_positions, with columns in code points (-1: unknown).
   The start line is also the instructions' line in `lines`. */
typedef struct MpCodePos {
    uint32_t start;
    int32_t line, end_line, col, end_col;
} MpCodePos;

typedef enum MpCodeFlags {
    MP_CO_VARARGS = 1,  /* has *args */
    MP_CO_VARKW = 2,    /* has **kwargs */
    MP_CO_NEWLOCALS = 4,/* a function body (not module or class body) */
    MP_CO_CLASSBODY = 8,/* names live in a namespace dict */
    MP_CO_CELLRESULT = 16 /* a notebook cell: returns its last expression */
} MpCodeFlags;

/* Where LOAD_GLOBAL last found one name: entry `index` of the globals dict
   (builtins_version 0) or of the builtins dict, valid while the dicts' keys
   versions are the ones recorded (CPython 3.11's LOAD_GLOBAL specialisation). */
typedef struct MpGlobalCache {
    uint64_t globals_version, builtins_version;
    int64_t index;
} MpGlobalCache;

typedef struct MpCode {
    MpObject ob;
    uint32_t *instrs;
    int32_t *lines;     /* source line of each instruction, then the
                           npositions runs of mp_code_positions */
    uint32_t ninstrs;
    uint32_t npositions;
    MpExcEntry *exc_table;
    uint32_t nexc;
    MpObject *consts;   /* tuple */
    MpObject *names;    /* tuple of interned str: globals, attributes */
    MpObject *varnames; /* tuple of str: arguments then locals */
    MpObject *cellvars; /* tuple of str: locals captured by inner functions */
    MpObject *freevars; /* tuple of str: captured from outer functions */
    int32_t *cell2arg;  /* for each cellvar: the argument it starts as, or -1 */
    int argcount;       /* positional parameters */
    int posonlyargcount;
    int kwonlyargcount;
    int nlocals;        /* len(varnames) */
    int ncells;         /* len(cellvars) */
    int nfree;          /* len(freevars) */
    int stacksize;
    int flags;          /* MpCodeFlags */
    int firstlineno;
    MpObject *name;     /* str */
    MpObject *qualname; /* str */
    MpObject *filename; /* str: the file, or "<ipython-input-3>"-like cell name */
    MpObject *doc;      /* str or NULL: the first statement's string */
    MpGlobalCache *global_cache; /* one per name, or NULL until the VM makes it */
} MpCode;

extern MpType mp_code_type;

/* Size of a frame's slot area: locals + cells + free variables. */
static inline int mp_code_nslots(const MpCode *c)
{
    return c->nlocals + c->ncells + c->nfree;
}

/* Runs of instructions with one span, by start: stored after the lines. */
static inline const MpCodePos *mp_code_positions(const MpCode *c)
{
    return (const MpCodePos *)(c->lines + c->ninstrs);
}

/* The span of instruction i: false if the code records none. */
bool mp_code_position(const MpCode *c, uint32_t i, MpCodePos *out);

#endif
