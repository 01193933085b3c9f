/*
 * kernel/objects/list.c - list: a growable array of references, its iterators
 * and its stable sort.
 *
 * Growth follows CPython 3.11's list_resize ((n + n/8 + 6) & ~3, exact when a
 * size is known up front), so sys.getsizeof reports CPython's numbers. Lists are
 * tracked from birth. Items are released last to first, as CPython does, so
 * __del__ runs in the same order.
 */
#include "object.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "types_init.h"

#include <stdlib.h>
#include <string.h>

#define LIST(o) ((MpList *)(o))

/* ==== Storage ==== */

static int set_allocated(MpList *l, int64_t n)
{
    MpObject **items = NULL;
    if (n > MP_MAX_ITEMS) {
        mp_err_nomemory();
        return -1;
    }
    if (n > 0) {
        items = gc_buffer_realloc(&mp_list_type.gc, l->items,
                                  (size_t)l->allocated * sizeof(MpObject *),
                                  (size_t)n * sizeof(MpObject *));
        if (!items) {
            mp_err_nomemory();
            return -1;
        }
    } else if (l->items) {
        gc_buffer_free(&mp_list_type.gc, l->items, (size_t)l->allocated * sizeof(MpObject *));
    }
    l->items = items;
    l->allocated = n;
    return 0;
}

/* CPython's list_resize: the size becomes newsize; capacity is kept when
   allocated/2 <= newsize <= allocated, else over-allocated by ~1/8. */
static int list_resize(MpList *l, int64_t newsize)
{
    if (l->allocated >= newsize && newsize >= (l->allocated >> 1)) {
        l->size = newsize;
        return 0;
    }
    int64_t alloc = (newsize + (newsize >> 3) + 6) & ~(int64_t)3;
    if (newsize - l->size > alloc - newsize)
        alloc = (newsize + 3) & ~(int64_t)3;
    if (newsize == 0)
        alloc = 0;
    if (set_allocated(l, alloc) < 0)
        return -1;
    l->size = newsize;
    return 0;
}

/* Dead lists kept for reuse, as CPython 3.11's 80 (see gc_freelist_push). */
static GcHead *free_lists[80];
static GcFreeList list_freelist = GC_FREELIST_INIT(free_lists);

void mp_list_clear_freelist(void)
{
    gc_freelist_clear(&list_freelist);
}

MpObject *mp_list_new(int64_t n)
{
    if (n > MP_MAX_ITEMS)
        return mp_err_nomemory();
    MpList *l = (MpList *)gc_freelist_pop(&list_freelist);
    if (!l)
        l = (MpList *)gc_alloc(&mp_list_type.gc, sizeof(MpList));
    if (!l)
        return mp_err_nomemory();
    if (n > 0) {
        l->items = gc_buffer_alloc(&mp_list_type.gc, (size_t)n * sizeof(MpObject *));
        if (!l->items) {
            gc_free(&l->ob);
            return mp_err_nomemory();
        }
        memset(l->items, 0, (size_t)n * sizeof(MpObject *));
    }
    l->size = l->allocated = n;
    gc_track(&l->ob);
    return &l->ob;
}

MpObject *mp_list_new_reserved(int64_t capacity)
{
    MpObject *list = mp_list_new(capacity);
    if (list)
        LIST(list)->size = 0;
    return list;
}

int mp_list_append(MpObject *list, MpObject *v)
{
    MpList *l = LIST(list);
    int64_t n = l->size;
    if (n < l->allocated) {
        MP_INCREF(v);
        l->items[n] = v;
        l->size = n + 1;
        return 0;
    }
    if (list_resize(l, n + 1) < 0)
        return -1;
    MP_INCREF(v);
    l->items[n] = v;
    return 0;
}

/* Drop every item (last first) and the buffer. */
static void list_clear_items(MpList *l)
{
    MpObject **items = l->items;
    int64_t n = l->size, alloc = l->allocated;
    l->items = NULL;
    l->size = l->allocated = 0;
    if (!items)
        return;
    while (--n >= 0)
        MP_XDECREF(items[n]);
    gc_buffer_free(&mp_list_type.gc, items, (size_t)alloc * sizeof(MpObject *));
}

static int list_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpList *l = LIST(self);
    for (int64_t i = l->size; --i >= 0;) {
        if (l->items[i]) {
            int r = visit(l->items[i], arg);
            if (r)
                return r;
        }
    }
    return 0;
}

static void list_clear(GcHead *self)
{
    list_clear_items(LIST(self));
}

static void list_dealloc(GcHead *self)
{
    gc_untrack(self);
    list_clear_items(LIST(self));
    if (self->type != &mp_list_type.gc || !gc_freelist_push(&list_freelist, self))
        gc_free(self);
}

static size_t list_size(const GcHead *self)
{
    return 40 + 8 * (size_t)((const MpList *)self)->allocated;
}

/* ==== Helpers ==== */

/* A new list with copies of items[0, n). */
static MpObject *list_from_array(MpObject *const *items, int64_t n)
{
    MpObject *r = mp_list_new(n);
    if (!r)
        return NULL;
    for (int64_t i = 0; i < n; i++) {
        MP_INCREF(items[i]);
        LIST(r)->items[i] = items[i];
    }
    return r;
}

