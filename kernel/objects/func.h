/*
 * kernel/objects/func.h - functions, closure cells, bound methods and the
 * descriptor wrappers (property, classmethod, staticmethod).
 */
#ifndef MINIPY_KERNEL_OBJECTS_FUNC_H
#define MINIPY_KERNEL_OBJECTS_FUNC_H

#include "object.h"

struct MpCode;

typedef struct MpFunction {
    MpObject ob;
    struct MpCode *code;
    MpObject *globals;    /* dict */
    MpObject *builtins;   /* dict */
    MpObject *defaults;   /* tuple or NULL */
    MpObject *kwdefaults; /* dict or NULL */
    MpObject *closure;    /* tuple of cells or NULL */
    MpObject *name;       /* str */
    MpObject *qualname;   /* str */
    MpObject *module;     /* str or NULL */
    MpObject *doc;        /* or NULL */
    MpAttrs attrs;        /* function attributes (f.x = 1) */
} MpFunction;
extern MpType mp_function_type;
/* Borrows everything; the function takes its own references. */
MpObject *mp_function_new(struct MpCode *code, MpObject *globals, MpObject *builtins);
static inline bool mp_is_function(const MpObject *o)
{
    return o->type == &mp_function_type.gc;
}

typedef struct MpCell {
    MpObject ob;
    MpObject *value; /* NULL: empty */
} MpCell;
extern MpType mp_cell_type;
MpObject *mp_cell_new(MpObject *value); /* borrows value, may be NULL */

typedef struct MpMethod {
    MpObject ob;
    MpObject *func;
    MpObject *self;
} MpMethod;
extern MpType mp_method_type;
MpObject *mp_method_new(MpObject *func, MpObject *self);

/* property(fget, fset, fdel, doc), classmethod(f), staticmethod(f). */
typedef struct MpProperty {
    MpObject ob;
    MpObject *fget, *fset, *fdel, *doc; /* each NULL when absent */
} MpProperty;
typedef struct MpWrapper {
    MpObject ob;
    MpObject *func;
} MpWrapper;
extern MpType mp_property_type, mp_classmethod_type, mp_staticmethod_type;

/* Ready the types above. */
int mp_func_types_init(void);

#endif
