/*
 * kernel/builtins/iterobjects.c - owns the lazy iterators the builtins return:
 * enumerate, zip, map, filter, reversed and iter(callable, sentinel).
 *
 * Each is a GC-tracked type (it holds arbitrary objects, so it can sit in a
 * cycle) with traverse and clear. enumerate and zip reuse their result tuple when
 * nobody else holds it, as CPython does, so a `for i, x in enumerate(l)` loop
 * allocates nothing per item.
 */
#include "builtins.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== Shared plumbing ==== */

/* A zero-filled instance of a GC type, or NULL with MemoryError. */
static MpObject *alloc_iter(MpType *type, size_t size)
{
    MpObject *o = gc_alloc(&type->gc, size);
    if (!o)
        return mp_err_nomemory();
    return o;
}

static int visit_opt(MpObject *o, GcVisit visit, void *arg)
{
    return o ? visit(o, arg) : 0;
}

/* Reuse `*result` (a tuple of n) if only we hold it, else make a new one; steal
   items into it. Returns a new reference to the tuple, or NULL. */
static MpObject *fill_result(MpObject **result, MpObject **items, int64_t n)
{
    MpObject *t = *result;
    if (t && t->refcnt == 1) {
        MP_INCREF(t);
        for (int64_t i = 0; i < n; i++)
            MP_SETREF(MP_TUPLE_ITEMS(t)[i], items[i]);
        if (!gc_is_tracked(t))
            gc_track(t);
        return t;
    }
    t = mp_tuple_new(n);
    if (!t) {
        for (int64_t i = 0; i < n; i++)
            MP_DECREF(items[i]);
        return NULL;
    }
    memcpy(MP_TUPLE_ITEMS(t), items, (size_t)n * sizeof(MpObject *));
    if (!*result) {
        *result = t;
        MP_INCREF(t);
    }
    return t;
}

/* ==== enumerate ==== */

typedef struct Enumerate {
    MpObject ob;
    MpObject *it;
    MpObject *result;
    int64_t index;
} Enumerate;

/* Whether keyword i is `name`; if not, CPython's invalid-keyword error. */
static bool enumerate_kw_is(MpObject *kwnames, int i, const char *name)
{
    const char *kw = MP_STR_DATA(MP_TUPLE_ITEMS(kwnames)[i]);
    if (strcmp(kw, name) == 0)
        return true;
    mp_err_format(mp_TypeError, "'%s' is an invalid keyword argument for enumerate()",
                  kw);
    return false;
}

/* Bind enumerate(iterable, start=0) as CPython 3.11's enum_vectorcall does: by
   the total count first, so its messages are not the generic binder's
   (enumerate(start=1) names 'start' as invalid). p[1] is NULL without start. */
static int enumerate_bind(MpObject *const *args, size_t nargs, MpObject *kwnames,
                          MpObject **p)
{
    size_t nkw = kwnames ? (size_t)MP_TUPLE_SIZE(kwnames) : 0;
    p[1] = NULL;
    if (nargs + nkw == 1) {
        if (nkw == 1 && !enumerate_kw_is(kwnames, 0, "iterable"))
            return -1;
        p[0] = args[0];
        return 0;
    }
    if (nargs + nkw == 2) {
        bool swapped =
            nkw == 2 && strcmp(MP_STR_DATA(MP_TUPLE_ITEMS(kwnames)[0]), "start") == 0;
        bool ok = swapped    ? enumerate_kw_is(kwnames, 1, "iterable")
                  : nkw == 2 ? enumerate_kw_is(kwnames, 0, "iterable") &&
                                   enumerate_kw_is(kwnames, 1, "start")
                             : nkw == 0 || enumerate_kw_is(kwnames, 0, "start");
        if (!ok)
            return -1;
        p[0] = args[swapped];
        p[1] = args[!swapped];
        return 0;
    }
    if (nargs == 0)
        mp_err_set(mp_TypeError, "enumerate() missing required argument 'iterable'");
    else
        mp_err_format(mp_TypeError, "enumerate() takes at most 2 arguments (%zu given)",
                      nargs + nkw);
    return -1;
}

