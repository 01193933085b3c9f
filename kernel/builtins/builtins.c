/*
 * kernel/builtins/builtins.c - owns the builtin functions (print, len, min, ...) and
 * fills the builtins namespace.
 *
 * Each builtin is a native function with CPython's vectorcall shape and CPython
 * 3.11's argument errors. Loops that user code runs often (len, isinstance,
 * min/max, sum) take a fast path for ints, floats and the builtin containers.
 * The iterator types live in iterobjects.c, files in fileobject.c.
 */
#include "builtins.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "func.h"
#include "mod_gc.h"
#include "module.h"
#include "output.h"
#include "vm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Interned attribute names, set by mp_builtins_init (borrowed). */
static MpObject *str_dict, *str_round, *str_abs;

/* ==== Argument helpers ==== */

int mp_args_kwonly(const char *fname, MpObject *const *args, size_t nargs,
                   MpObject *kwnames, const char *const *names, MpObject **out)
{
    for (size_t j = 0; names[j]; j++)
        out[j] = NULL;
    if (!kwnames)
        return 0;
    for (int64_t i = 0; i < MP_TUPLE_SIZE(kwnames); i++) {
        const char *kw = MP_STR_DATA(MP_TUPLE_ITEMS(kwnames)[i]);
        size_t j = 0;
        while (names[j] && strcmp(names[j], kw) != 0)
            j++;
        if (!names[j]) {
            mp_err_format(mp_TypeError, "'%s' is an invalid keyword argument for %s()",
                          kw, fname);
            return -1;
        }
        out[j] = args[nargs + (size_t)i];
    }
    return 0;
}

int mp_real_as_double(MpObject *o, double *out)
{
    if (o->type == &mp_float_type.gc) {
        *out = MP_FLOAT_VALUE(o);
        return 0;
    }
    if (mp_is_int(o)) {
        *out = (double)MP_INT_VALUE(o);
        return 0;
    }
    mp_err_format(mp_TypeError, "must be real number, not %s", mp_type_name(o));
    return -1;
}