/* Append every item of an iterable. */
static int list_extend_iter(MpList *l, MpObject *iterable)
{
    if (mp_type(iterable) == &mp_list_type || mp_type(iterable) == &mp_tuple_type) {
        bool is_list = mp_type(iterable) == &mp_list_type;
        int64_t n = is_list ? MP_LIST_SIZE(iterable) : MP_TUPLE_SIZE(iterable);
        if (n == 0)
            return 0;
        int64_t m = l->size;
        if (!l->items) {
            /* CPython 3.11's list_preallocate_exact: rounded up to even. */
            if (set_allocated(l, (n + 1) & ~(int64_t)1) < 0)
                return -1;
            l->size = n;
        } else if (list_resize(l, m + n) < 0) {
            return -1;
        }
        /* Re-read the source: it may be l itself. */
        MpObject **src = is_list ? MP_LIST_ITEMS(iterable) : MP_TUPLE_ITEMS(iterable);
        for (int64_t i = 0; i < n; i++) {
            MP_INCREF(src[i]);
            l->items[m + i] = src[i];
        }
        return 0;
    }
    /* As CPython 3.11's list_extend: presize by the iterable's length hint
       (8 when it has none; exact, rounded up to even, for an empty list), append,
       then give back what the hint over-reserved. */
    MpObject *it = mp_iter(iterable);
    if (!it)
        return -1;
    int64_t n = mp_length_hint(iterable, 8);
    if (n < 0)
        goto error;
    int64_t m = l->size;
    if (!l->items) {
        if (n > 0 && set_allocated(l, (n + 1) & ~(int64_t)1) < 0)
            goto error;
    } else if (m <= MP_MAX_ITEMS - n) {
        if (list_resize(l, m + n) < 0)
            goto error;
        l->size = m;
    }
    MpObject *x;
    while ((x = mp_iternext(it))) {
        int r = mp_list_append(&l->ob, x);
        MP_DECREF(x);
        if (r < 0)
            goto error;
    }
    if (mp_err_occurred())
        goto error;
    MP_DECREF(it);
    if (l->size < l->allocated)
        return list_resize(l, l->size);
    return 0;
error:
    MP_DECREF(it);
    return -1;
}

static bool index_of(MpObject *key, int64_t *out)
{
    if (mp_is_int(key)) {
        *out = MP_INT_VALUE(key);
        return true;
    }
    return false;
}

/* ==== Sequence protocol ==== */

static int64_t list_len(MpObject *self)
{
    return LIST(self)->size;
}

static int list_truth(MpObject *self)
{
    return LIST(self)->size != 0;
}

static MpObject *list_getitem(MpObject *self, MpObject *key)
{
    MpList *l = LIST(self);
    int64_t i;
    if (index_of(key, &i) || (mp_is_index(key) && mp_index(key, &i) == 0)) {
        if (i < 0)
            i += l->size;
        if ((uint64_t)i >= (uint64_t)l->size)
            return mp_err_set(mp_IndexError, "list index out of range");
        MP_INCREF(l->items[i]);
        return l->items[i];
    }
    if (mp_err_occurred())
        return NULL;
    if (mp_type(key) == &mp_slice_type) {
        int64_t start, stop, step;
        int64_t n = mp_slice_indices(key, l->size, &start, &stop, &step);
        if (n < 0)
            return NULL;
        if (step == 1) /* an empty list has no items array to offset */
            return list_from_array(n ? l->items + start : l->items, n);
        MpObject *r = mp_list_new(n);
        if (!r)
            return NULL;
        for (int64_t k = 0, j = start; k < n; k++, j += step) {
            MP_INCREF(l->items[j]);
            LIST(r)->items[k] = l->items[j];
        }
        return r;
    }
    return mp_err_format(mp_TypeError, "list indices must be integers or slices, not %s",
                         mp_type_name(key));
}

MpObject *mp_list_sequence_fast(MpObject *v, const char *not_iterable)
{
    if (mp_type(v) == &mp_list_type || mp_type(v) == &mp_tuple_type) {
        MP_INCREF(v);
        return v;
    }
    MpObject *it = mp_iter(v);
    if (!it) {
        if (mp_err_matches(mp_TypeError)) {
            mp_err_clear();
            mp_err_set(mp_TypeError, not_iterable);
        }
        return NULL;
    }
    MpObject *l = mp_list_new(0);
    if (l && list_extend_iter(LIST(l), it) < 0) {
        MP_DECREF(l);
        l = NULL;
    }
    MP_DECREF(it);
    return l;
}

/* A C array copy of an iterable's items (new references) for slice
   assignment; *n receives the count. The caller frees with free_items. When v
   is not iterable the TypeError says `not_iterable` ("can only assign an
   iterable"). */