static MpObject *enumerate_new(MpType *type, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    MpObject *p[2];
    int64_t start = 0;
    if (enumerate_bind(args, nargs, kwnames, p) < 0 ||
        (p[1] && mp_index(p[1], &start) < 0))
        return NULL;
    MpObject *it = mp_iter(p[0]);
    if (!it)
        return NULL;
    Enumerate *e = (Enumerate *)alloc_iter(type, sizeof(Enumerate));
    if (!e) {
        MP_DECREF(it);
        return NULL;
    }
    e->it = it;
    e->index = start;
    gc_track(&e->ob);
    return &e->ob;
}

static MpObject *enumerate_next(MpObject *self)
{
    Enumerate *e = (Enumerate *)self;
    MpObject *item = mp_iternext(e->it);
    if (!item)
        return NULL;
    MpObject *items[2] = {mp_int_new(e->index), item};
    if (!items[0]) {
        MP_DECREF(item);
        return NULL;
    }
    if (e->index == INT64_MAX) {
        MP_DECREF(items[0]);
        MP_DECREF(item);
        return mp_err_set(mp_OverflowError, "enumerate index too large");
    }
    e->index++;
    return fill_result(&e->result, items, 2);
}

static int enumerate_traverse(GcHead *self, GcVisit visit, void *arg)
{
    Enumerate *e = (Enumerate *)self;
    int r = visit_opt(e->it, visit, arg);
    return r ? r : visit_opt(e->result, visit, arg);
}

static void enumerate_clear(GcHead *self)
{
    Enumerate *e = (Enumerate *)self;
    MP_CLEAR(e->it);
    MP_CLEAR(e->result);
}

static void enumerate_dealloc(GcHead *self)
{
    if (gc_is_tracked(self))
        gc_untrack(self);
    enumerate_clear(self);
    gc_free(self);
}

/* CPython 3.11's enumerate object: 16-byte header and five words. */
static size_t size_56(const GcHead *self)
{
    (void)self;
    return 56;
}

MpType mp_enumerate_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "enumerate",
           .traverse = enumerate_traverse,
           .clear = enumerate_clear,
           .dealloc = enumerate_dealloc,
           .size = size_56},
    .new_ = enumerate_new,
    .iter = mp_iter_self,
    .iternext = enumerate_next,
};

/* ==== zip ==== */

typedef struct Zip {
    MpObject ob;
    MpObject *iters; /* tuple of iterators */
    MpObject *result;
    bool strict;
} Zip;

static MpObject *zip_new(MpType *type, MpObject *const *args, size_t nargs,
                         MpObject *kwnames)
{
    static const char *const names[] = {"strict", NULL};
    MpObject *kw[1];
    if (mp_args_kwonly("zip", args, nargs, kwnames, names, kw) < 0)
        return NULL;
    int strict = kw[0] ? mp_truthy(kw[0]) : 0;
    if (strict < 0)
        return NULL;
    MpObject *iters = mp_tuple_new((int64_t)nargs);
    if (!iters)
        return NULL;
    for (size_t i = 0; i < nargs; i++) {
        if (!(MP_TUPLE_ITEMS(iters)[i] = mp_iter(args[i]))) {
            MP_DECREF(iters);
            return NULL;
        }
    }
    Zip *z = (Zip *)alloc_iter(type, sizeof(Zip));
    if (!z) {
        MP_DECREF(iters);
        return NULL;
    }
    z->iters = iters;
    z->strict = strict;
    gc_track(&z->ob);
    return &z->ob;
}

/* "argument 1" or "arguments 1-3": the ones before argument i + 1. */
static void zip_before(char *buf, size_t size, int64_t i)
{
    if (i == 1)
        snprintf(buf, size, "argument 1");
    else
        snprintf(buf, size, "arguments 1-%lld", (long long)i);
}

/* zip(strict=True) found iterator i exhausted while others were not (or the
   reverse): CPython's "zip() argument 2 is shorter than argument 1". */
