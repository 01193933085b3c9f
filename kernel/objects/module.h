/*
 * kernel/objects/module.h - module objects and the table of builtin modules.
 *
 * A module is a name and a dict. Builtin modules (gc, sys, math, ...) register an
 * init function; `import m` calls it once and caches the module.
 */
#ifndef MINIPY_KERNEL_OBJECTS_MODULE_H
#define MINIPY_KERNEL_OBJECTS_MODULE_H

#include "object.h"

typedef struct MpModule {
    MpObject ob;
    MpObject *name; /* str */
    MpObject *dict; /* dict: the module's namespace */
} MpModule;
extern MpType mp_module_type;

/* A new empty module whose __name__ is name. */
MpObject *mp_module_new(const char *name);
/* Add native functions (MpNative with self = NULL, __module__ = the module's
   name). 0 or -1. */
int mp_module_add_functions(MpObject *module, const MpMethodDef *defs);
/* module.name = value (borrows value). 0 or -1. */
int mp_module_add(MpObject *module, const char *name, MpObject *value);
/* module.name = value, stealing value; a NULL value means its constructor
   failed with an exception set. 0 or -1. */
int mp_module_add_new(MpObject *module, const char *name, MpObject *value);
#define MP_MODULE_DICT(m) (((MpModule *)(m))->dict)

/* Builtin module table: init returns a new module (new reference) or NULL. */
typedef MpObject *(*MpModuleInit)(void);
void mp_module_register(const char *name, MpModuleInit init);
/* import name: the cached module, initialised on first use (new reference);
   ModuleNotFoundError "No module named 'x'". */
MpObject *mp_module_import(const char *name);
/* Forget every cached module (kernel restart). */
void mp_module_reset(void);

#endif