static MpObject **items_of(MpObject *v, int64_t *n, const char *not_iterable)
{
    MpObject *tmp = mp_list_sequence_fast(v, not_iterable);
    if (!tmp)
        return NULL;
    bool is_list = mp_type(tmp) == &mp_list_type;
    *n = is_list ? MP_LIST_SIZE(tmp) : MP_TUPLE_SIZE(tmp);
    MpObject **items = is_list ? MP_LIST_ITEMS(tmp) : MP_TUPLE_ITEMS(tmp);
    MpObject **arr = malloc(sizeof(MpObject *) * (size_t)(*n ? *n : 1));
    if (!arr) {
        MP_DECREF(tmp);
        mp_err_nomemory();
        return NULL;
    }
    for (int64_t i = 0; i < *n; i++) {
        arr[i] = items[i];
        MP_INCREF(arr[i]);
    }
    MP_DECREF(tmp);
    return arr;
}

/* l[lo:hi] = arr[0:n] (steals arr's references). */
static int assign_slice(MpList *l, int64_t lo, int64_t hi, MpObject **arr, int64_t n)
{
    int64_t norig = hi - lo, d = n - norig, size = l->size;
    MpObject **old = NULL;
    if (norig > 0) {
        old = malloc(sizeof(MpObject *) * (size_t)norig);
        if (!old) {
            mp_err_nomemory();
            return -1;
        }
        memcpy(old, l->items + lo, sizeof(MpObject *) * (size_t)norig);
    }
    if (d < 0) {
        memmove(l->items + hi + d, l->items + hi, sizeof(MpObject *) * (size_t)(size - hi));
        list_resize(l, size + d);
    } else if (d > 0) {
        if (list_resize(l, size + d) < 0) {
            free(old);
            return -1;
        }
        memmove(l->items + hi + d, l->items + hi, sizeof(MpObject *) * (size_t)(size - hi));
    }
    if (n > 0)
        memcpy(l->items + lo, arr, sizeof(MpObject *) * (size_t)n);
    for (int64_t k = norig; --k >= 0;)
        MP_DECREF(old[k]);
    free(old);
    return 0;
}

static int list_setitem(MpObject *self, MpObject *key, MpObject *value)
{
    MpList *l = LIST(self);
    int64_t i;
    if (index_of(key, &i) || (mp_is_index(key) && mp_index(key, &i) == 0)) {
        if (i < 0)
            i += l->size;
        if ((uint64_t)i >= (uint64_t)l->size) {
            mp_err_set(mp_IndexError, "list assignment index out of range");
            return -1;
        }
        if (value) {
            MP_INCREF(value);
            MP_SETREF(l->items[i], value);
            return 0;
        }
        MpObject *old = l->items[i];
        memmove(l->items + i, l->items + i + 1, sizeof(MpObject *) * (size_t)(l->size - i - 1));
        list_resize(l, l->size - 1);
        MP_DECREF(old);
        return 0;
    }
    if (mp_err_occurred())
        return -1;
    if (mp_type(key) != &mp_slice_type) {
        mp_err_format(mp_TypeError, "list indices must be integers or slices, not %s",
                      mp_type_name(key));
        return -1;
    }
    int64_t start, stop, step;
    int64_t slen = mp_slice_indices(key, l->size, &start, &stop, &step);
    if (slen < 0)
        return -1;
    if (step == 1) {
        if (stop < start)
            stop = start;
        int64_t n = 0;
        MpObject **arr = NULL;
        if (value && !(arr = items_of(value, &n, "can only assign an iterable")))
            return -1;
        int r = assign_slice(l, start, start + slen, arr, n);
        if (r < 0)
            for (int64_t k = 0; k < n; k++)
                MP_DECREF(arr[k]);
        free(arr);
        return r;
    }
    if (!value) {
        if (slen == 0)
            return 0;
        if (step < 0) {
            start = start + step * (slen - 1);
            step = -step;
        }
        MpObject **gone = malloc(sizeof(MpObject *) * (size_t)slen);
        if (!gone) {
            mp_err_nomemory();
            return -1;
        }
        int64_t w = start, g = 0;
        for (int64_t r = start; r < l->size; r++) {
            if (g < slen && r == start + g * step)
                gone[g++] = l->items[r];
            else
                l->items[w++] = l->items[r];
        }
        list_resize(l, l->size - slen);
        for (int64_t k = slen; --k >= 0;)
            MP_DECREF(gone[k]);
        free(gone);
        return 0;
    }
    int64_t n;
    MpObject **arr = items_of(value, &n, "must assign iterable to extended slice");
    if (!arr)
        return -1;
    if (n != slen) {
        for (int64_t k = 0; k < n; k++)
            MP_DECREF(arr[k]);
        free(arr);
        mp_err_format(mp_ValueError,
                      "attempt to assign sequence of size %lld to extended slice of size %lld",
                      (long long)n, (long long)slen);
        return -1;
    }
    for (int64_t k = 0, j = start; k < n; k++, j += step) {
        MpObject *old = l->items[j];
        l->items[j] = arr[k];
        arr[k] = old;
    }
    for (int64_t k = 0; k < n; k++)
        MP_DECREF(arr[k]);
    free(arr);
    return 0;
}

static int list_contains(MpObject *self, MpObject *item)
{
    MpList *l = LIST(self);
    for (int64_t i = 0; i < l->size; i++) {
        int r = mp_compare_bool(l->items[i], item, MP_EQ);
        if (r != 0)
            return r;
    }
    return 0;
}