static MpObject *zip_mismatch(Zip *z, int64_t i)
{
    char before[48];
    if (i > 0) {
        zip_before(before, sizeof before, i);
        return mp_err_format(mp_ValueError, "zip() argument %lld is shorter than %s",
                             (long long)i + 1, before);
    }
    for (int64_t j = 1; j < MP_TUPLE_SIZE(z->iters); j++) {
        MpObject *v = mp_iternext(MP_TUPLE_ITEMS(z->iters)[j]);
        if (v) {
            MP_DECREF(v);
            zip_before(before, sizeof before, j);
            return mp_err_format(mp_ValueError, "zip() argument %lld is longer than %s",
                                 (long long)j + 1, before);
        }
        if (mp_err_occurred())
            return NULL;
    }
    return NULL;
}

static MpObject *zip_next(MpObject *self)
{
    Zip *z = (Zip *)self;
    int64_t n = MP_TUPLE_SIZE(z->iters);
    MpObject *small[8];
    MpObject **items = small;
    if (n == 0)
        return NULL;
    if (n > 8 && !(items = malloc((size_t)n * sizeof(MpObject *))))
        return mp_err_nomemory();
    MpObject *r = NULL;
    for (int64_t i = 0; i < n; i++) {
        if (!(items[i] = mp_iternext(MP_TUPLE_ITEMS(z->iters)[i]))) {
            for (int64_t j = 0; j < i; j++)
                MP_DECREF(items[j]);
            if (z->strict && !mp_err_occurred())
                zip_mismatch(z, i);
            goto done;
        }
    }
    r = fill_result(&z->result, items, n);
done:
    if (items != small)
        free(items);
    return r;
}

static int zip_traverse(GcHead *self, GcVisit visit, void *arg)
{
    Zip *z = (Zip *)self;
    int r = visit_opt(z->iters, visit, arg);
    return r ? r : visit_opt(z->result, visit, arg);
}

static void zip_clear(GcHead *self)
{
    Zip *z = (Zip *)self;
    MP_CLEAR(z->iters);
    MP_CLEAR(z->result);
}

static void zip_dealloc(GcHead *self)
{
    if (gc_is_tracked(self))
        gc_untrack(self);
    zip_clear(self);
    gc_free(self);
}

/* zip objects: header and four words (CPython 3.11). */
static size_t size_48(const GcHead *self)
{
    (void)self;
    return 48;
}

MpType mp_zip_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "zip",
           .traverse = zip_traverse,
           .clear = zip_clear,
           .dealloc = zip_dealloc,
           .size = size_48},
    .new_ = zip_new,
    .iter = mp_iter_self,
    .iternext = zip_next,
};

/* ==== map, filter, reversed, callable_iterator: two references each ==== */

/* One layout serves the four: map (func, iters tuple), filter (func or NULL, it),
   reversed (seq or NULL when exhausted, index), callable_iterator (callable,
   sentinel). */
typedef struct Pair {
    MpObject ob;
    MpObject *a, *b;
    int64_t index;
} Pair;

static MpObject *pair_new(MpType *type, MpObject *a, MpObject *b)
{
    Pair *p = (Pair *)alloc_iter(type, sizeof(Pair));
    if (!p) {
        MP_XDECREF(a);
        MP_XDECREF(b);
        return NULL;
    }
    p->a = a;
    p->b = b;
    gc_track(&p->ob);
    return &p->ob;
}

static int pair_traverse(GcHead *self, GcVisit visit, void *arg)
{
    Pair *p = (Pair *)self;
    int r = visit_opt(p->a, visit, arg);
    return r ? r : visit_opt(p->b, visit, arg);
}

static void pair_clear(GcHead *self)
{
    Pair *p = (Pair *)self;
    MP_CLEAR(p->a);
    MP_CLEAR(p->b);
}

static void pair_dealloc(GcHead *self)
{
    if (gc_is_tracked(self))
        gc_untrack(self);
    pair_clear(self);
    gc_free(self);
}

