/*
 * kernel/objects/tuple.c - tuple: a fixed array of references, and its iterator.
 *
 * Tuples are tracked when created and untracked by the collector once no item
 * may be tracked (can_untrack, CPython's _PyTuple_MaybeUntrack). The empty tuple
 * is a static immortal singleton, never tracked. The hash is CPython 3.11's
 * xxHash-based tuple hash, so hash((1, 2)) matches.
 */
#include "object.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "types_init.h"

#include <stdarg.h>

#define TUPLE(o) ((MpTuple *)(o))

static MpTuple empty_tuple = {MP_STATIC_OBJECT_HEAD(mp_tuple_type), 0};

/* Dead tuples of 1..19 items kept for reuse, up to 2000 per size, as CPython
   3.11's tuple free lists (see gc_freelist_push). */
#define TUPLE_MAXSAVESIZE 20
#define TUPLE_MAXFREELIST 2000
static GcHead *free_tuples[TUPLE_MAXSAVESIZE][TUPLE_MAXFREELIST];
static GcFreeList tuple_freelists[TUPLE_MAXSAVESIZE];

void mp_tuple_clear_freelists(void)
{
    for (int i = 1; i < TUPLE_MAXSAVESIZE; i++)
        gc_freelist_clear(&tuple_freelists[i]);
}

/* The free list for tuples of n items, NULL when that size is not kept. */
static GcFreeList *tuple_freelist(int64_t n)
{
    if (n <= 0 || n >= TUPLE_MAXSAVESIZE)
        return NULL;
    GcFreeList *fl = &tuple_freelists[n];
    if (!fl->items)
        *fl = (GcFreeList)GC_FREELIST_INIT(free_tuples[n]);
    return fl;
}

MpObject *mp_tuple_new(int64_t n)
{
    if (n == 0) {
        MP_INCREF(&empty_tuple.ob);
        return &empty_tuple.ob;
    }
    if (n > MP_MAX_ITEMS)
        return mp_err_nomemory();
    GcFreeList *fl = tuple_freelist(n);
    MpTuple *t = fl ? (MpTuple *)gc_freelist_pop(fl) : NULL;
    if (!t)
        t = (MpTuple *)gc_alloc(&mp_tuple_type.gc,
                                sizeof(MpTuple) + (size_t)n * sizeof(MpObject *));
    if (!t)
        return mp_err_nomemory();
    t->size = n;
    gc_track(&t->ob);
    return &t->ob;
}

MpObject *mp_tuple_pack(int64_t n, ...)
{
    MpObject *t = mp_tuple_new(n);
    if (!t)
        return NULL;
    va_list ap;
    va_start(ap, n);
    for (int64_t i = 0; i < n; i++) {
        MpObject *x = va_arg(ap, MpObject *);
        MP_INCREF(x);
        TUPLE(t)->items[i] = x;
    }
    va_end(ap);
    return t;
}

static MpObject *tuple_from_array(MpObject *const *items, int64_t n)
{
    MpObject *t = mp_tuple_new(n);
    if (!t)
        return NULL;
    for (int64_t i = 0; i < n; i++) {
        MP_INCREF(items[i]);
        TUPLE(t)->items[i] = items[i];
    }
    return t;
}

static int tuple_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpTuple *t = TUPLE(self);
    for (int64_t i = t->size; --i >= 0;) {
        if (t->items[i]) {
            int r = visit(t->items[i], arg);
            if (r)
                return r;
        }
    }
    return 0;
}

static void tuple_clear(GcHead *self)
{
    MpTuple *t = TUPLE(self);
    for (int64_t i = 0; i < t->size; i++)
        MP_CLEAR(t->items[i]);
}

static void tuple_dealloc(GcHead *self)
{
    MpTuple *t = TUPLE(self);
    if (self == &empty_tuple.ob) {
        MP_ASSERT(!"deallocating the empty tuple");
        return;
    }
    gc_untrack(self);
    for (int64_t i = t->size; --i >= 0;)
        MP_XDECREF(t->items[i]);
    GcFreeList *fl = self->type == &mp_tuple_type.gc ? tuple_freelist(t->size) : NULL;
    if (!fl || !gc_freelist_push(fl, self))
        gc_free(self);
}

static size_t tuple_size(const GcHead *self)
{
    return 24 + 8 * (size_t)((const MpTuple *)self)->size;
}

static bool tuple_can_untrack(GcHead *self, int generation)
{
    MpTuple *t = TUPLE(self);
    for (int64_t i = 0; i < t->size; i++)
        if (!t->items[i] || gc_may_be_tracked(t->items[i]))
            return false;
    return true;
}

/* ==== Protocols ==== */

static int64_t tuple_len(MpObject *self)
{
    return TUPLE(self)->size;
}

