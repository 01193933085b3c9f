/*
 * kernel/builtins/builtins.h - the builtins namespace and the builtin modules.
 *
 * Start-up calls mp_builtins_init() on the dict that backs `builtins`, then
 * mp_builtin_modules_init() so `import sys` etc. find their init functions. The
 * rest is shared by the files of this folder only.
 */
#ifndef MINIPY_KERNEL_BUILTINS_BUILTINS_H
#define MINIPY_KERNEL_BUILTINS_BUILTINS_H

#include "object.h"

/* Fill builtins_dict with the builtin functions, types and exception classes
   (not type, globals, locals, super, __build_class__, display, clear_output).
   Readies this folder's types. 0 or -1 with an exception set. */
int mp_builtins_init(MpObject *builtins_dict);
/* Register the builtin modules (gc, sys, weakref, math, ...) with
   mp_module_register. */
int mp_builtin_modules_init(void);
/* dir(o): the sorted list of o's attribute names. New reference or NULL. */
MpObject *mp_object_dir(MpObject *o);
/* sys.argv for the next (and any later) `import sys`; copies the strings. */
void mod_sys_set_argv(int argc, char **argv);
/* Shutdown, once the main module's namespace is cleared: drop what this folder
   keeps for the runtime's life (gc.callbacks, gc.garbage, the finalize
   registry, the saved argv), so the collections after it can free the rest. */
void mp_builtins_fini(void);

/* ==== Shared inside kernel/builtins/ ==== */

/* The iterator types of enumerate, zip, map, filter, reversed and iter(f, s). */
extern MpType mp_enumerate_type, mp_zip_type, mp_map_type, mp_filter_type,
    mp_reversed_type, mp_calliter_type;
/* reversed(seq) and iter(callable, sentinel): new reference or NULL. */
MpObject *mp_reversed_new(MpObject *seq);
MpObject *mp_calliter_new(MpObject *callable, MpObject *sentinel);
/* Ready the iterator types. 0 or -1. */
int mp_iterobjects_init(void);

/* Text files: open(file, mode='r', ...) and the file type. */
extern MpType mp_file_type;
MpObject *mp_builtin_open(MpObject *self, MpObject *const *args, size_t nargs,
                          MpObject *kwnames);

/* Bind keyword-only arguments kwnames[i] to out[j] where names[j] matches (out
   borrowed, NULL when absent); an unknown name raises TypeError "'x' is an
   invalid keyword argument for <fname>()". 0 or -1. */
int mp_args_kwonly(const char *fname, MpObject *const *args, size_t nargs,
                   MpObject *kwnames, const char *const *names, MpObject **out);
/* int or float as a C double; TypeError "must be real number, not str". */
int mp_real_as_double(MpObject *o, double *out);

MpObject *mod_sys_init(void);
MpObject *mod_math_init(void);
MpObject *mod_time_init(void);
MpObject *mod_random_init(void);
MpObject *mod_weakref_init(void);
/* Shutdown: forget the finalizers still registered (weakref.finalize objects
   not called by the exit handler), without calling them. */
void mod_weakref_fini(void);

#endif