MpObject *mp_seq_compare(MpObject *const *a, int64_t na, MpObject *const *b, int64_t nb,
                             MpCompareOp op)
{
    if ((op == MP_EQ || op == MP_NE) && na != nb)
        return mp_bool(op == MP_NE);
    int64_t i;
    for (i = 0; i < na && i < nb; i++) {
        int r = mp_compare_bool(a[i], b[i], MP_EQ);
        if (r < 0)
            return NULL;
        if (!r)
            break;
    }
    if (i >= na || i >= nb) {
        bool res = false;
        switch (op) {
        case MP_LT: res = na < nb; break;
        case MP_LE: res = na <= nb; break;
        case MP_EQ: res = na == nb; break;
        case MP_NE: res = na != nb; break;
        case MP_GT: res = na > nb; break;
        case MP_GE: res = na >= nb; break;
        }
        return mp_bool(res);
    }
    if (op == MP_EQ)
        return mp_bool(false);
    if (op == MP_NE)
        return mp_bool(true);
    return mp_richcompare(a[i], b[i], op);
}

static MpObject *list_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    if (mp_type(a) != &mp_list_type || mp_type(b) != &mp_list_type) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    /* Items may mutate the lists during comparison: CPython re-reads sizes;
       holding both alive is enough for memory safety here. */
    MP_INCREF(a);
    MP_INCREF(b);
    MpObject *r = mp_seq_compare(LIST(a)->items, LIST(a)->size, LIST(b)->items, LIST(b)->size, op);
    MP_DECREF(a);
    MP_DECREF(b);
    return r;
}

static MpObject *list_repeat(MpObject *list, int64_t n)
{
    MpList *l = LIST(list);
    if (n < 0)
        n = 0;
    int64_t total;
    if (__builtin_mul_overflow(l->size, n, &total))
        return mp_err_nomemory();
    MpObject *r = mp_list_new(total);
    if (!r)
        return NULL;
    for (int64_t k = 0; k < total; k++) {
        MpObject *x = l->items[k % l->size];
        MP_INCREF(x);
        LIST(r)->items[k] = x;
    }
    return r;
}

static MpObject *list_binop(MpObject *a, MpObject *b, MpBinaryOp op)
{
    if (op == MP_OP_ADD && mp_type(a) == &mp_list_type && mp_type(b) == &mp_list_type) {
        MpObject *r = mp_list_new(LIST(a)->size + LIST(b)->size);
        if (!r)
            return NULL;
        MpObject **o = LIST(r)->items;
        for (int64_t i = 0; i < LIST(a)->size; i++) {
            MP_INCREF(LIST(a)->items[i]);
            *o++ = LIST(a)->items[i];
        }
        for (int64_t i = 0; i < LIST(b)->size; i++) {
            MP_INCREF(LIST(b)->items[i]);
            *o++ = LIST(b)->items[i];
        }
        return r;
    }
    if (op == MP_OP_MUL) {
        if (mp_type(a) == &mp_list_type && mp_is_int(b))
            return list_repeat(a, MP_INT_VALUE(b));
        if (mp_is_int(a) && mp_type(b) == &mp_list_type)
            return list_repeat(b, MP_INT_VALUE(a));
    }
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

static MpObject *list_inplace(MpObject *a, MpObject *b, MpBinaryOp op)
{
    MpList *l = LIST(a);
    if (op == MP_OP_ADD) {
        if (list_extend_iter(l, b) < 0) {
            if (mp_err_matches(mp_TypeError) && !mp_type(b)->iter) {
                mp_err_clear();
                return mp_err_format(mp_TypeError, "'%s' object is not iterable",
                                     mp_type_name(b));
            }
            return NULL;
        }
        MP_INCREF(a);
        return a;
    }
    if (op == MP_OP_MUL && mp_is_int(b)) {
        int64_t n = MP_INT_VALUE(b), size = l->size;
        if (n <= 0 || size == 0) {
            list_clear_items(l);
        } else if (n > 1) {
            int64_t total;
            if (__builtin_mul_overflow(size, n, &total))
                return mp_err_nomemory();
            if (list_resize(l, total) < 0)
                return NULL;
            for (int64_t k = size; k < total; k++) {
                l->items[k] = l->items[k % size];
                MP_INCREF(l->items[k]);
            }
        }
        MP_INCREF(a);
        return a;
    }
    return list_binop(a, b, op);
}

/* ==== repr ==== */

static MpObject *list_repr(MpObject *self)
{
    MpList *l = LIST(self);
    if (l->size == 0)
        return mp_str_new("[]", 2);
    int g = mp_repr_enter(self);
    if (g != 0)
        return g > 0 ? mp_str_new("[...]", 5) : NULL;
    MpStrBuf b;
    mp_strbuf_init(&b);
    mp_strbuf_add_char(&b, '[');
    for (int64_t i = 0; i < l->size; i++) {
        if (i)
            mp_strbuf_add(&b, ", ", 2);
        MpObject *x = l->items[i];
        MP_INCREF(x);
        int r = mp_strbuf_add_repr(&b, x);
        MP_DECREF(x);
        if (r < 0) {
            mp_repr_leave(self);
            mp_strbuf_free(&b);
            return NULL;
        }
    }
    mp_strbuf_add_char(&b, ']');
    mp_repr_leave(self);
    return mp_strbuf_finish(&b);
}

/* ==== Iterators ==== */

typedef struct ListIter {
    MpObject ob;
    MpObject *list; /* NULL once exhausted (MpIterRef's layout) */
    int64_t index;
} ListIter;

static MpObject *make_iter(MpType *type, MpObject *list, int64_t index)
{
    ListIter *it = (ListIter *)gc_alloc(&type->gc, sizeof(ListIter));
    if (!it)
        return mp_err_nomemory();
    MP_INCREF(list);
    it->list = list;
    it->index = index;
    gc_track(&it->ob);
    return &it->ob;
}

static MpObject *list_iter(MpObject *self)
{
    return make_iter(&mp_list_iter_type, self, 0);
}

static MpObject *list_iter_next(MpObject *self)
{
    ListIter *it = (ListIter *)self;
    if (!it->list)
        return NULL;
    MpList *l = LIST(it->list);
    if (it->index < l->size) {
        MpObject *x = l->items[it->index++];
        MP_INCREF(x);
        return x;
    }
    MP_CLEAR(it->list);
    return NULL;
}

static MpObject *list_reviter_next(MpObject *self)
{
    ListIter *it = (ListIter *)self;
    if (!it->list)
        return NULL;
    MpList *l = LIST(it->list);
    if (it->index >= 0 && it->index < l->size) {
        MpObject *x = l->items[it->index--];
        MP_INCREF(x);
        return x;
    }
    MP_CLEAR(it->list);
    return NULL;
}

/* __length_hint__, as CPython's: the items left, 0 once exhausted. */
static MpObject *list_iter_length_hint(MpObject *self, MpObject *const *args,
                                       size_t nargs, MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("list_iterator.__length_hint__", nargs, kwnames, 0, 0) < 0)
        return NULL;
    ListIter *it = (ListIter *)self;
    int64_t n = it->list ? LIST(it->list)->size - it->index : 0;
    return mp_int_new(n > 0 ? n : 0);
}

