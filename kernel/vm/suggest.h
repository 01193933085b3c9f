/*
 * kernel/vm/suggest.h - the "Did you mean: 'x'?" of an uncaught NameError or
 * AttributeError.
 */
#ifndef MINIPY_KERNEL_VM_SUGGEST_H
#define MINIPY_KERNEL_VM_SUGGEST_H

#include "object.h"

/* The name CPython 3.11 suggests for exc, an exact NameError or
   AttributeError: one of dir(exc.obj) for an AttributeError; for a NameError
   one of `varnames` (a tuple: the local variable names of the code that
   raised it, NULL when unknown: no suggestion), else of the globals, else of
   the builtins. New reference, or NULL (no exception pending). */
MpObject *mp_suggest_for(MpObject *exc, MpObject *varnames);

#endif
