/*
 * kernel/objects/slice.c - slice objects and CPython's index clamping.
 *
 * mp_slice_indices is PySlice_GetIndicesEx: None fills in the defaults for the
 * step's direction, negative indices count from the end, and out-of-range
 * bounds are clamped, so every sequence slices exactly as CPython does.
 */
#include "object.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "types_init.h"

#define SLICE(o) ((MpSlice *)(o))

MpObject *mp_slice_new(MpObject *start, MpObject *stop, MpObject *step)
{
    MpSlice *s = (MpSlice *)gc_alloc(&mp_slice_type.gc, sizeof(MpSlice));
    if (!s)
        return mp_err_nomemory();
    s->start = start ? start : mp_none;
    s->stop = stop ? stop : mp_none;
    s->step = step ? step : mp_none;
    MP_INCREF(s->start);
    MP_INCREF(s->stop);
    MP_INCREF(s->step);
    gc_track(&s->ob);
    return &s->ob;
}

static int slice_index(MpObject *o, int64_t *out, const char *not_index)
{
    if (mp_is_int(o)) {
        *out = MP_INT_VALUE(o);
        return 0;
    }
    if (mp_is_index(o))
        return mp_index(o, out);
    mp_err_set(mp_TypeError, not_index);
    return -1;
}

int mp_slice_index(MpObject *o, int64_t *out)
{
    return slice_index(
        o, out, "slice indices must be integers or None or have an __index__ method");
}

int mp_slice_index_not_none(MpObject *o, int64_t *out)
{
    return slice_index(o, out,
                       "slice indices must be integers or have an __index__ method");
}

/* Clamp one bound to [0, length] (or [-1, length - 1] going backwards). */
static int64_t adjust(int64_t i, int64_t length, int64_t step)
{
    if (i < 0) {
        i += length;
        if (i < 0)
            i = step < 0 ? -1 : 0;
    } else if (i >= length) {
        i = step < 0 ? length - 1 : length;
    }
    return i;
}

int64_t mp_slice_indices(MpObject *slice, int64_t length, int64_t *start, int64_t *stop,
                         int64_t *step)
{
    MpSlice *s = SLICE(slice);
    int64_t st = 1;
    if (s->step != mp_none) {
        if (mp_slice_index(s->step, &st) < 0)
            return -1;
        if (st == 0) {
            mp_err_set(mp_ValueError, "slice step cannot be zero");
            return -1;
        }
        if (st < -INT64_MAX)
            st = -INT64_MAX;
    }
    int64_t b, e;
    if (s->start == mp_none)
        b = st < 0 ? INT64_MAX : 0;
    else if (mp_slice_index(s->start, &b) < 0)
        return -1;
    if (s->stop == mp_none)
        e = st < 0 ? INT64_MIN : INT64_MAX;
    else if (mp_slice_index(s->stop, &e) < 0)
        return -1;
    b = adjust(b, length, st);
    e = adjust(e, length, st);
    *start = b;
    *stop = e;
    *step = st;
    if (st < 0)
        return e < b ? (b - e - 1) / (-st) + 1 : 0;
    return b < e ? (e - b - 1) / st + 1 : 0;
}

static int slice_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpSlice *s = SLICE(self);
    int r;
    if (s->step && (r = visit(s->step, arg)))
        return r;
    if (s->stop && (r = visit(s->stop, arg)))
        return r;
    return s->start ? visit(s->start, arg) : 0;
}

static void slice_clear(GcHead *self)
{
    MpSlice *s = SLICE(self);
    MP_CLEAR(s->start);
    MP_CLEAR(s->stop);
    MP_CLEAR(s->step);
}

static void slice_dealloc(GcHead *self)
{
    gc_untrack(self);
    slice_clear(self);
    gc_free(self);
}

static size_t slice_size(const GcHead *self)
{
    return 40;
}

static MpObject *none_if_null(MpObject *o)
{
    return o ? o : mp_none;
}