static MpObject *list_reviter_length_hint(MpObject *self, MpObject *const *args,
                                          size_t nargs, MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("list_reverseiterator.__length_hint__", nargs, kwnames, 0, 0) < 0)
        return NULL;
    ListIter *it = (ListIter *)self;
    int64_t n = it->index + 1;
    if (!it->list || LIST(it->list)->size < n)
        n = 0;
    return mp_int_new(n);
}

static const MpMethodDef list_iter_methods[] = {
    {"__length_hint__", list_iter_length_hint, MP_METH_DEFAULT,
     "__length_hint__(self, /)"},
    {NULL, NULL, 0, NULL},
};

static const MpMethodDef list_reviter_methods[] = {
    {"__length_hint__", list_reviter_length_hint, MP_METH_DEFAULT,
     "__length_hint__(self, /)"},
    {NULL, NULL, 0, NULL},
};

static size_t list_iter_size(const GcHead *self)
{
    return 32;
}

MpType mp_list_iter_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "list_iterator",
           .traverse = mp_iter_ref_traverse,
           .clear = mp_iter_ref_clear,
           .dealloc = mp_iter_ref_dealloc,
           .size = list_iter_size},
    .basicsize = sizeof(ListIter),
    .iter = mp_iter_self,
    .iternext = list_iter_next,
    .methods = list_iter_methods,
};

MpType mp_list_reviter_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "list_reverseiterator",
           .traverse = mp_iter_ref_traverse,
           .clear = mp_iter_ref_clear,
           .dealloc = mp_iter_ref_dealloc,
           .size = list_iter_size},
    .basicsize = sizeof(ListIter),
    .iter = mp_iter_self,
    .iternext = list_reviter_next,
    .methods = list_reviter_methods,
};

/* ==== Generator expressions ====
 * What (x for x in it) evaluates to. Minipy runs a generator expression at once,
 * as a list comprehension (minipy.md: they are passed straight to a call); this
 * iterates over the result under CPython's type name and, like a generator and
 * unlike a list_iterator, gives no __length_hint__, so list() or sorted() of it
 * presize as CPython's do. The list goes once the generator is exhausted. */

MpObject *mp_generator_new(MpObject *list)
{
    return make_iter(&mp_generator_type, list, 0);
}

static MpObject *generator_repr(MpObject *self)
{
    return mp_str_format_c("<generator object <genexpr> at %p>", (void *)self);
}

MpType mp_generator_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "generator",
           .traverse = mp_iter_ref_traverse,
           .clear = mp_iter_ref_clear,
           .dealloc = mp_iter_ref_dealloc,
           .size = list_iter_size},
    .basicsize = sizeof(ListIter),
    .repr = generator_repr,
    .iter = mp_iter_self,
    .iternext = list_iter_next,
};

/* ==== Sort ==== */

