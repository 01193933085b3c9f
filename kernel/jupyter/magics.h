/*
 * kernel/jupyter/magics.h - IPython-style line magics (%who, %whos, %memory, ...).
 *
 * As IPython does, a line whose first non-blank character is '%' is rewritten
 * before compiling into a call run_line_magic('name', 'arguments'), so magics mix
 * with code and keep line numbers. run_line_magic is a builtin of the kernel.
 */
#ifndef MINIPY_KERNEL_JUPYTER_MAGICS_H
#define MINIPY_KERNEL_JUPYTER_MAGICS_H

#include "object.h"

/* The cell with magic lines rewritten: a malloc'd string, or NULL when out of
   memory. Lines inside brackets or continued lines are left alone. */
char *kj_magic_transform(const char *code);
/* The known magic names (without '%'), NULL-terminated. */
const char *const *kj_magic_names(void);
/* Add run_line_magic to the builtins dict. 0 or -1. */
int kj_magics_init(MpObject *builtins);
/* At the end of every execute request (magics_mem.c): snapshot the memory
   totals %memory compares with, and print %leakwatch's report when it is on.
   Returns with no exception pending. */
void kj_magics_after_cell(void);
/* Shutdown: free the snapshot (magics_mem.c). */
void kj_magics_fini(void);

#endif