/* Header and two references, as CPython's map, filter, reversed objects. */
static size_t size_32(const GcHead *self)
{
    (void)self;
    return 32;
}

static MpObject *map_new(MpType *type, MpObject *const *args, size_t nargs,
                         MpObject *kwnames)
{
    if (mp_args_no_kw("map", kwnames) < 0)
        return NULL;
    if (nargs < 2)
        return mp_err_set(mp_TypeError, "map() must have at least two arguments.");
    MpObject *iters = mp_tuple_new((int64_t)nargs - 1);
    if (!iters)
        return NULL;
    for (size_t i = 1; i < nargs; i++) {
        if (!(MP_TUPLE_ITEMS(iters)[i - 1] = mp_iter(args[i]))) {
            MP_DECREF(iters);
            return NULL;
        }
    }
    MP_INCREF(args[0]);
    return pair_new(type, args[0], iters);
}

static MpObject *map_next(MpObject *self)
{
    Pair *m = (Pair *)self;
    int64_t n = MP_TUPLE_SIZE(m->b);
    MpObject *small[8];
    MpObject **items = small;
    if (n > 8 && !(items = malloc((size_t)n * sizeof(MpObject *))))
        return mp_err_nomemory();
    int64_t got = 0;
    MpObject *r = NULL;
    while (got < n && (items[got] = mp_iternext(MP_TUPLE_ITEMS(m->b)[got])))
        got++;
    if (got == n)
        r = mp_call(m->a, items, (size_t)n, NULL);
    for (int64_t i = 0; i < got; i++)
        MP_DECREF(items[i]);
    if (items != small)
        free(items);
    return r;
}

MpType mp_map_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "map",
           .traverse = pair_traverse,
           .clear = pair_clear,
           .dealloc = pair_dealloc,
           .size = size_32},
    .new_ = map_new,
    .iter = mp_iter_self,
    .iternext = map_next,
};

static MpObject *filter_new(MpType *type, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    if (mp_args_no_kw("filter", kwnames) < 0)
        return NULL;
    if (nargs != 2)
        return mp_err_format(mp_TypeError, "filter expected 2 arguments, got %zu", nargs);
    MpObject *it = mp_iter(args[1]);
    if (!it)
        return NULL;
    /* filter(None, ...) and filter(bool, ...) both test truth directly. */
    MpObject *func = args[0] == mp_none || args[0] == (MpObject *)&mp_bool_type
                         ? NULL
                         : args[0];
    MP_XINCREF(func);
    return pair_new(type, func, it);
}

static MpObject *filter_next(MpObject *self)
{
    Pair *f = (Pair *)self;
    MpObject *item;
    while ((item = mp_iternext(f->b))) {
        int ok;
        if (f->a) {
            MpObject *v = mp_call1(f->a, item);
            ok = v ? mp_truthy(v) : -1;
            MP_XDECREF(v);
        } else {
            ok = mp_truthy(item);
        }
        if (ok > 0)
            return item;
        MP_DECREF(item);
        if (ok < 0)
            return NULL;
    }
    return NULL;
}

MpType mp_filter_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "filter",
           .traverse = pair_traverse,
           .clear = pair_clear,
           .dealloc = pair_dealloc,
           .size = size_32},
    .new_ = filter_new,
    .iter = mp_iter_self,
    .iternext = filter_next,
};

static MpObject *str_reversed; /* interned, borrowed */

/* reversed(seq): seq.__reversed__() when the type has one (list, dict and its
   views), else an iterator indexing seq from len(seq) - 1 down to 0. */
MpObject *mp_reversed_new(MpObject *seq)
{
    MpType *t = mp_type(seq);
    if (mp_type_lookup(t, str_reversed))
        return mp_call_method(seq, "__reversed__", NULL, 0);
    if (!t->getitem || !t->len)
        return mp_err_format(mp_TypeError, "'%s' object is not reversible",
                             mp_type_name(seq));
    int64_t n = mp_len(seq);
    if (n < 0)
        return NULL;
    MP_INCREF(seq);
    MpObject *r = pair_new(&mp_reversed_type, seq, NULL);
    if (r)
        ((Pair *)r)->index = n - 1;
    return r;
}

