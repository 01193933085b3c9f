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

int mp_args_count(const char *fname, size_t nargs, size_t min, size_t max)
{
    if (nargs >= min && nargs <= max)
        return 0;
    if (min == max && min == 0)
        mp_err_format(mp_TypeError, "%s() takes no arguments (%zu given)", fname, nargs);
    else if (min == max && min == 1)
        mp_err_format(mp_TypeError, "%s() takes exactly one argument (%zu given)", fname,
                      nargs);
    else if (nargs < min)
        mp_err_format(mp_TypeError, "%s expected at least %zu argument%s, got %zu", fname, min,
                      min == 1 ? "" : "s", nargs);
    else
        mp_err_format(mp_TypeError, "%s expected at most %zu argument%s, got %zu", fname, max,
                      max == 1 ? "" : "s", nargs);
    return -1;
}

int mp_args_check(const char *fname, size_t nargs, MpObject *kwnames, size_t min,
                  size_t max)
{
    if (mp_args_no_kw(fname, kwnames) < 0)
        return -1;
    return mp_args_count(fname, nargs, min, max);
}

int mp_args_parse(const char *fname, MpObject *const *args, size_t nargs,
                  MpObject *kwnames, const char *const *names, int npos_only, int nreq,
                  MpObject **out)
{
    int nparams = 0;
    while (names[nparams])
        nparams++;
    if (nargs > (size_t)nparams) {
        mp_err_format(mp_TypeError, "%s() takes at most %d argument%s (%zu given)", fname,
                      nparams, nparams == 1 ? "" : "s", nargs);
        return -1;
    }
    for (int i = 0; i < nparams; i++)
        out[i] = i < (int)nargs ? args[i] : NULL;
    int64_t nkw = kwnames ? MP_TUPLE_SIZE(kwnames) : 0;
    for (int64_t k = 0; k < nkw; k++) {
        const char *kw = MP_STR_DATA(MP_TUPLE_ITEMS(kwnames)[k]);
        int i = npos_only;
        while (i < nparams && strcmp(names[i], kw) != 0)
            i++;
        if (i == nparams) {
            mp_err_format(mp_TypeError, "%s() got an unexpected keyword argument '%s'", fname,
                          kw);
            return -1;
        }
        if (out[i]) {
            mp_err_format(mp_TypeError, "argument for %s() given by name ('%s') and position (%d)",
                          fname, kw, i + 1);
            return -1;
        }
        out[i] = args[nargs + (size_t)k];
    }
    for (int i = 0; i < nreq; i++)
        if (!out[i]) {
            mp_err_format(mp_TypeError, "%s() missing required argument '%s' (pos %d)", fname,
                          names[i], i + 1);
            return -1;
        }
    return 0;
}
