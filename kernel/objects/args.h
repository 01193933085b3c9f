/*
 * kernel/objects/args.h - argument checking for native functions.
 *
 * Native functions receive CPython's vectorcall arguments (args, nargs,
 * kwnames). mp_args_parse binds them to named parameters with CPython's error
 * messages, so every builtin checks its arguments the same way.
 */
#ifndef MINIPY_KERNEL_OBJECTS_ARGS_H
#define MINIPY_KERNEL_OBJECTS_ARGS_H

#include "object.h"

/* Bind args to `nparams` parameters named in `names` (NULL-terminated array
   of C strings). The first `npos_only` are positional-only, the first `nreq`
   are required. out[i] receives a BORROWED value or NULL when not given.
   Errors as CPython: "f() takes at most 2 arguments (3 given)",
   "f() missing required argument 'x' (pos 1)", "f() got an unexpected keyword
   argument 'y'". 0 or -1. */
int mp_args_parse(const char *fname, MpObject *const *args, size_t nargs,
                  MpObject *kwnames, const char *const *names, int npos_only, int nreq,
                  MpObject **out);
/* "f() takes no keyword arguments" when kwnames is set. 0 or -1. */
int mp_args_no_kw(const char *fname, MpObject *kwnames);
/* Check min <= nargs <= max with CPython's messages ("len() takes exactly one
   argument (2 given)", "expected at most 3 arguments, got 4"). 0 or -1. */
int mp_args_count(const char *fname, size_t nargs, size_t min, size_t max);
/* The same check in PyArg_ParseTuple's words, for the methods CPython parses
   that way (str.find): "find() takes at least 1 argument (0 given)". 0 or -1. */
int mp_args_count_tuple(const char *fname, size_t nargs, size_t min, size_t max);
/* The name CPython's positional-count messages use: "str.find" -> "find". */
const char *mp_args_bare_name(const char *fname);
/* Both checks: no keyword arguments, then min <= nargs <= max. 0 or -1. */
int mp_args_check(const char *fname, size_t nargs, MpObject *kwnames, size_t min,
                  size_t max);

#endif
