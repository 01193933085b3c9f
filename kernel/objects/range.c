/*
 * kernel/objects/range.c - range objects and the range iterator.
 *
 * A range stores start, stop, step and its precomputed length; indexing,
 * `in` for ints and slicing are arithmetic, never a walk. Neither a range nor
 * its iterator holds references, so neither is a GC type (as in CPython).
 */
#include "object.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "types_init.h"

#include <inttypes.h>

#define RANGE(o) ((MpRange *)(o))

static int64_t range_length(int64_t start, int64_t stop, int64_t step)
{
    /* Computed in unsigned arithmetic so extreme bounds cannot overflow. */
    if (step > 0 && start < stop)
        return (int64_t)(((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1);
    if (step < 0 && start > stop)
        return (int64_t)(((uint64_t)start - (uint64_t)stop - 1) / (0 - (uint64_t)step) + 1);
    return 0;
}

MpObject *mp_range_new(int64_t start, int64_t stop, int64_t step)
{
    MpRange *r = (MpRange *)gc_alloc(&mp_range_type.gc, sizeof(MpRange));
    if (!r)
        return mp_err_nomemory();
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = range_length(start, stop, step);
    return &r->ob;
}

static void range_dealloc(GcHead *self)
{
    gc_free(self);
}

static size_t range_size(const GcHead *self)
{
    return 48;
}

static MpObject *range_new_(MpType *type, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    if (mp_args_no_kw("range", kwnames) < 0)
        return NULL;
    if (nargs == 0)
        return mp_err_set(mp_TypeError, "range expected at least 1 argument, got 0");
    if (nargs > 3)
        return mp_err_format(mp_TypeError, "range expected at most 3 arguments, got %zu",
                             nargs);
    int64_t v[3] = {0, 0, 1};
    for (size_t i = 0; i < nargs; i++)
        if (mp_index(args[i], &v[i]) < 0)
            return NULL;
    if (nargs == 1)
        return mp_range_new(0, v[0], 1);
    if (v[2] == 0)
        return mp_err_set(mp_ValueError, "range() arg 3 must not be zero");
    return mp_range_new(v[0], v[1], v[2]);
}

static MpObject *range_repr(MpObject *self)
{
    MpRange *r = RANGE(self);
    if (r->step == 1)
        return mp_str_format_c("range(%" PRId64 ", %" PRId64 ")", r->start, r->stop);
    return mp_str_format_c("range(%" PRId64 ", %" PRId64 ", %" PRId64 ")", r->start, r->stop,
                           r->step);
}

static int64_t range_len(MpObject *self)
{
    return RANGE(self)->length;
}

static int64_t item_at(MpRange *r, int64_t i)
{
    return (int64_t)((uint64_t)r->start + (uint64_t)i * (uint64_t)r->step);
}

static MpObject *range_getitem(MpObject *self, MpObject *key)
{
    MpRange *r = RANGE(self);
    if (mp_type(key) == &mp_slice_type) {
        int64_t start, stop, step;
        int64_t n = mp_slice_indices(key, r->length, &start, &stop, &step);
        if (n < 0)
            return NULL;
        int64_t nstep, nstart = item_at(r, start);
        if (__builtin_mul_overflow(r->step, step, &nstep))
            return mp_err_set(mp_OverflowError, "integer overflow");
        MpObject *res = mp_range_new(nstart, item_at(r, stop), nstep);
        if (res)
            RANGE(res)->length = n;
        return res;
    }
    if (!mp_is_index(key))
        return mp_err_format(mp_TypeError, "range indices must be integers or slices, not %s",
                             mp_type_name(key));
    int64_t i;
    if (mp_index(key, &i) < 0)
        return NULL;
    if (i < 0)
        i += r->length;
    if (i < 0 || i >= r->length)
        return mp_err_set(mp_IndexError, "range object index out of range");
    return mp_int_new(item_at(r, i));
}

/* Position of an int value in the range, or -1. */
static int64_t position_of(MpRange *r, int64_t v)
{
    if (r->length == 0)
        return -1;
    if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop))
        return -1;
    uint64_t diff = r->step > 0 ? (uint64_t)v - (uint64_t)r->start
                                : (uint64_t)r->start - (uint64_t)v;
    uint64_t st = r->step > 0 ? (uint64_t)r->step : 0 - (uint64_t)r->step;
    return diff % st == 0 ? (int64_t)(diff / st) : -1;
}

static int range_contains(MpObject *self, MpObject *item)
{
    if (mp_type(item) == &mp_int_type || mp_type(item) == &mp_bool_type)
        return position_of(RANGE(self), MP_INT_VALUE(item)) >= 0;
    MpRange *r = RANGE(self);
    for (int64_t i = 0; i < r->length; i++) {
        MpObject *x = mp_int_new(item_at(r, i));
        if (!x)
            return -1;
        int c = mp_compare_bool(x, item, MP_EQ);
        MP_DECREF(x);
        if (c != 0)
            return c;
    }
    return 0;
}