typedef struct SortCtx {
    MpObject **keys, **vals, **tk, **tv;
    int kind; /* 0 generic, 1 all int, 2 all str, 3 all float, 4 all tuple */
    bool failed;
} SortCtx;

/* keys[i] < keys[j]? -1 on error (and the sort degrades to merging blindly). */
/* a < b for two tuples as tuple's richcompare decides it: the first items that
   are not equal (identity, then ==) compare with <, else the shorter is less.
   Two ints compare by value without a call. */
static int tuple_lt(SortCtx *c, MpObject *a, MpObject *b)
{
    int64_t na = MP_TUPLE_SIZE(a), nb = MP_TUPLE_SIZE(b), n = na < nb ? na : nb, i;
    MpObject **x = MP_TUPLE_ITEMS(a), **y = MP_TUPLE_ITEMS(b);
    for (i = 0; i < n; i++) {
        if (x[i] == y[i])
            continue;
        if (x[i]->type == &mp_int_type.gc && y[i]->type == &mp_int_type.gc) {
            if (MP_INT_VALUE(x[i]) == MP_INT_VALUE(y[i]))
                continue;
            return MP_INT_VALUE(x[i]) < MP_INT_VALUE(y[i]);
        }
        int eq = mp_compare_bool(x[i], y[i], MP_EQ);
        if (eq < 0) {
            c->failed = true;
            return 0;
        }
        if (!eq)
            break;
    }
    if (i == n)
        return na < nb;
    int r = mp_compare_bool(x[i], y[i], MP_LT);
    if (r < 0) {
        c->failed = true;
        return 0;
    }
    return r;
}

static int sort_lt(SortCtx *c, MpObject *a, MpObject *b)
{
    if (c->failed)
        return 0;
    switch (c->kind) {
    case 1:
        return MP_INT_VALUE(a) < MP_INT_VALUE(b);
    case 2: {
        int64_t la = MP_STR_SIZE(a), lb = MP_STR_SIZE(b);
        int r = memcmp(MP_STR_DATA(a), MP_STR_DATA(b), (size_t)(la < lb ? la : lb));
        return r < 0 || (r == 0 && la < lb);
    }
    case 3:
        return MP_FLOAT_VALUE(a) < MP_FLOAT_VALUE(b);
    case 4:
        return tuple_lt(c, a, b);
    default:
        break;
    }
    int r = mp_compare_bool(a, b, MP_LT);
    if (r < 0) {
        c->failed = true;
        return 0;
    }
    return r;
}

/* Stable merge sort of keys/vals[lo, hi): insertion sort below 16 items. */
static void merge_sort(SortCtx *c, int64_t lo, int64_t hi)
{
    if (hi - lo <= 16) {
        for (int64_t i = lo + 1; i < hi; i++) {
            MpObject *k = c->keys[i], *v = c->vals[i];
            int64_t j = i;
            while (j > lo && sort_lt(c, k, c->keys[j - 1])) {
                c->keys[j] = c->keys[j - 1];
                c->vals[j] = c->vals[j - 1];
                j--;
            }
            c->keys[j] = k;
            c->vals[j] = v;
        }
        return;
    }
    int64_t mid = lo + (hi - lo) / 2;
    merge_sort(c, lo, mid);
    merge_sort(c, mid, hi);
    if (!sort_lt(c, c->keys[mid], c->keys[mid - 1]))
        return; /* already in order */
    int64_t n = mid - lo;
    memcpy(c->tk, c->keys + lo, sizeof(MpObject *) * (size_t)n);
    memcpy(c->tv, c->vals + lo, sizeof(MpObject *) * (size_t)n);
    int64_t i = 0, j = mid, o = lo;
    while (i < n && j < hi) {
        if (sort_lt(c, c->keys[j], c->tk[i])) {
            c->keys[o] = c->keys[j];
            c->vals[o++] = c->vals[j++];
        } else {
            c->keys[o] = c->tk[i];
            c->vals[o++] = c->tv[i++];
        }
    }
    while (i < n) {
        c->keys[o] = c->tk[i];
        c->vals[o++] = c->tv[i++];
    }
}