/* CPython 3.11's tuplehash (xxHash64 lanes, one per item). */
static int64_t tuple_hash(MpObject *self)
{
    const uint64_t p1 = 11400714785074694791ull, p2 = 14029467366897019727ull,
                   p5 = 2870177450012600261ull;
    MpTuple *t = TUPLE(self);
    uint64_t acc = p5;
    for (int64_t i = 0; i < t->size; i++) {
        int64_t h = mp_hash(t->items[i]);
        if (h == -1)
            return -1;
        acc += (uint64_t)h * p2;
        acc = (acc << 31) | (acc >> 33);
        acc *= p1;
    }
    acc += (uint64_t)t->size ^ (p5 ^ 3527539ull);
    if (acc == (uint64_t)-1)
        return 1546275796;
    return (int64_t)acc;
}

static MpObject *tuple_getitem(MpObject *self, MpObject *key)
{
    MpTuple *t = TUPLE(self);
    int64_t i;
    if (mp_is_int(key) || mp_is_index(key)) {
        if (mp_is_int(key))
            i = MP_INT_VALUE(key);
        else if (mp_index(key, &i) < 0)
            return NULL;
        if (i < 0)
            i += t->size;
        if ((uint64_t)i >= (uint64_t)t->size)
            return mp_err_set(mp_IndexError, "tuple index out of range");
        MP_INCREF(t->items[i]);
        return t->items[i];
    }
    if (mp_type(key) == &mp_slice_type) {
        int64_t start, stop, step;
        int64_t n = mp_slice_indices(key, t->size, &start, &stop, &step);
        if (n < 0)
            return NULL;
        if (step == 1 && n == t->size) {
            MP_INCREF(self);
            return self;
        }
        MpObject *r = mp_tuple_new(n);
        if (!r)
            return NULL;
        for (int64_t k = 0, j = start; k < n; k++, j += step) {
            MP_INCREF(t->items[j]);
            TUPLE(r)->items[k] = t->items[j];
        }
        return r;
    }
    return mp_err_format(mp_TypeError, "tuple indices must be integers or slices, not %s",
                         mp_type_name(key));
}

static int tuple_contains(MpObject *self, MpObject *item)
{
    MpTuple *t = TUPLE(self);
    for (int64_t i = 0; i < t->size; i++) {
        int r = mp_compare_bool(t->items[i], item, MP_EQ);
        if (r != 0)
            return r;
    }
    return 0;
}

static MpObject *tuple_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    if (mp_type(a) != &mp_tuple_type || mp_type(b) != &mp_tuple_type) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    return mp_seq_compare(TUPLE(a)->items, TUPLE(a)->size, TUPLE(b)->items, TUPLE(b)->size,
                          op);
}

static MpObject *tuple_repeat(MpObject *tup, int64_t n)
{
    MpTuple *t = TUPLE(tup);
    if (n == 1 || t->size == 0) {
        MP_INCREF(tup);
        return tup;
    }
    if (n < 0)
        n = 0;
    int64_t total;
    if (__builtin_mul_overflow(t->size, n, &total))
        return mp_err_nomemory();
    MpObject *r = mp_tuple_new(total);
    if (!r)
        return NULL;
    for (int64_t k = 0; k < total; k++) {
        MpObject *x = t->items[k % t->size];
        MP_INCREF(x);
        TUPLE(r)->items[k] = x;
    }
    return r;
}

static MpObject *tuple_binop(MpObject *a, MpObject *b, MpBinaryOp op)
{
    if (op == MP_OP_ADD && mp_type(a) == &mp_tuple_type && mp_type(b) == &mp_tuple_type) {
        MpTuple *x = TUPLE(a), *y = TUPLE(b);
        if (y->size == 0) {
            MP_INCREF(a);
            return a;
        }
        if (x->size == 0) {
            MP_INCREF(b);
            return b;
        }
        MpObject *r = mp_tuple_new(x->size + y->size);
        if (!r)
            return NULL;
        MpObject **o = TUPLE(r)->items;
        for (int64_t i = 0; i < x->size; i++) {
            MP_INCREF(x->items[i]);
            *o++ = x->items[i];
        }
        for (int64_t i = 0; i < y->size; i++) {
            MP_INCREF(y->items[i]);
            *o++ = y->items[i];
        }
        return r;
    }
    if (op == MP_OP_MUL) {
        if (mp_type(a) == &mp_tuple_type && mp_is_int(b))
            return tuple_repeat(a, MP_INT_VALUE(b));
        if (mp_is_int(a) && mp_type(b) == &mp_tuple_type)
            return tuple_repeat(b, MP_INT_VALUE(a));
    }
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

static MpObject *tuple_repr(MpObject *self)
{
    MpTuple *t = TUPLE(self);
    if (t->size == 0)
        return mp_str_new("()", 2);
    int g = mp_repr_enter(self);
    if (g != 0)
        return g > 0 ? mp_str_new("(...)", 5) : NULL;
    MpStrBuf b;
    mp_strbuf_init(&b);
    mp_strbuf_add_char(&b, '(');
    for (int64_t i = 0; i < t->size; i++) {
        if (i)
            mp_strbuf_add(&b, ", ", 2);
        if (mp_strbuf_add_repr(&b, t->items[i]) < 0) {
            mp_repr_leave(self);
            mp_strbuf_free(&b);
            return NULL;
        }
    }
    if (t->size == 1)
        mp_strbuf_add_char(&b, ',');
    mp_strbuf_add_char(&b, ')');
    mp_repr_leave(self);
    return mp_strbuf_finish(&b);
}

/* ==== Iterator ==== */

typedef struct TupleIter {
    MpObject ob;
    MpObject *tuple; /* NULL once exhausted (MpIterRef's layout) */
    int64_t index;
} TupleIter;

static MpObject *tuple_iter(MpObject *self)
{
    TupleIter *it = (TupleIter *)gc_alloc(&mp_tuple_iter_type.gc, sizeof(TupleIter));
    if (!it)
        return mp_err_nomemory();
    MP_INCREF(self);
    it->tuple = self;
    gc_track(&it->ob);
    return &it->ob;
}

static MpObject *tuple_iter_next(MpObject *self)
{
    TupleIter *it = (TupleIter *)self;
    if (!it->tuple)
        return NULL;
    if (it->index < TUPLE(it->tuple)->size) {
        MpObject *x = TUPLE(it->tuple)->items[it->index++];
        MP_INCREF(x);
        return x;
    }
    MP_CLEAR(it->tuple);
    return NULL;
}

/* __length_hint__, as CPython's: the items left, 0 once exhausted. */
static MpObject *tuple_iter_length_hint(MpObject *self, MpObject *const *args,
                                        size_t nargs, MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("tuple_iterator.__length_hint__", nargs, kwnames, 0, 0) < 0)
        return NULL;
    TupleIter *it = (TupleIter *)self;
    return mp_int_new(it->tuple ? TUPLE(it->tuple)->size - it->index : 0);
}

