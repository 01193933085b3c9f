/*
 * kernel/objects/args.c - binding native functions' arguments to parameters,
 * with CPython's messages.
 */
#include "args.h"

#include "errors.h"

#include <string.h>

int mp_args_no_kw(const char *fname, MpObject *kwnames)
{
    if (kwnames && MP_TUPLE_SIZE(kwnames) > 0) {
        mp_err_format(mp_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    return 0;
}

const char *mp_args_bare_name(const char *fname)
{
    const char *dot = strrchr(fname, '.');
    return dot ? dot + 1 : fname;
}

int mp_args_count(const char *fname, size_t nargs, size_t min, size_t max)
{
    if (nargs >= min && nargs <= max)
        return 0;
    const char *name = mp_args_bare_name(fname);
    size_t n = nargs < min ? min : max;
    if (min == max && min == 0)
        mp_err_format(mp_TypeError, "%s() takes no arguments (%zu given)", fname, nargs);
    else if (min == max && min == 1)
        mp_err_format(mp_TypeError, "%s() takes exactly one argument (%zu given)", fname,
                      nargs);
    else
        mp_err_format(mp_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                      min == max ? "" : nargs < min ? "at least " : "at most ", n,
                      n == 1 ? "" : "s", nargs);
    return -1;
}

int mp_args_count_tuple(const char *fname, size_t nargs, size_t min, size_t max)
{
    if (nargs >= min && nargs <= max)
        return 0;
    size_t n = nargs < min ? min : max;
    mp_err_format(mp_TypeError, "%s() takes %s %zu argument%s (%zu given)",
                  mp_args_bare_name(fname),
                  min == max    ? "exactly"
                  : nargs < min ? "at least"
                                : "at most",
                  n, n == 1 ? "" : "s", nargs);
    return -1;
}

int mp_args_check(const char *fname, size_t nargs, MpObject *kwnames, size_t min,
                  size_t max)
{
    if (mp_args_no_kw(fname, kwnames) < 0)
        return -1;
    return mp_args_count(fname, nargs, min, max);
}

/* The parameter named kw among names[from..nparams), or -1. */
static int param_index(const char *const *names, int from, int nparams, const char *kw)
{
    for (int i = from; i < nparams; i++)
        if (strcmp(names[i], kw) == 0)
            return i;
    return -1;
}

/* CPython 3.11's _PyArg_UnpackKeywords, in its order: too many arguments in all,
   too few positional-only ones, a missing required one, then a keyword given
   twice or unknown ("'y' is an invalid keyword argument for f()"). */
int mp_args_parse(const char *fname, MpObject *const *args, size_t nargs,
                  MpObject *kwnames, const char *const *names, int npos_only, int nreq,
                  MpObject **out)
{
    const char *name = mp_args_bare_name(fname);
    int nparams = 0;
    while (names[nparams])
        nparams++;
    size_t nkw = kwnames ? (size_t)MP_TUPLE_SIZE(kwnames) : 0;
    if (nargs + nkw > (size_t)nparams) {
        mp_err_format(mp_TypeError, "%s() takes at most %d %sargument%s (%zu given)", name,
                      nparams, nargs == 0 ? "keyword " : "", nparams == 1 ? "" : "s",
                      nargs + nkw);
        return -1;
    }
    int min_pos_only = nreq < npos_only ? nreq : npos_only;
    if (nargs < (size_t)min_pos_only) {
        mp_err_format(mp_TypeError, "%s() takes %s %d positional argument%s (%zu given)",
                      name, npos_only < nparams ? "at least" : "exactly", min_pos_only,
                      min_pos_only == 1 ? "" : "s", nargs);
        return -1;
    }
    for (int i = 0; i < nparams; i++)
        out[i] = i < (int)nargs ? args[i] : NULL;
    size_t bound = 0;
    for (size_t k = 0; k < nkw; k++) {
        int i = param_index(names, npos_only, nparams, MP_STR_DATA(MP_TUPLE_ITEMS(kwnames)[k]));
        if (i >= (int)nargs) {
            out[i] = args[nargs + k];
            bound++;
        }
    }
    for (int i = 0; i < nreq; i++)
        if (!out[i]) {
            mp_err_format(mp_TypeError, "%s() missing required argument '%s' (pos %d)", name,
                          names[i], i + 1);
            return -1;
        }
    if (bound == nkw)
        return 0;
    for (size_t k = 0; k < nkw; k++) {
        const char *kw = MP_STR_DATA(MP_TUPLE_ITEMS(kwnames)[k]);
        int i = param_index(names, npos_only, nparams, kw);
        if (i >= 0 && i < (int)nargs) {
            mp_err_format(mp_TypeError, "argument for %s() given by name ('%s') and position (%d)",
                          name, kw, i + 1);
            return -1;
        }
    }
    for (size_t k = 0; k < nkw; k++) {
        const char *kw = MP_STR_DATA(MP_TUPLE_ITEMS(kwnames)[k]);
        if (param_index(names, npos_only, nparams, kw) < 0) {
            mp_err_format(mp_TypeError, "'%s' is an invalid keyword argument for %s()", kw, name);
            return -1;
        }
    }
    return 0;
}