static void reverse_array(MpObject **a, int64_t n)
{
    for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
        MpObject *t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

/* As CPython's list.sort: the list is empty while sorting (a mutation is
   detected as "list modified during sort"); reverse=True keeps stability by
   reversing before and after; comparisons use < only. */
int mp_list_sort(MpObject *list, MpObject *key, bool reverse)
{
    MpList *l = LIST(list);
    int64_t n = l->size, alloc = l->allocated;
    MpObject **vals = l->items;
    l->items = NULL;
    l->size = l->allocated = 0;
    MpObject **keys = vals;
    int status = 0;
    SortCtx c = {0};
    if (key && key != mp_none && n > 0) {
        keys = malloc(sizeof(MpObject *) * (size_t)n);
        if (!keys) {
            mp_err_nomemory();
            status = -1;
            goto restore;
        }
        for (int64_t i = 0; i < n; i++) {
            keys[i] = mp_call1(key, vals[i]);
            if (!keys[i]) {
                for (int64_t k = 0; k < i; k++)
                    MP_DECREF(keys[k]);
                free(keys);
                keys = vals;
                status = -1;
                goto restore;
            }
        }
    }
    if (n > 1) {
        MpType *t0 = mp_type(keys[0]);
        c.kind = t0 == &mp_int_type     ? 1
                 : t0 == &mp_str_type   ? 2
                 : t0 == &mp_float_type ? 3
                 : t0 == &mp_tuple_type ? 4
                                        : 0;
        for (int64_t i = 1; i < n && c.kind; i++)
            if (mp_type(keys[i]) != t0)
                c.kind = 0;
        c.keys = keys;
        c.vals = vals;
        c.tk = malloc(sizeof(MpObject *) * (size_t)(n / 2 + 1));
        c.tv = keys == vals ? c.tk : malloc(sizeof(MpObject *) * (size_t)(n / 2 + 1));
        if (!c.tk || !c.tv) {
            free(c.tk);
            if (c.tv != c.tk)
                free(c.tv);
            mp_err_nomemory();
            status = -1;
        } else {
            if (reverse) {
                reverse_array(vals, n);
                if (keys != vals)
                    reverse_array(keys, n);
            }
            merge_sort(&c, 0, n);
            if (reverse) {
                reverse_array(vals, n);
                if (keys != vals)
                    reverse_array(keys, n);
            }
            free(c.tk);
            if (c.tv != c.tk)
                free(c.tv);
            if (c.failed)
                status = -1;
        }
    }
    if (keys != vals) {
        for (int64_t i = 0; i < n; i++)
            MP_DECREF(keys[i]);
        free(keys);
    }
restore:;
    bool modified = l->items != NULL || l->size != 0;
    list_clear_items(l);
    l->items = vals;
    l->size = n;
    l->allocated = alloc;
    if (modified && status == 0) {
        mp_err_set(mp_ValueError, "list modified during sort");
        return -1;
    }
    return status;
}

/* ==== Methods ==== */

static MpObject *list_append_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("list.append", nargs, kwnames, 1, 1) < 0)
        return NULL;
    if (mp_list_append(self, args[0]) < 0)
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *list_extend_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("list.extend", nargs, kwnames, 1, 1) < 0)
        return NULL;
    if (list_extend_iter(LIST(self), args[0]) < 0)
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *list_insert_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("list.insert", nargs, kwnames, 2, 2) < 0)
        return NULL;
    int64_t i;
    if (mp_index(args[0], &i) < 0)
        return NULL;
    MpList *l = LIST(self);
    int64_t n = l->size;
    if (i < 0 && (i += n) < 0)
        i = 0;
    if (i > n)
        i = n;
    if (list_resize(l, n + 1) < 0)
        return NULL;
    memmove(l->items + i + 1, l->items + i, sizeof(MpObject *) * (size_t)(n - i));
    MP_INCREF(args[1]);
    l->items[i] = args[1];
    MP_RETURN_NONE;
}

static MpObject *list_pop_m(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    if (mp_args_check("list.pop", nargs, kwnames, 0, 1) < 0)
        return NULL;
    MpList *l = LIST(self);
    int64_t i = -1;
    if (nargs && mp_index(args[0], &i) < 0)
        return NULL;
    if (l->size == 0)
        return mp_err_set(mp_IndexError, "pop from empty list");
    if (i < 0)
        i += l->size;
    if (i < 0 || i >= l->size)
        return mp_err_set(mp_IndexError, "pop index out of range");
    MpObject *x = l->items[i];
    memmove(l->items + i, l->items + i + 1, sizeof(MpObject *) * (size_t)(l->size - i - 1));
    if (list_resize(l, l->size - 1) < 0) {
        mp_err_clear();
        l->size--;
    }
    return x;
}

/* Index of the first item equal to x in [start, stop), -1 absent, -2 error. */
static int64_t find_item(MpList *l, MpObject *x, int64_t start, int64_t stop)
{
    for (int64_t i = start; i < stop && i < l->size; i++) {
        int r = mp_compare_bool(l->items[i], x, MP_EQ);
        if (r < 0)
            return -2;
        if (r)
            return i;
    }
    return -1;
}

static MpObject *list_remove_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("list.remove", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpList *l = LIST(self);
    int64_t i = find_item(l, args[0], 0, l->size);
    if (i == -2)
        return NULL;
    if (i == -1)
        return mp_err_set(mp_ValueError, "list.remove(x): x not in list");
    MpObject *x = l->items[i];
    memmove(l->items + i, l->items + i + 1, sizeof(MpObject *) * (size_t)(l->size - i - 1));
    list_resize(l, l->size - 1);
    MP_DECREF(x);
    MP_RETURN_NONE;
}

static MpObject *list_index_m(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    if (mp_args_check("list.index", nargs, kwnames, 1, 3) < 0)
        return NULL;
    MpList *l = LIST(self);
    int64_t start = 0, stop = INT64_MAX;
    if (nargs > 1 && mp_slice_index_not_none(args[1], &start) < 0)
        return NULL;
    if (nargs > 2 && mp_slice_index_not_none(args[2], &stop) < 0)
        return NULL;
    if (start < 0 && (start += l->size) < 0)
        start = 0;
    if (stop < 0 && (stop += l->size) < 0)
        stop = 0;
    int64_t i = find_item(l, args[0], start, stop);
    if (i == -2)
        return NULL;
    if (i == -1) {
        MpObject *r = mp_repr(args[0]);
        if (!r)
            return NULL;
        mp_err_format(mp_ValueError, "%s is not in list", MP_STR_DATA(r));
        MP_DECREF(r);
        return NULL;
    }
    return mp_int_new(i);
}

