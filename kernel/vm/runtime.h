/*
 * kernel/vm/runtime.h - bringing the whole runtime up, and running source in the
 * main module: what `minipy run` and the Jupyter kernel both use.
 */
#ifndef MINIPY_KERNEL_VM_RUNTIME_H
#define MINIPY_KERNEL_VM_RUNTIME_H

#include "compiler.h"
#include "object.h"

/* Ready every type, module and the main module (__name__ '__main__'). argv
   becomes sys.argv. 0, or -1 after printing why on stderr. */
int mp_runtime_init(int argc, char **argv);
/* The main module's globals (borrowed). */
MpObject *mp_runtime_globals(void);
/* Compile and run source in the main module. New reference to the result
   (None, or for COMP_CELL the last expression's value), or NULL with the
   exception pending. */
MpObject *mp_runtime_exec(const char *src, size_t len, const char *filename,
                          CompMode mode);
/* Print the pending exception as CPython does for an uncaught one, on the
   given output stream (2 = stderr), and clear it. */
void mp_runtime_print_exception(int fd);
/* The exit status of a program the pending exception ended, which it clears,
   as CPython's: a SystemExit's code (None: 0; an int: itself; anything else is
   printed on stderr: 1), else the exception is printed with its traceback: 1. */
int mp_runtime_exit_status(void);
/* Call fn at mp_runtime_fini(), the last registered first (CPython's atexit).
   Registering the same fn twice calls it twice. 0, or -1 when the table is full. */
int mp_runtime_atexit(void (*fn)(void));
/* The program ends: run the atexit functions (each must return with no
   exception pending). The runtime stays usable. */
void mp_runtime_fini(void);

/* vm_builtins.c: globals, locals, super and the class-related builtins. */
int vm_builtins_init(MpObject *builtins);

#endif