static MpObject *range_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    if (mp_type(a) != &mp_range_type || mp_type(b) != &mp_range_type ||
        (op != MP_EQ && op != MP_NE)) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    MpRange *x = RANGE(a), *y = RANGE(b);
    bool eq = x->length == y->length &&
              (x->length == 0 ||
               (x->start == y->start && (x->length == 1 || x->step == y->step)));
    return mp_bool(eq == (op == MP_EQ));
}

static int range_truth(MpObject *self)
{
    return RANGE(self)->length != 0;
}

/* ==== Iterator ==== */

typedef struct RangeIter {
    MpObject ob;
    int64_t next, step, remaining;
} RangeIter;

static MpObject *range_iter_new(int64_t start, int64_t step, int64_t n)
{
    RangeIter *it = (RangeIter *)gc_alloc(&mp_range_iter_type.gc, sizeof(RangeIter));
    if (!it)
        return mp_err_nomemory();
    it->next = start;
    it->step = step;
    it->remaining = n;
    return &it->ob;
}

static MpObject *range_iter(MpObject *self)
{
    MpRange *r = RANGE(self);
    return range_iter_new(r->start, r->step, r->length);
}

static MpObject *range_iter_next(MpObject *self)
{
    RangeIter *it = (RangeIter *)self;
    if (it->remaining <= 0)
        return NULL;
    int64_t v = it->next;
    it->remaining--;
    it->next = (int64_t)((uint64_t)v + (uint64_t)it->step);
    return mp_int_new(v);
}

/* __length_hint__, as CPython's: the numbers left. (No len(): a range
   iterator has none.) */
static MpObject *range_iter_length_hint(MpObject *self, MpObject *const *args,
                                        size_t nargs, MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("range_iterator.__length_hint__", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return mp_int_new(((RangeIter *)self)->remaining);
}

static const MpMethodDef range_iter_methods[] = {
    {"__length_hint__", range_iter_length_hint, MP_METH_DEFAULT,
     "__length_hint__(self, /)"},
    {NULL, NULL, 0, NULL},
};

static size_t range_iter_size(const GcHead *self)
{
    return 48;
}

MpType mp_range_iter_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "range_iterator", .dealloc = range_dealloc, .size = range_iter_size},
    .basicsize = sizeof(RangeIter),
    .iter = mp_iter_self,
    .iternext = range_iter_next,
    .methods = range_iter_methods,
};

/* ==== Methods and attributes ==== */

static MpObject *range_index_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("range.index", nargs, kwnames, 1, 1) < 0)
        return NULL;
    if (mp_is_int(args[0])) {
        int64_t p = position_of(RANGE(self), MP_INT_VALUE(args[0]));
        if (p >= 0)
            return mp_int_new(p);
        return mp_err_format(mp_ValueError, "%" PRId64 " is not in range",
                             MP_INT_VALUE(args[0]));
    }
    return mp_err_set(mp_ValueError, "sequence.index(x): x not in sequence");
}

static MpObject *range_count_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("range.count", nargs, kwnames, 1, 1) < 0)
        return NULL;
    int c = range_contains(self, args[0]);
    return c < 0 ? NULL : mp_int_new(c);
}

static MpObject *range_reversed_m(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    MpRange *r = RANGE(self);
    int64_t last = r->length ? item_at(r, r->length - 1) : r->start;
    return range_iter_new(last, (int64_t)(0 - (uint64_t)r->step), r->length);
}

static MpObject *get_start(MpObject *self)
{
    return mp_int_new(RANGE(self)->start);
}

static MpObject *get_stop(MpObject *self)
{
    return mp_int_new(RANGE(self)->stop);
}

static MpObject *get_step(MpObject *self)
{
    return mp_int_new(RANGE(self)->step);
}

static const MpMethodDef range_methods[] = {
    {"index", range_index_m, MP_METH_DEFAULT, "index(value, /)"},
    {"count", range_count_m, MP_METH_DEFAULT, "count(value, /)"},
    {"__reversed__", range_reversed_m, MP_METH_DEFAULT, "__reversed__(self, /)"},
    {NULL, NULL, 0, NULL},
};

static const MpGetSetDef range_getsets[] = {
    {"start", get_start, NULL},
    {"stop", get_stop, NULL},
    {"step", get_step, NULL},
    {NULL, NULL, NULL},
};

MpType mp_range_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "range", .dealloc = range_dealloc, .size = range_size},
    .basicsize = sizeof(MpRange),
    .new_ = range_new_,
    .repr = range_repr,
    .richcompare = range_richcompare,
    .truth = range_truth,
    .iter = range_iter,
    .len = range_len,
    .getitem = range_getitem,
    .contains = range_contains,
    .methods = range_methods,
    .getsets = range_getsets,
};