static MpObject *list_count_m(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    if (mp_args_check("list.count", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpList *l = LIST(self);
    int64_t n = 0;
    for (int64_t i = 0; i < l->size; i++) {
        int r = mp_compare_bool(l->items[i], args[0], MP_EQ);
        if (r < 0)
            return NULL;
        n += r;
    }
    return mp_int_new(n);
}

static MpObject *list_sort_m(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    static const char *const names[] = {"key", "reverse", NULL};
    MpObject *a[2];
    if (nargs > 0)
        return mp_err_set(mp_TypeError, "sort() takes no positional arguments");
    if (mp_args_parse("sort", args, nargs, kwnames, names, 0, 0, a) < 0)
        return NULL;
    int rev = 0;
    if (a[1] && (rev = mp_truthy(a[1])) < 0)
        return NULL;
    if (mp_list_sort(self, a[0], rev) < 0)
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *list_reverse_m(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    if (mp_args_check("list.reverse", nargs, kwnames, 0, 0) < 0)
        return NULL;
    reverse_array(LIST(self)->items, LIST(self)->size);
    MP_RETURN_NONE;
}

static MpObject *list_clear_m(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    if (mp_args_check("list.clear", nargs, kwnames, 0, 0) < 0)
        return NULL;
    list_clear_items(LIST(self));
    MP_RETURN_NONE;
}

static MpObject *list_copy_m(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    if (mp_args_check("list.copy", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return list_from_array(LIST(self)->items, LIST(self)->size);
}

static MpObject *list_reversed_m(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    if (mp_args_check("list.__reversed__", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return make_iter(&mp_list_reviter_type, self, LIST(self)->size - 1);
}

static MpObject *list_new_(MpType *type, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    if (mp_args_check("list", nargs, kwnames, 0, 1) < 0)
        return NULL;
    MpObject *l = mp_list_new(0);
    if (!l || nargs == 0)
        return l;
    MpObject *src = args[0];
    MpType *t = mp_type(src);
    if (t != &mp_list_type && t != &mp_tuple_type && t->len) {
        /* CPython presizes (rounded up to even) when the iterable has a
           length; lists and tuples are presized by the extend below. */
        int64_t n = mp_len(src);
        if (n < 0) {
            if (!mp_err_matches(mp_TypeError)) {
                MP_DECREF(l);
                return NULL;
            }
            mp_err_clear(); /* as CPython's list.__init__ */
        }
        if (n > 0 && set_allocated(LIST(l), (n + 1) & ~(int64_t)1) < 0) {
            MP_DECREF(l);
            return NULL;
        }
    }
    if (list_extend_iter(LIST(l), src) < 0) {
        MP_DECREF(l);
        return NULL;
    }
    return l;
}

static const MpMethodDef list_methods[] = {
    {"append", list_append_m, MP_METH_DEFAULT, "append(self, object, /)"},
    {"extend", list_extend_m, MP_METH_DEFAULT, "extend(self, iterable, /)"},
    {"insert", list_insert_m, MP_METH_DEFAULT, "insert(self, index, object, /)"},
    {"pop", list_pop_m, MP_METH_DEFAULT, "pop(self, index=-1, /)"},
    {"remove", list_remove_m, MP_METH_DEFAULT, "remove(self, value, /)"},
    {"index", list_index_m, MP_METH_DEFAULT, "index(self, value, start=0, stop=sys.maxsize, /)"},
    {"count", list_count_m, MP_METH_DEFAULT, "count(self, value, /)"},
    {"sort", list_sort_m, MP_METH_DEFAULT, "sort(self, /, *, key=None, reverse=False)"},
    {"reverse", list_reverse_m, MP_METH_DEFAULT, "reverse(self, /)"},
    {"clear", list_clear_m, MP_METH_DEFAULT, "clear(self, /)"},
    {"copy", list_copy_m, MP_METH_DEFAULT, "copy(self, /)"},
    {"__reversed__", list_reversed_m, MP_METH_DEFAULT, "__reversed__(self, /)"},
    {NULL, NULL, 0, NULL},
};

MpType mp_list_type = {
    MP_STATIC_TYPE_HEAD,
    .hash = mp_hash_not_implemented,
    .gc = {.name = "list", .traverse = list_traverse, .clear = list_clear,
           .dealloc = list_dealloc, .size = list_size},
    .basicsize = sizeof(MpList),
    .new_ = list_new_,
    .repr = list_repr,
    .richcompare = list_richcompare,
    .truth = list_truth,
    .binop = list_binop,
    .inplace = list_inplace,
    .iter = list_iter,
    .len = list_len,
    .getitem = list_getitem,
    .setitem = list_setitem,
    .contains = list_contains,
    .methods = list_methods,
};