static MpObject *slice_repr(MpObject *self)
{
    MpSlice *s = SLICE(self);
    MpStrBuf b;
    mp_strbuf_init(&b);
    mp_strbuf_add_cstr(&b, "slice(");
    if (mp_strbuf_add_repr(&b, none_if_null(s->start)) < 0)
        goto error;
    mp_strbuf_add(&b, ", ", 2);
    if (mp_strbuf_add_repr(&b, none_if_null(s->stop)) < 0)
        goto error;
    mp_strbuf_add(&b, ", ", 2);
    if (mp_strbuf_add_repr(&b, none_if_null(s->step)) < 0)
        goto error;
    mp_strbuf_add_char(&b, ')');
    return mp_strbuf_finish(&b);
error:
    mp_strbuf_free(&b);
    return NULL;
}

static MpObject *slice_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    if (mp_type(a) != &mp_slice_type || mp_type(b) != &mp_slice_type) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    MpSlice *x = SLICE(a), *y = SLICE(b);
    MpObject *ta = mp_tuple_pack(3, none_if_null(x->start), none_if_null(x->stop),
                                 none_if_null(x->step));
    MpObject *tb = ta ? mp_tuple_pack(3, none_if_null(y->start), none_if_null(y->stop),
                                      none_if_null(y->step))
                      : NULL;
    MpObject *r = tb ? mp_richcompare(ta, tb, op) : NULL;
    MP_XDECREF(ta);
    MP_XDECREF(tb);
    return r;
}

static MpObject *slice_new_(MpType *type, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    if (mp_args_check("slice", nargs, kwnames, 1, 3) < 0)
        return NULL;
    if (nargs == 1)
        return mp_slice_new(NULL, args[0], NULL);
    return mp_slice_new(args[0], args[1], nargs > 2 ? args[2] : NULL);
}

static MpObject *slice_indices_m(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    if (mp_args_check("indices", nargs, kwnames, 1, 1) < 0)
        return NULL;
    int64_t len, start, stop, step;
    if (mp_index(args[0], &len) < 0)
        return NULL;
    if (len < 0)
        return mp_err_set(mp_ValueError, "length should not be negative");
    if (mp_slice_indices(self, len, &start, &stop, &step) < 0)
        return NULL;
    MpObject *a = mp_int_new(start), *b = mp_int_new(stop), *c = mp_int_new(step);
    MpObject *r = a && b && c ? mp_tuple_pack(3, a, b, c) : NULL;
    MP_XDECREF(a);
    MP_XDECREF(b);
    MP_XDECREF(c);
    return r;
}

static MpObject *get_start(MpObject *self)
{
    MpObject *o = none_if_null(SLICE(self)->start);
    MP_INCREF(o);
    return o;
}

static MpObject *get_stop(MpObject *self)
{
    MpObject *o = none_if_null(SLICE(self)->stop);
    MP_INCREF(o);
    return o;
}

static MpObject *get_step(MpObject *self)
{
    MpObject *o = none_if_null(SLICE(self)->step);
    MP_INCREF(o);
    return o;
}

static const MpMethodDef slice_methods[] = {
    {"indices", slice_indices_m, MP_METH_DEFAULT, "indices(self, len, /)"},
    {NULL, NULL, 0, NULL},
};

static const MpGetSetDef slice_getsets[] = {
    {"start", get_start, NULL},
    {"stop", get_stop, NULL},
    {"step", get_step, NULL},
    {NULL, NULL, NULL},
};

MpType mp_slice_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "slice", .traverse = slice_traverse, .clear = slice_clear,
           .dealloc = slice_dealloc, .size = slice_size},
    .basicsize = sizeof(MpSlice),
    .new_ = slice_new_,
    .repr = slice_repr,
    .hash = mp_hash_not_implemented,
    .richcompare = slice_richcompare,
    .methods = slice_methods,
    .getsets = slice_getsets,
};