static MpObject *reversed_new(MpType *type, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)type;
    if (mp_args_no_kw("reversed", kwnames) < 0)
        return NULL;
    if (nargs != 1)
        return mp_err_format(mp_TypeError, "reversed expected 1 argument, got %zu",
                             nargs);
    return mp_reversed_new(args[0]);
}

static MpObject *reversed_next(MpObject *self)
{
    Pair *r = (Pair *)self;
    if (!r->a)
        return NULL;
    if (r->index >= 0 && r->a->type == &mp_list_type.gc) {
        if (r->index < MP_LIST_SIZE(r->a)) {
            MpObject *v = MP_LIST_ITEMS(r->a)[r->index--];
            MP_INCREF(v);
            return v;
        }
    } else if (r->index >= 0) {
        MpObject *i = mp_int_new(r->index);
        if (!i)
            return NULL;
        MpObject *v = mp_getitem(r->a, i);
        MP_DECREF(i);
        if (v) {
            r->index--;
            return v;
        }
        if (!mp_err_matches(mp_IndexError) && !mp_err_matches(mp_StopIteration))
            return NULL;
        mp_err_clear();
    }
    r->index = -1;
    MP_CLEAR(r->a);
    return NULL;
}

/* __length_hint__, as CPython's: the items left, 0 once exhausted or when
   the sequence shrank below the position. */
static MpObject *reversed_length_hint(MpObject *self, MpObject *const *args,
                                      size_t nargs, MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("reversed.__length_hint__", nargs, kwnames, 0, 0) < 0)
        return NULL;
    Pair *r = (Pair *)self;
    if (!r->a)
        return mp_int_new(0);
    int64_t n = mp_len(r->a);
    if (n < 0)
        return NULL;
    return mp_int_new(n < r->index + 1 ? 0 : r->index + 1);
}

static const MpMethodDef reversed_methods[] = {
    {"__length_hint__", reversed_length_hint, MP_METH_DEFAULT,
     "__length_hint__(self, /)"},
    {NULL, NULL, 0, NULL},
};

MpType mp_reversed_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "reversed",
           .traverse = pair_traverse,
           .clear = pair_clear,
           .dealloc = pair_dealloc,
           .size = size_32},
    .new_ = reversed_new,
    .iter = mp_iter_self,
    .iternext = reversed_next,
    .methods = reversed_methods,
};

MpObject *mp_calliter_new(MpObject *callable, MpObject *sentinel)
{
    MP_INCREF(callable);
    MP_INCREF(sentinel);
    return pair_new(&mp_calliter_type, callable, sentinel);
}

/* Call until the result equals the sentinel (or StopIteration), then stay
   exhausted. */
static MpObject *calliter_next(MpObject *self)
{
    Pair *c = (Pair *)self;
    if (!c->a)
        return NULL;
    MpObject *v = mp_call0(c->a);
    if (!v) {
        if (mp_err_matches(mp_StopIteration)) {
            mp_err_clear();
            pair_clear(self);
        }
        return NULL;
    }
    int eq = mp_compare_bool(v, c->b, MP_EQ);
    if (eq == 0)
        return v;
    MP_DECREF(v);
    if (eq > 0)
        pair_clear(self);
    return NULL;
}

MpType mp_calliter_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "callable_iterator",
           .traverse = pair_traverse,
           .clear = pair_clear,
           .dealloc = pair_dealloc,
           .size = size_32},
    .iter = mp_iter_self,
    .iternext = calliter_next,
};

int mp_iterobjects_init(void)
{
    if (!(str_reversed = mp_str_intern_borrowed("__reversed__")))
        return -1;
    MpType *types[] = {&mp_enumerate_type, &mp_zip_type,      &mp_map_type,
                       &mp_filter_type,    &mp_reversed_type, &mp_calliter_type};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (mp_type_ready(types[i]) < 0)
            return -1;
    return 0;
}