/* "f expected at most 1 argument, got 2" (CPython's _PyArg_CheckPositional). */
static int check_positional(const char *fname, size_t nargs, size_t min, size_t max)
{
    if (nargs < min) {
        mp_err_format(mp_TypeError, "%s expected %s%zu argument%s, got %zu", fname,
                      min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        mp_err_format(mp_TypeError, "%s expected %s%zu argument%s, got %zu", fname,
                      min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

static bool is_type(MpObject *o)
{
    return mp_is_instance_of(o, &mp_type_type);
}

/* ==== Output and input ==== */

static int write_to_file(MpObject *file, MpObject *s)
{
    MpObject *r = mp_call_method(file, "write", &s, 1);
    if (!r)
        return -1;
    MP_DECREF(r);
    return 0;
}

/* print to a file object: write(str(arg)), write(sep), ..., write(end), as CPython
   does, so a user object with write() sees the same calls. */
static int print_to_file(MpObject *file, MpObject *const *args, size_t nargs,
                         MpObject *sep, MpObject *end)
{
    for (size_t i = 0; i < nargs; i++) {
        if (i > 0 && write_to_file(file, sep) < 0)
            return -1;
        MpObject *s = mp_str(args[i]);
        if (!s)
            return -1;
        int rc = write_to_file(file, s);
        MP_DECREF(s);
        if (rc < 0)
            return -1;
    }
    return write_to_file(file, end);
}

/* sep= and end=: None means the default (*v becomes NULL), else a str. */
static int check_print_str(const char *what, MpObject **v)
{
    if (!*v || *v == mp_none) {
        *v = NULL;
        return 0;
    }
    if (!mp_is_str(*v)) {
        mp_err_format(mp_TypeError, "%s must be None or a string, not %s", what,
                      mp_type_name(*v));
        return -1;
    }
    return 0;
}

static MpObject *builtin_print(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"sep", "end", "file", "flush", NULL};
    MpObject *kw[4];
    if (mp_args_kwonly("print", args, nargs, kwnames, names, kw) < 0)
        return NULL;
    MpObject *sep = kw[0], *end = kw[1], *file = kw[2], *flush = kw[3];
    if (check_print_str("sep", &sep) < 0 || check_print_str("end", &end) < 0)
        return NULL;
    if (file && file != mp_none) {
        MpObject *sep_s = sep ? (MP_INCREF(sep), sep) : mp_str_new(" ", 1);
        MpObject *end_s = end ? (MP_INCREF(end), end) : mp_str_new("\n", 1);
        int rc = sep_s && end_s ? print_to_file(file, args, nargs, sep_s, end_s) : -1;
        MP_XDECREF(sep_s);
        MP_XDECREF(end_s);
        if (rc < 0)
            return NULL;
    } else {
        MpStrBuf b;
        mp_strbuf_init(&b);
        for (size_t i = 0; i < nargs; i++) {
            if (i > 0) {
                if (sep)
                    mp_strbuf_add(&b, MP_STR_DATA(sep), (size_t)MP_STR_SIZE(sep));
                else
                    mp_strbuf_add_char(&b, ' ');
            }
            MpObject *a = args[i];
            if (mp_is_str(a))
                mp_strbuf_add(&b, MP_STR_DATA(a), (size_t)MP_STR_SIZE(a));
            else if (mp_strbuf_add_str(&b, a) < 0) {
                /* CPython has written the earlier pieces when str() fails */
                if (!b.failed && b.size > 0)
                    mp_output_write(1, b.data, b.size);
                mp_strbuf_free(&b);
                return NULL;
            }
        }
        if (end)
            mp_strbuf_add(&b, MP_STR_DATA(end), (size_t)MP_STR_SIZE(end));
        else
            mp_strbuf_add_char(&b, '\n');
        if (b.failed) {
            mp_strbuf_free(&b);
            return mp_err_nomemory();
        }
        mp_output_write(1, b.data, b.size);
        mp_strbuf_free(&b);
    }
    if (flush) {
        int t = mp_truthy(flush);
        if (t < 0)
            return NULL;
        if (t && file && file != mp_none) {
            MpObject *r = mp_call_method(file, "flush", NULL, 0);
            if (!r)
                return NULL;
            MP_DECREF(r);
        } else if (t) {
            mp_output_flush();
        }
    }
    MP_RETURN_NONE;
}

static MpObject *builtin_input(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("input", kwnames) < 0 || check_positional("input", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        return mp_input_read("", 0);
    MpObject *prompt = mp_str(args[0]);
    if (!prompt)
        return NULL;
    MpObject *r = mp_input_read(MP_STR_DATA(prompt), (size_t)MP_STR_SIZE(prompt));
    MP_DECREF(prompt);
    return r;
}

/* ==== Object protocol ==== */

static MpObject *builtin_len(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("len", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpObject *o = args[0];
    int64_t n;
    if (o->type == &mp_list_type.gc)
        n = MP_LIST_SIZE(o);
    else if (o->type == &mp_str_type.gc)
        n = MP_STR_LEN(o);
    else if (o->type == &mp_tuple_type.gc)
        n = MP_TUPLE_SIZE(o);
    else if (o->type == &mp_dict_type.gc)
        n = MP_DICT_LEN(o);
    else if ((n = mp_len(o)) < 0)
        return NULL;
    return mp_int_new(n);
}

/* Does o match cls, a type or a (nested) tuple of types? errmsg names the rule. */
static int instance_or_subclass(MpObject *o, MpObject *cls, bool subclass)
{
    if (is_type(cls)) {
        if (subclass)
            return mp_type_is_subtype((MpType *)o, (MpType *)cls);
        return mp_is_instance_of(o, (MpType *)cls);
    }
    if (cls->type == &mp_tuple_type.gc) {
        for (int64_t i = 0; i < MP_TUPLE_SIZE(cls); i++) {
            int r = instance_or_subclass(o, MP_TUPLE_ITEMS(cls)[i], subclass);
            if (r != 0)
                return r;
        }
        return 0;
    }
    if (subclass)
        mp_err_set(mp_TypeError,
                   "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    else
        mp_err_set(mp_TypeError,
                   "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return -1;
}

static MpObject *builtin_isinstance(MpObject *self, MpObject *const *args, size_t nargs,
                                    MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("isinstance", kwnames) < 0 ||
        check_positional("isinstance", nargs, 2, 2) < 0)
        return NULL;
    if ((MpObject *)mp_type(args[0]) == args[1])
        return mp_bool(true);
    int r = instance_or_subclass(args[0], args[1], false);
    return r < 0 ? NULL : mp_bool(r);
}

static MpObject *builtin_issubclass(MpObject *self, MpObject *const *args, size_t nargs,
                                    MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("issubclass", kwnames) < 0 ||
        check_positional("issubclass", nargs, 2, 2) < 0)
        return NULL;
    if (!is_type(args[0]))
        return mp_err_set(mp_TypeError, "issubclass() arg 1 must be a class");
    int r = instance_or_subclass(args[0], args[1], true);
    return r < 0 ? NULL : mp_bool(r);
}

static MpObject *builtin_id(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("id", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return mp_int_new((int64_t)(intptr_t)args[0]);
}

static MpObject *builtin_hash(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("hash", nargs, kwnames, 1, 1) < 0)
        return NULL;
    int64_t h = mp_hash(args[0]);
    return h == -1 ? NULL : mp_int_new(h);
}

static MpObject *builtin_repr(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("repr", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return mp_repr(args[0]);
}

static MpObject *builtin_format(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("format", kwnames) < 0 ||
        check_positional("format", nargs, 1, 2) < 0)
        return NULL;
    if (nargs == 2 && !mp_is_str(args[1]))
        return mp_err_format(mp_TypeError,
                             "format() argument 2 must be str, not %s",
                             mp_type_name(args[1]));
    MpObject *spec = nargs == 2 ? args[1] : mp_str_new("", 0);
    if (!spec)
        return NULL;
    MpObject *r = mp_format(args[0], spec);
    if (nargs < 2)
        MP_DECREF(spec);
    return r;
}

static MpObject *builtin_callable(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("callable", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return mp_bool(mp_is_callable(args[0]));
}

/* ==== Attributes ==== */

static int check_attr_name(MpObject *name)
{
    if (mp_is_str(name))
        return 0;
    mp_err_format(mp_TypeError, "attribute name must be string, not '%s'",
                  mp_type_name(name));
    return -1;
}

static MpObject *builtin_getattr(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("getattr", kwnames) < 0 ||
        check_positional("getattr", nargs, 2, 3) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    if (nargs == 2)
        return mp_getattr(args[0], args[1]);
    MpObject *v;
    int r = mp_lookup_attr(args[0], args[1], &v);
    if (r < 0)
        return NULL;
    if (r == 0) {
        MP_INCREF(args[2]);
        return args[2];
    }
    return v;
}

static MpObject *builtin_hasattr(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("hasattr", kwnames) < 0 ||
        check_positional("hasattr", nargs, 2, 2) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    MpObject *v;
    int r = mp_lookup_attr(args[0], args[1], &v);
    if (r < 0)
        return NULL;
    if (r > 0)
        MP_DECREF(v);
    return mp_bool(r > 0);
}

static MpObject *builtin_setattr(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("setattr", kwnames) < 0 ||
        check_positional("setattr", nargs, 3, 3) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    if (mp_setattr(args[0], args[1], args[2]) < 0)
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *builtin_delattr(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("delattr", kwnames) < 0 ||
        check_positional("delattr", nargs, 2, 2) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    if (mp_setattr(args[0], args[1], NULL) < 0)
        return NULL;
    MP_RETURN_NONE;
}

/* o.__dict__ as a new reference: 1, 0 when o has none, -1 on error. */
static int object_dict(MpObject *o, MpObject **out)
{
    if (o->type == &mp_module_type.gc) {
        *out = MP_MODULE_DICT(o);
        MP_INCREF(*out);
        return 1;
    }
    if (is_type(o)) {
        *out = ((MpType *)o)->dict;
        MP_INCREF(*out);
        return 1;
    }
    return mp_lookup_attr(o, str_dict, out);
}

static MpObject *builtin_vars(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("vars", kwnames) < 0 || check_positional("vars", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        return vm_current_locals();
    MpObject *d;
    int r = object_dict(args[0], &d);
    if (r < 0)
        return NULL;
    if (r == 0)
        return mp_err_set(mp_TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

static int add_keys(MpObject *set, MpObject *dict)
{
    int64_t pos = 0;
    MpObject *k, *v;
    while (mp_dict_next(dict, &pos, &k, &v))
        if (mp_set_add(set, k) < 0)
            return -1;
    return 0;
}

static int add_type_keys(MpObject *set, const MpType *t)
{
    for (; t; t = t->base)
        if (t->dict && add_keys(set, t->dict) < 0)
            return -1;
    return 0;
}

/* The names dir(o) lists: a module's globals, a class's attributes along its
   bases, or an instance's attributes plus its class's (CPython's object.__dir__). */
static int collect_dir(MpObject *set, MpObject *o)
{
    if (o->type == &mp_module_type.gc)
        return add_keys(set, MP_MODULE_DICT(o));
    if (is_type(o))
        return add_type_keys(set, (MpType *)o);
    MpObject *d;
    int r = mp_lookup_attr(o, str_dict, &d);
    if (r < 0)
        return -1;
    if (r > 0) {
        r = d->type == &mp_dict_type.gc ? add_keys(set, d) : 0;
        MP_DECREF(d);
        if (r < 0)
            return -1;
    }
    return add_type_keys(set, mp_type(o));
}

static MpObject *sorted_list_of(MpObject *iterable)
{
    MpObject *list = mp_call1((MpObject *)&mp_list_type, iterable);
    if (list && mp_list_sort(list, NULL, false) < 0)
        MP_CLEAR(list);
    return list;
}

MpObject *mp_object_dir(MpObject *o)
{
    MpObject *set = mp_set_new();
    if (!set)
        return NULL;
    MpObject *r = collect_dir(set, o) < 0 ? NULL : sorted_list_of(set);
    MP_DECREF(set);
    return r;
}

static MpObject *builtin_dir(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("dir", kwnames) < 0 || check_positional("dir", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0) {
        MpObject *locals = vm_current_locals();
        if (!locals)
            return NULL;
        MpObject *r = sorted_list_of(locals);
        MP_DECREF(locals);
        return r;
    }
    return mp_object_dir(args[0]);
}

/* ==== Iteration ==== */

static MpObject *builtin_iter(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("iter", kwnames) < 0 || check_positional("iter", nargs, 1, 2) < 0)
        return NULL;
    if (nargs == 2) {
        if (!mp_is_callable(args[0]))
            return mp_err_set(mp_TypeError, "iter(v, w): v must be callable");
        return mp_calliter_new(args[0], args[1]);
    }
    return mp_iter(args[0]);
}

static MpObject *builtin_next(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("next", kwnames) < 0 || check_positional("next", nargs, 1, 2) < 0)
        return NULL;
    MpObject *it = args[0];
    if (!mp_type(it)->iternext)
        return mp_err_format(mp_TypeError, "'%s' object is not an iterator",
                             mp_type_name(it));
    MpObject *v = mp_type(it)->iternext(it);
    if (v)
        return v;
    if (mp_err_occurred()) {
        if (nargs < 2 || !mp_err_matches(mp_StopIteration))
            return NULL;
        mp_err_clear();
    }
    if (nargs == 2) {
        MP_INCREF(args[1]);
        return args[1];
    }
    MpObject *exc = mp_exception_new(mp_StopIteration, NULL, 0);
    if (exc) {
        mp_err_set_object(exc);
        MP_DECREF(exc);
    }
    return NULL;
}

/* any() and all(): stop at the first item whose truth is `stop_at`. */
static MpObject *any_all(const char *fname, MpObject *const *args, size_t nargs,
                         MpObject *kwnames, bool stop_at)
{
    if (mp_args_check(fname, nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpObject *it = mp_iter(args[0]);
    if (!it)
        return NULL;
    MpObject *item;
    while ((item = mp_iternext(it))) {
        int t = mp_truthy(item);
        MP_DECREF(item);
        if (t < 0)
            break;
        if ((t != 0) == stop_at) {
            MP_DECREF(it);
            return mp_bool(stop_at);
        }
    }
    MP_DECREF(it);
    return mp_err_occurred() ? NULL : mp_bool(!stop_at);
}

static MpObject *builtin_any(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    return any_all("any", args, nargs, kwnames, true);
}

static MpObject *builtin_all(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    return any_all("all", args, nargs, kwnames, false);
}

/* a < b (op MP_LT) or a > b (MP_GT), with a fast path for ints and floats. */
static int better(MpObject *a, MpObject *b, MpCompareOp op)
{
    if (mp_is_int(a) && mp_is_int(b))
        return op == MP_LT ? MP_INT_VALUE(a) < MP_INT_VALUE(b)
                           : MP_INT_VALUE(a) > MP_INT_VALUE(b);
    if (a->type == &mp_float_type.gc && b->type == &mp_float_type.gc)
        return op == MP_LT ? MP_FLOAT_VALUE(a) < MP_FLOAT_VALUE(b)
                           : MP_FLOAT_VALUE(a) > MP_FLOAT_VALUE(b);
    return mp_compare_bool(a, b, op);
}

/* min() and max(): over one iterable or over the arguments; key= and default=.
   The first of equal items wins, as CPython. */
static MpObject *min_max(const char *fname, MpObject *const *args, size_t nargs,
                         MpObject *kwnames, MpCompareOp op)
{
    static const char *const names[] = {"key", "default", NULL};
    MpObject *kw[2];
    if (mp_args_kwonly(fname, args, nargs, kwnames, names, kw) < 0)
        return NULL;
    MpObject *key = kw[0] == mp_none ? NULL : kw[0], *dflt = kw[1];
    if (nargs == 0)
        return mp_err_format(mp_TypeError, "%s expected at least 1 argument, got 0",
                             fname);
    if (nargs > 1 && dflt)
        return mp_err_format(mp_TypeError,
                             "Cannot specify a default for %s() with multiple "
                             "positional arguments",
                             fname);
    MpObject *it = NULL;
    if (nargs == 1 && !(it = mp_iter(args[0])))
        return NULL;
    MpObject *best = NULL, *best_key = NULL;
    for (size_t i = 0;; i++) {
        MpObject *item;
        if (it) {
            if (!(item = mp_iternext(it)))
                break;
        } else {
            if (i == nargs)
                break;
            item = args[i];
            MP_INCREF(item);
        }
        MpObject *k = item;
        if (key) {
            if (!(k = mp_call1(key, item))) {
                MP_DECREF(item);
                goto fail;
            }
        } else {
            MP_INCREF(k);
        }
        if (!best) {
            best = item;
            best_key = k;
            continue;
        }
        int r = better(k, best_key, op);
        if (r < 0) {
            MP_DECREF(item);
            MP_DECREF(k);
            goto fail;
        }
        if (r) {
            MP_SETREF(best, item);
            MP_SETREF(best_key, k);
        } else {
            MP_DECREF(item);
            MP_DECREF(k);
        }
    }
    if (mp_err_occurred())
        goto fail;
    MP_XDECREF(it);
    MP_XDECREF(best_key);
    if (best)
        return best;
    if (dflt) {
        MP_INCREF(dflt);
        return dflt;
    }
    return mp_err_format(mp_ValueError, "%s() arg is an empty sequence", fname);
fail:
    MP_XDECREF(it);
    MP_XDECREF(best);
    MP_XDECREF(best_key);
    return NULL;
}

static MpObject *builtin_min(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    return min_max("min", args, nargs, kwnames, MP_LT);
}

static MpObject *builtin_max(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    return min_max("max", args, nargs, kwnames, MP_GT);
}

/* sum(iterable, /, start=0). The running total stays a C int64 or double while
   the items are ints/floats (CPython's fast paths; float sums add left to right
   without compensation, as 3.11 does); anything else goes through `+`. */
static MpObject *builtin_sum(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"iterable", "start", NULL};
    MpObject *p[2];
    if (mp_args_parse("sum", args, nargs, kwnames, names, 1, 1, p) < 0)
        return NULL;
    MpObject *start = p[1] ? p[1] : mp_int_new(0);
    if (!start)
        return NULL;
    if (p[1])
        MP_INCREF(start);
    if (mp_is_str(start)) {
        MP_DECREF(start);
        return mp_err_set(mp_TypeError,
                          "sum() can't sum strings [use ''.join(seq) instead]");
    }
    MpObject *it = mp_iter(p[0]);
    if (!it) {
        MP_DECREF(start);
        return NULL;
    }
    enum { ACC_INT, ACC_FLOAT, ACC_OBJ } mode = ACC_OBJ;
    int64_t isum = 0;
    double fsum = 0.0;
    MpObject *acc = start; /* owned while mode == ACC_OBJ */
    MpObject *item;
    for (;;) {
        if (mode == ACC_OBJ && acc) {
            if (acc->type == &mp_int_type.gc) {
                mode = ACC_INT;
                isum = MP_INT_VALUE(acc);
                MP_CLEAR(acc);
            } else if (acc->type == &mp_float_type.gc) {
                mode = ACC_FLOAT;
                fsum = MP_FLOAT_VALUE(acc);
                MP_CLEAR(acc);
            }
        }
        if (!(item = mp_iternext(it)))
            break;
        int64_t next_isum;
        if (mode == ACC_INT && mp_is_int(item) &&
            !__builtin_add_overflow(isum, MP_INT_VALUE(item), &next_isum)) {
            isum = next_isum;
            MP_DECREF(item);
            continue;
        }
        if (mode == ACC_FLOAT && (item->type == &mp_float_type.gc || mp_is_int(item))) {
            fsum += item->type == &mp_float_type.gc ? MP_FLOAT_VALUE(item)
                                                    : (double)MP_INT_VALUE(item);
            MP_DECREF(item);
            continue;
        }
        if (mode == ACC_INT)
            acc = mp_int_new(isum);
        else if (mode == ACC_FLOAT)
            acc = mp_float_new(fsum);
        mode = ACC_OBJ;
        MpObject *next = acc ? mp_binary_op(acc, item, MP_OP_ADD) : NULL;
        MP_XDECREF(acc);
        MP_DECREF(item);
        if (!(acc = next))
            break;
    }
    MP_DECREF(it);
    if (mp_err_occurred()) {
        MP_XDECREF(acc);
        return NULL;
    }
    if (mode == ACC_INT)
        return mp_int_new(isum);
    if (mode == ACC_FLOAT)
        return mp_float_new(fsum);
    return acc;
}

static MpObject *builtin_sorted(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"key", "reverse", NULL};
    MpObject *kw[2];
    if (check_positional("sorted", nargs, 1, 1) < 0 ||
        mp_args_kwonly("sort", args, nargs, kwnames, names, kw) < 0)
        return NULL;
    int64_t reverse = 0;
    if (kw[1] && mp_index(kw[1], &reverse) < 0)
        return NULL;
    MpObject *list = mp_call1((MpObject *)&mp_list_type, args[0]);
    if (!list)
        return NULL;
    if (mp_list_sort(list, kw[0] == mp_none ? NULL : kw[0], reverse != 0) < 0)
        MP_CLEAR(list);
    return list;
}

/* ==== Numbers ==== */

static MpObject *builtin_abs(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("abs", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpObject *o = args[0];
    if (mp_is_int(o)) {
        if (MP_INT_VALUE(o) < 0)
            return mp_unary_op(o, MP_OP_NEG);
        return mp_int_new(MP_INT_VALUE(o));
    }
    if (o->type == &mp_float_type.gc)
        return mp_float_new(fabs(MP_FLOAT_VALUE(o)));
    if (mp_type_lookup(mp_type(o), str_abs))
        return mp_call_method(o, "__abs__", NULL, 0);
    return mp_err_format(mp_TypeError, "bad operand type for abs(): '%s'",
                         mp_type_name(o));
}

static MpObject *builtin_round(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"number", "ndigits", NULL};
    MpObject *p[2];
    if (mp_args_parse("round", args, nargs, kwnames, names, 0, 1, p) < 0)
        return NULL;
    MpObject *x = p[0], *ndo = p[1] == mp_none ? NULL : p[1];
    if (!mp_is_int(x) && x->type != &mp_float_type.gc) {
        if (!mp_type_lookup(mp_type(x), str_round))
            return mp_err_format(mp_TypeError, "type %s doesn't define __round__ method",
                                 mp_type_name(x));
        return mp_call_method(x, "__round__", &p[1], ndo ? 1 : 0);
    }
    return mp_number_round(x, ndo);
}

/* divmod(a, b) for ints and floats, with CPython's results and messages. */
static MpObject *builtin_divmod(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("divmod", kwnames) < 0 ||
        check_positional("divmod", nargs, 2, 2) < 0)
        return NULL;
    MpObject *a = args[0], *b = args[1];
    bool a_num = mp_is_int(a) || a->type == &mp_float_type.gc;
    bool b_num = mp_is_int(b) || b->type == &mp_float_type.gc;
    if (!a_num || !b_num)
        return mp_err_format(mp_TypeError,
                             "unsupported operand type(s) for divmod(): '%s' and '%s'",
                             mp_type_name(a), mp_type_name(b));
    if (!mp_is_int(a) || !mp_is_int(b)) {
        double x = 0, y = 0;
        mp_real_as_double(a, &x);
        mp_real_as_double(b, &y);
        if (y == 0.0)
            return mp_err_set(mp_ZeroDivisionError, "float divmod()");
    }
    MpObject *q = mp_binary_op(a, b, MP_OP_FLOORDIV);
    if (!q)
        return NULL;
    MpObject *r = mp_binary_op(a, b, MP_OP_MOD);
    if (!r) {
        MP_DECREF(q);
        return NULL;
    }
    MpObject *t = mp_tuple_pack(2, q, r);
    MP_DECREF(q);
    MP_DECREF(r);
    return t;
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    __extension__ typedef unsigned __int128 u128;
    return (uint64_t)((u128)a * b % m);
}

/* x**-1 mod m by the extended Euclidean algorithm; false if not invertible. */
static bool inverse_mod(uint64_t x, uint64_t m, uint64_t *out)
{
    int64_t t = 0, newt = 1;
    uint64_t r = m, newr = x;
    while (newr) {
        uint64_t q = r / newr, tmp = r - q * newr;
        int64_t tt = t - (int64_t)q * newt;
        t = newt;
        newt = tt;
        r = newr;
        newr = tmp;
    }
    if (r != 1)
        return false;
    *out = t < 0 ? (uint64_t)(t + (int64_t)m) : (uint64_t)t;
    return true;
}

/* pow(base, exp, mod) for ints: the result has mod's sign, as CPython. */
static MpObject *pow_mod(int64_t base, int64_t exp, int64_t mod)
{
    if (mod == 0)
        return mp_err_set(mp_ValueError, "pow() 3rd argument cannot be 0");
    bool neg_mod = mod < 0;
    uint64_t m = neg_mod ? -(uint64_t)mod : (uint64_t)mod;
    uint64_t b = base >= 0 ? (uint64_t)base % m : (m - (-(uint64_t)base) % m) % m;
    uint64_t e = exp < 0 ? -(uint64_t)exp : (uint64_t)exp;
    if (exp < 0 && !inverse_mod(b, m, &b))
        return mp_err_set(mp_ValueError, "base is not invertible for the given modulus");
    uint64_t r = 1 % m;
    while (e) {
        if (e & 1)
            r = mulmod(r, b, m);
        b = mulmod(b, b, m);
        e >>= 1;
    }
    if (neg_mod && r != 0)
        return mp_int_new((int64_t)(r - m));
    return mp_int_new((int64_t)r);
}

static MpObject *builtin_pow(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"base", "exp", "mod", NULL};
    MpObject *p[3];
    if (mp_args_parse("pow", args, nargs, kwnames, names, 0, 2, p) < 0)
        return NULL;
    if (!p[2] || p[2] == mp_none)
        return mp_binary_op(p[0], p[1], MP_OP_POW);
    if (!mp_is_int(p[0]) || !mp_is_int(p[1]) || !mp_is_int(p[2]))
        return mp_err_set(mp_TypeError,
                          "pow() 3rd argument not allowed unless all arguments are "
                          "integers");
    return pow_mod(MP_INT_VALUE(p[0]), MP_INT_VALUE(p[1]), MP_INT_VALUE(p[2]));
}

/* hex(), oct(), bin(): sign, prefix, digits of the magnitude. */
static MpObject *int_to_base(MpObject *const *args, size_t nargs, MpObject *kwnames,
                             const char *fname, unsigned shift, char prefix)
{
    if (mp_args_check(fname, nargs, kwnames, 1, 1) < 0)
        return NULL;
    int64_t v;
    if (mp_index(args[0], &v) < 0)
        return NULL;
    uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
    char buf[80];
    char *p = buf + sizeof buf;
    *--p = '\0';
    do {
        *--p = "0123456789abcdef"[u & ((1u << shift) - 1)];
        u >>= shift;
    } while (u);
    *--p = prefix;
    *--p = '0';
    if (v < 0)
        *--p = '-';
    return mp_str_from_cstr(p);
}

static MpObject *builtin_hex(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    return int_to_base(args, nargs, kwnames, "hex", 4, 'x');
}

static MpObject *builtin_oct(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    return int_to_base(args, nargs, kwnames, "oct", 3, 'o');
}

static MpObject *builtin_bin(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    return int_to_base(args, nargs, kwnames, "bin", 1, 'b');
}

static MpObject *builtin_chr(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("chr", nargs, kwnames, 1, 1) < 0)
        return NULL;
    int64_t c;
    if (mp_index(args[0], &c) < 0)
        return NULL;
    if (c < 0 || c > 0x10FFFF)
        return mp_err_set(mp_ValueError, "chr() arg not in range(0x110000)");
    char buf[4];
    size_t n;
    if (c < 0x80) {
        buf[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        buf[0] = (char)(0xC0 | (c >> 6));
        buf[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        buf[0] = (char)(0xE0 | (c >> 12));
        buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        buf[0] = (char)(0xF0 | (c >> 18));
        buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    return mp_str_new(buf, n);
}

static MpObject *builtin_ord(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("ord", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpObject *s = args[0];
    if (!mp_is_str(s))
        return mp_err_format(mp_TypeError,
                             "ord() expected string of length 1, but %s found",
                             mp_type_name(s));
    if (MP_STR_LEN(s) != 1)
        return mp_err_format(mp_TypeError,
                             "ord() expected a character, but string of length %lld "
                             "found",
                             (long long)MP_STR_LEN(s));
    const unsigned char *u = (const unsigned char *)MP_STR_DATA(s);
    int64_t c;
    if (u[0] < 0x80)
        c = u[0];
    else if (u[0] < 0xE0)
        c = ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    else if (u[0] < 0xF0)
        c = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    else
        c = ((int64_t)(u[0] & 0x07) << 18) | ((u[1] & 0x3F) << 12) |
            ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
    return mp_int_new(c);
}

/* ==== The builtins namespace ==== */

static const MpMethodDef builtin_functions[] = {
    {"print", builtin_print, 0,
     "print(value, ..., sep=' ', end='\\n', file=sys.stdout, flush=False)"},
    {"input", builtin_input, 0, "input(prompt='', /)"},
    {"len", builtin_len, 0, "len(obj, /)"},
    {"isinstance", builtin_isinstance, 0, "isinstance(obj, class_or_tuple, /)"},
    {"issubclass", builtin_issubclass, 0, "issubclass(cls, class_or_tuple, /)"},
    {"id", builtin_id, 0, "id(obj, /)"},
    {"hash", builtin_hash, 0, "hash(obj, /)"},
    {"repr", builtin_repr, 0, "repr(obj, /)"},
    {"format", builtin_format, 0, "format(value, format_spec='', /)"},
    {"callable", builtin_callable, 0, "callable(obj, /)"},
    {"getattr", builtin_getattr, 0, "getattr(object, name[, default])"},
    {"hasattr", builtin_hasattr, 0, "hasattr(obj, name, /)"},
    {"setattr", builtin_setattr, 0, "setattr(obj, name, value, /)"},
    {"delattr", builtin_delattr, 0, "delattr(obj, name, /)"},
    {"vars", builtin_vars, 0, "vars([object])"},
    {"dir", builtin_dir, 0, "dir([object])"},
    {"iter", builtin_iter, 0, "iter(iterable) / iter(callable, sentinel)"},
    {"next", builtin_next, 0, "next(iterator[, default])"},
    {"any", builtin_any, 0, "any(iterable, /)"},
    {"all", builtin_all, 0, "all(iterable, /)"},
    {"min", builtin_min, 0, "min(iterable, *[, default=obj, key=func])"},
    {"max", builtin_max, 0, "max(iterable, *[, default=obj, key=func])"},
    {"sum", builtin_sum, 0, "sum(iterable, /, start=0)"},
    {"sorted", builtin_sorted, 0, "sorted(iterable, /, *, key=None, reverse=False)"},
    {"abs", builtin_abs, 0, "abs(x, /)"},
    {"round", builtin_round, 0, "round(number, ndigits=None)"},
    {"divmod", builtin_divmod, 0, "divmod(x, y, /)"},
    {"pow", builtin_pow, 0, "pow(base, exp, mod=None)"},
    {"hex", builtin_hex, 0, "hex(number, /)"},
    {"oct", builtin_oct, 0, "oct(number, /)"},
    {"bin", builtin_bin, 0, "bin(number, /)"},
    {"chr", builtin_chr, 0, "chr(i, /)"},
    {"ord", builtin_ord, 0, "ord(c, /)"},
    {"open", mp_builtin_open, 0,
     "open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None)"},
    {NULL, NULL, 0, NULL},
};

static int add_type(MpObject *d, const char *name, MpType *t)
{
    return mp_dict_set_cstr(d, name, (MpObject *)t);
}

void mp_builtins_fini(void)
{
    mod_gc_fini();
    mod_weakref_fini();
    mod_sys_set_argv(0, NULL);
}

int mp_builtins_init(MpObject *builtins_dict)
{
    MpObject *d = builtins_dict;
    if (!(str_dict = mp_str_intern_borrowed("__dict__")) ||
        !(str_round = mp_str_intern_borrowed("__round__")) ||
        !(str_abs = mp_str_intern_borrowed("__abs__")))
        return -1;
    if (mp_iterobjects_init() < 0 || mp_type_ready(&mp_file_type) < 0)
        return -1;
    for (const MpMethodDef *def = builtin_functions; def->name; def++) {
        MpObject *f = mp_native_new(def, NULL);
        if (!f)
            return -1;
        int rc = mp_dict_set_cstr(d, def->name, f);
        MP_DECREF(f);
        if (rc < 0)
            return -1;
    }
    if (add_type(d, "object", &mp_object_type) < 0 || add_type(d, "int", &mp_int_type) < 0 ||
        add_type(d, "bool", &mp_bool_type) < 0 || add_type(d, "float", &mp_float_type) < 0 ||
        add_type(d, "str", &mp_str_type) < 0 || add_type(d, "list", &mp_list_type) < 0 ||
        add_type(d, "tuple", &mp_tuple_type) < 0 || add_type(d, "dict", &mp_dict_type) < 0 ||
        add_type(d, "set", &mp_set_type) < 0 || add_type(d, "range", &mp_range_type) < 0 ||
        add_type(d, "slice", &mp_slice_type) < 0 ||
        add_type(d, "enumerate", &mp_enumerate_type) < 0 ||
        add_type(d, "zip", &mp_zip_type) < 0 || add_type(d, "map", &mp_map_type) < 0 ||
        add_type(d, "filter", &mp_filter_type) < 0 ||
        add_type(d, "reversed", &mp_reversed_type) < 0 ||
        add_type(d, "property", &mp_property_type) < 0 ||
        add_type(d, "classmethod", &mp_classmethod_type) < 0 ||
        add_type(d, "staticmethod", &mp_staticmethod_type) < 0)
        return -1;
#define ADD_EXC(name, base)                                                    \
    if (add_type(d, #name, &mp_exc_##name) < 0)                                \
        return -1;
    MP_EXCEPTION_TYPES(ADD_EXC)
#undef ADD_EXC
    return mp_dict_set_cstr(d, "NotImplemented", mp_notimpl);
}

int mp_builtin_modules_init(void)
{
    mp_module_register("sys", mod_sys_init);
    mp_module_register("math", mod_math_init);
    mp_module_register("time", mod_time_init);
    mp_module_register("random", mod_random_init);
    mp_module_register("gc", mod_gc_init);
    mp_module_register("weakref", mod_weakref_init);
    return 0;
}