static const MpMethodDef tuple_iter_methods[] = {
    {"__length_hint__", tuple_iter_length_hint, MP_METH_DEFAULT,
     "__length_hint__(self, /)"},
    {NULL, NULL, 0, NULL},
};

static size_t tuple_iter_size(const GcHead *self)
{
    return 32;
}

MpType mp_tuple_iter_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "tuple_iterator",
           .traverse = mp_iter_ref_traverse,
           .clear = mp_iter_ref_clear,
           .dealloc = mp_iter_ref_dealloc,
           .size = tuple_iter_size},
    .basicsize = sizeof(TupleIter),
    .iter = mp_iter_self,
    .iternext = tuple_iter_next,
    .methods = tuple_iter_methods,
};

/* ==== Methods ==== */

static MpObject *tuple_count_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("tuple.count", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpTuple *t = TUPLE(self);
    int64_t n = 0;
    for (int64_t i = 0; i < t->size; i++) {
        int r = mp_compare_bool(t->items[i], args[0], MP_EQ);
        if (r < 0)
            return NULL;
        n += r;
    }
    return mp_int_new(n);
}

static MpObject *tuple_index_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("tuple.index", nargs, kwnames, 1, 3) < 0)
        return NULL;
    MpTuple *t = TUPLE(self);
    int64_t start = 0, stop = INT64_MAX;
    if (nargs > 1 && mp_slice_index_not_none(args[1], &start) < 0)
        return NULL;
    if (nargs > 2 && mp_slice_index_not_none(args[2], &stop) < 0)
        return NULL;
    if (start < 0 && (start += t->size) < 0)
        start = 0;
    if (stop < 0 && (stop += t->size) < 0)
        stop = 0;
    for (int64_t i = start; i < stop && i < t->size; i++) {
        int r = mp_compare_bool(t->items[i], args[0], MP_EQ);
        if (r < 0)
            return NULL;
        if (r)
            return mp_int_new(i);
    }
    return mp_err_set(mp_ValueError, "tuple.index(x): x not in tuple");
}

static MpObject *tuple_new_(MpType *type, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    if (mp_args_check("tuple", nargs, kwnames, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        return mp_tuple_new(0);
    MpObject *src = args[0];
    if (mp_type(src) == &mp_tuple_type) {
        MP_INCREF(src);
        return src;
    }
    if (mp_type(src) == &mp_list_type)
        return tuple_from_array(MP_LIST_ITEMS(src), MP_LIST_SIZE(src));
    MpObject *l = mp_call1(&mp_list_type.ob, src);
    if (!l)
        return NULL;
    MpObject *r = tuple_from_array(MP_LIST_ITEMS(l), MP_LIST_SIZE(l));
    MP_DECREF(l);
    return r;
}

static const MpMethodDef tuple_methods[] = {
    {"count", tuple_count_m, MP_METH_DEFAULT, "count(self, value, /)"},
    {"index", tuple_index_m, MP_METH_DEFAULT,
     "index(self, value, start=0, stop=sys.maxsize, /)"},
    {NULL, NULL, 0, NULL},
};

MpType mp_tuple_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "tuple", .traverse = tuple_traverse, .clear = tuple_clear,
           .dealloc = tuple_dealloc, .size = tuple_size, .can_untrack = tuple_can_untrack,
           .flags = GC_TYPE_IMMUTABLE_CONTAINER},
    .basicsize = sizeof(MpTuple),
    .new_ = tuple_new_,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .binop = tuple_binop,
    .iter = tuple_iter,
    .len = tuple_len,
    .getitem = tuple_getitem,
    .contains = tuple_contains,
    .methods = tuple_methods,
};
