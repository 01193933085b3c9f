/*
 * kernel/objects/dict.c - dict, its key/value/item views and their iterators.
 *
 * A dict is an MpTable plus CPython 3.11's tracking rules: created untracked,
 * tracked by the first insertion of a key or value that may be tracked
 * (MAINTAIN_TRACKING), untracked again only by a full collection when nothing
 * it holds may be tracked (can_untrack at generation 2).
 */
#include "object.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "types_init.h"

#include <stdio.h>

#define DICT(o) ((MpDict *)(o))
#define TABLE(o) (&((MpDict *)(o))->table)

/* ==== Life cycle ==== */

/* Dead dicts kept for reuse, as CPython 3.11's 80 (see gc_freelist_push). */
static GcHead *free_dicts[80];
static GcFreeList dict_freelist = GC_FREELIST_INIT(free_dicts);

void mp_dict_clear_freelist(void)
{
    gc_freelist_clear(&dict_freelist);
}

MpObject *mp_dict_new(void)
{
    MpDict *d = (MpDict *)gc_freelist_pop(&dict_freelist);
    if (!d)
        d = (MpDict *)gc_alloc(&mp_dict_type.gc, sizeof(MpDict));
    if (!d)
        return mp_err_nomemory();
    mp_table_init(&d->table, &mp_dict_type.gc);
    return &d->ob;
}

static int dict_traverse(GcHead *self, GcVisit visit, void *arg)
{
    return mp_table_traverse(TABLE(self), visit, arg);
}

static void dict_clear_slot(GcHead *self)
{
    mp_table_clear(TABLE(self));
}

static void dict_dealloc(GcHead *self)
{
    gc_untrack(self);
    mp_table_fini(TABLE(self));
    if (self->type != &mp_dict_type.gc || !gc_freelist_push(&dict_freelist, self))
        gc_free(self);
}

static size_t dict_size(const GcHead *self)
{
    return 48 + mp_table_sizeof(&((const MpDict *)self)->table);
}

static bool dict_can_untrack(GcHead *self, int generation)
{
    if (generation != 2)
        return false;
    MpTable *t = TABLE(self);
    int64_t pos = 0;
    MpObject *k, *v;
    while (mp_table_next(t, &pos, &k, &v)) {
        if (gc_may_be_tracked(v) || (!t->str_keys && gc_may_be_tracked(k)))
            return false;
    }
    return true;
}

static void maintain_tracking(MpObject *d, MpObject *key, MpObject *value)
{
    if (!gc_is_tracked(d) && (gc_may_be_tracked(key) || gc_may_be_tracked(value)))
        gc_track(d);
}

/* ==== C API ==== */

MpObject *mp_dict_get(MpObject *d, MpObject *key)
{
    return mp_table_get(TABLE(d), key);
}

MpObject *mp_dict_get_cstr(MpObject *d, const char *key)
{
    MpObject *k = mp_str_intern(key);
    if (!k)
        return NULL;
    MpObject *v = mp_table_get_str(TABLE(d), k);
    MP_DECREF(k);
    return v;
}

int mp_dict_set(MpObject *d, MpObject *key, MpObject *value)
{
    if (mp_table_set(TABLE(d), key, value) < 0)
        return -1;
    maintain_tracking(d, key, value);
    return 0;
}

int mp_dict_set_cstr(MpObject *d, const char *key, MpObject *value)
{
    MpObject *k = mp_str_intern(key);
    if (!k)
        return -1;
    int r = mp_dict_set(d, k, value);
    MP_DECREF(k);
    return r;
}

int mp_dict_del(MpObject *d, MpObject *key)
{
    return mp_table_del(TABLE(d), key);
}

bool mp_dict_next(MpObject *d, int64_t *pos, MpObject **key, MpObject **value)
{
    return mp_table_next(TABLE(d), pos, key, value);
}

static MpObject *dict_copy_of(MpObject *src)
{
    MpObject *d = mp_dict_new();
    if (!d)
        return NULL;
    if (mp_table_copy(TABLE(d), TABLE(src)) < 0) {
        MP_DECREF(d);
        return NULL;
    }
    if (gc_is_tracked(src))
        gc_track(d);
    return d;
}

/* d.update(other): a dict, an object with keys(), or an iterable of pairs. */
static int dict_merge(MpObject *d, MpObject *other)
{
    if (mp_type(other) == &mp_dict_type) {
        if (other == d)
            return 0;
        int64_t pos = 0;
        MpObject *k, *v;
        MpTable *t = TABLE(other);
        while (mp_table_next(t, &pos, &k, &v)) {
            MP_INCREF(k);
            MP_INCREF(v);
            int64_t hash = mp_table_entries(t->keys)[pos - 1].hash;
            int r = mp_table_set_hashed(TABLE(d), k, hash, v);
            if (r == 0)
                maintain_tracking(d, k, v);
            MP_DECREF(k);
            MP_DECREF(v);
            if (r < 0)
                return -1;
        }
        return 0;
    }
    MpObject *keys_name = mp_str_intern("keys");
    if (!keys_name)
        return -1;
    MpObject *keys_fn;
    int has = mp_lookup_attr(other, keys_name, &keys_fn);
    MP_DECREF(keys_name);
    if (has < 0)
        return -1;
    if (has) {
        MpObject *keys = mp_call0(keys_fn);
        MP_DECREF(keys_fn);
        MpObject *it = keys ? mp_iter(keys) : NULL;
        MP_XDECREF(keys);
        if (!it)
            return -1;
        MpObject *k;
        while ((k = mp_iternext(it))) {
            MpObject *v = mp_getitem(other, k);
            int r = v ? mp_dict_set(d, k, v) : -1;
            MP_XDECREF(v);
            MP_DECREF(k);
            if (r < 0) {
                MP_DECREF(it);
                return -1;
            }
        }
        MP_DECREF(it);
        return mp_err_occurred() ? -1 : 0;
    }
    MpObject *it = mp_iter(other);
    if (!it)
        return -1;
    MpObject *item;
    for (int64_t n = 0; (item = mp_iternext(it)); n++) {
        MpObject *seq = NULL;
        int r = -1;
        if (mp_type(item) == &mp_tuple_type || mp_type(item) == &mp_list_type) {
            seq = item;
            MP_INCREF(seq);
        } else {
            seq = mp_call1(&mp_tuple_type.ob, item);
            if (!seq && mp_err_matches(mp_TypeError)) {
                mp_err_clear();
                mp_err_format(mp_TypeError,
                              "cannot convert dictionary update sequence element #%lld to a "
                              "sequence",
                              (long long)n);
            }
        }
        if (seq) {
            bool is_list = mp_type(seq) == &mp_list_type;
            int64_t len = is_list ? MP_LIST_SIZE(seq) : MP_TUPLE_SIZE(seq);
            MpObject **items = is_list ? MP_LIST_ITEMS(seq) : MP_TUPLE_ITEMS(seq);
            if (len != 2)
                mp_err_format(mp_ValueError,
                              "dictionary update sequence element #%lld has length %lld; 2 "
                              "is required",
                              (long long)n, (long long)len);
            else
                r = mp_dict_set(d, items[0], items[1]);
            MP_DECREF(seq);
        }
        MP_DECREF(item);
        if (r < 0) {
            MP_DECREF(it);
            return -1;
        }
    }
    MP_DECREF(it);
    return mp_err_occurred() ? -1 : 0;
}

static int update_kw(MpObject *d, MpObject *const *args, size_t nargs, MpObject *kwnames)
{
    if (!kwnames)
        return 0;
    for (int64_t i = 0; i < MP_TUPLE_SIZE(kwnames); i++)
        if (mp_dict_set(d, MP_TUPLE_ITEMS(kwnames)[i], args[nargs + (size_t)i]) < 0)
            return -1;
    return 0;
}

/* ==== Slots ==== */

static int64_t dict_len(MpObject *self)
{
    return DICT(self)->table.used;
}

static MpObject *dict_getitem(MpObject *self, MpObject *key)
{
    MpObject *v = mp_table_get(TABLE(self), key);
    if (v) {
        MP_INCREF(v);
        return v;
    }
    if (!mp_err_occurred())
        mp_err_set_value(mp_KeyError, key);
    return NULL;
}

static int dict_setitem(MpObject *self, MpObject *key, MpObject *value)
{
    if (value)
        return mp_dict_set(self, key, value);
    int r = mp_table_del(TABLE(self), key);
    if (r == 0) {
        mp_err_set_value(mp_KeyError, key);
        return -1;
    }
    return r < 0 ? -1 : 0;
}

static int dict_contains(MpObject *self, MpObject *key)
{
    MpObject *v = mp_table_get(TABLE(self), key);
    if (v)
        return 1;
    return mp_err_occurred() ? -1 : 0;
}

static MpObject *dict_repr(MpObject *self)
{
    MpTable *t = TABLE(self);
    if (t->used == 0)
        return mp_str_new("{}", 2);
    int g = mp_repr_enter(self);
    if (g != 0)
        return g > 0 ? mp_str_new("{...}", 5) : NULL;
    MpStrBuf b;
    mp_strbuf_init(&b);
    mp_strbuf_add_char(&b, '{');
    int64_t pos = 0;
    MpObject *k, *v;
    bool first = true;
    while (mp_table_next(t, &pos, &k, &v)) {
        if (!first)
            mp_strbuf_add(&b, ", ", 2);
        first = false;
        MP_INCREF(k);
        MP_INCREF(v);
        int r = mp_strbuf_add_repr(&b, k);
        if (r == 0) {
            mp_strbuf_add(&b, ": ", 2);
            r = mp_strbuf_add_repr(&b, v);
        }
        MP_DECREF(k);
        MP_DECREF(v);
        if (r < 0) {
            mp_repr_leave(self);
            mp_strbuf_free(&b);
            return NULL;
        }
    }
    mp_strbuf_add_char(&b, '}');
    mp_repr_leave(self);
    return mp_strbuf_finish(&b);
}

static MpObject *dict_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    if (mp_type(a) != &mp_dict_type || mp_type(b) != &mp_dict_type ||
        (op != MP_EQ && op != MP_NE)) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    bool eq = TABLE(a)->used == TABLE(b)->used;
    int64_t pos = 0;
    MpObject *k, *v;
    while (eq && mp_table_next(TABLE(a), &pos, &k, &v)) {
        MP_INCREF(k);
        MP_INCREF(v);
        MpObject *w = mp_table_get(TABLE(b), k);
        int r = 0;
        if (w) {
            MP_INCREF(w);
            r = mp_compare_bool(v, w, MP_EQ);
            MP_DECREF(w);
        } else if (mp_err_occurred()) {
            r = -1;
        }
        MP_DECREF(k);
        MP_DECREF(v);
        if (r < 0)
            return NULL;
        eq = r;
    }
    return mp_bool(eq == (op == MP_EQ));
}

static MpObject *dict_binop(MpObject *a, MpObject *b, MpBinaryOp op)
{
    if (op != MP_OP_OR || mp_type(a) != &mp_dict_type || mp_type(b) != &mp_dict_type) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    MpObject *d = dict_copy_of(a);
    if (d && dict_merge(d, b) < 0)
        MP_CLEAR(d);
    return d;
}

static MpObject *dict_inplace(MpObject *a, MpObject *b, MpBinaryOp op)
{
    if (op != MP_OP_OR)
        return dict_binop(a, b, op);
    if (dict_merge(a, b) < 0)
        return NULL;
    MP_INCREF(a);
    return a;
}

/* ==== Iterators ==== */

typedef enum IterKind { IT_KEYS, IT_VALUES, IT_ITEMS } IterKind;

typedef struct DictIter {
    MpObject ob;
    MpObject *dict; /* NULL once exhausted */
    int64_t pos, used, remaining;
} DictIter;

/* Forward iterators by IterKind, then the reversed ones (reversed(d),
   reversed(d.items()), ...): an iterator's type tells which it is. */
static MpType *iter_types[] = {&mp_dict_keyiter_type,      &mp_dict_valueiter_type,
                               &mp_dict_itemiter_type,     &mp_dict_revkeyiter_type,
                               &mp_dict_revvalueiter_type, &mp_dict_revitemiter_type};
#define N_ITER_KINDS 3

static MpObject *dict_iter_new(MpObject *dict, IterKind kind, bool reverse)
{
    MpType *type = iter_types[kind + (reverse ? N_ITER_KINDS : 0)];
    DictIter *it = (DictIter *)gc_alloc(&type->gc, sizeof(DictIter));
    if (!it)
        return mp_err_nomemory();
    MP_INCREF(dict);
    it->dict = dict;
    it->used = it->remaining = TABLE(dict)->used;
    it->pos = reverse ? TABLE(dict)->keys->nentries - 1 : 0;
    gc_track(&it->ob);
    return &it->ob;
}

/* The index of an iterator's type in iter_types. */
static int iter_type_index(MpObject *it)
{
    int i = 0;
    while (iter_types[i] != mp_type(it))
        i++;
    return i;
}

static MpObject *dict_iter_next(MpObject *self)
{
    DictIter *it = (DictIter *)self;
    if (!it->dict)
        return NULL;
    MpTable *t = TABLE(it->dict);
    if (t->used != it->used) {
        it->used = -1; /* stays broken, as CPython */
        return mp_err_set(mp_RuntimeError, "dictionary changed size during iteration");
    }
    MpObject *k, *v;
    int index = iter_type_index(self);
    if (!(index < N_ITER_KINDS ? mp_table_next : mp_table_prev)(t, &it->pos, &k, &v)) {
        MP_CLEAR(it->dict);
        return NULL;
    }
    it->remaining--;
    switch ((IterKind)(index % N_ITER_KINDS)) {
    case IT_KEYS:
        MP_INCREF(k);
        return k;
    case IT_VALUES:
        MP_INCREF(v);
        return v;
    case IT_ITEMS:
        break;
    }
    return mp_tuple_pack(2, k, v);
}

/* Iterators and views share this layout prefix, MpIterRef's: one owned dict
   reference, so mp_iter_ref_traverse, _clear and _dealloc serve both. */
typedef struct DictRef {
    MpObject ob;
    MpObject *dict;
} DictRef;

/* CPython 3.11's dictiterobject: 56 bytes (it also holds a result tuple). */
static size_t dict_iter_size(const GcHead *self)
{
    return 56;
}

static size_t dict_view_size(const GcHead *self)
{
    return 24;
}

/* __length_hint__, as CPython's: the entries left, 0 once exhausted or
   after the dict changed size. (No len(): a dict iterator has none.) */
static MpObject *dict_iter_length_hint(MpObject *self, MpObject *const *args,
                                       size_t nargs, MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("__length_hint__", nargs, kwnames, 0, 0) < 0)
        return NULL;
    DictIter *it = (DictIter *)self;
    bool live = it->dict && TABLE(it->dict)->used == it->used;
    return mp_int_new(live ? it->remaining : 0);
}

static const MpMethodDef dict_iter_methods[] = {
    {"__length_hint__", dict_iter_length_hint, MP_METH_DEFAULT,
     "__length_hint__(self, /)"},
    {NULL, NULL, 0, NULL},
};

#define DICT_ITER_TYPE(cname, pyname)                                                  \
    MpType cname = {                                                                   \
        MP_STATIC_TYPE_HEAD,                                                           \
        .gc = {.name = pyname,                                                         \
               .traverse = mp_iter_ref_traverse,                                       \
               .clear = mp_iter_ref_clear,                                             \
               .dealloc = mp_iter_ref_dealloc,                                         \
               .size = dict_iter_size},                                                \
        .basicsize = sizeof(DictIter),                                                 \
        .iter = mp_iter_self,                                                          \
        .iternext = dict_iter_next,                                                    \
        .methods = dict_iter_methods,                                                  \
    };
DICT_ITER_TYPE(mp_dict_keyiter_type, "dict_keyiterator")
DICT_ITER_TYPE(mp_dict_valueiter_type, "dict_valueiterator")
DICT_ITER_TYPE(mp_dict_itemiter_type, "dict_itemiterator")
DICT_ITER_TYPE(mp_dict_revkeyiter_type, "dict_reversekeyiterator")
DICT_ITER_TYPE(mp_dict_revvalueiter_type, "dict_reversevalueiterator")
DICT_ITER_TYPE(mp_dict_revitemiter_type, "dict_reverseitemiterator")

static MpObject *dict_iter(MpObject *self)
{
    return dict_iter_new(self, IT_KEYS, false);
}

/* ==== Views ==== */

static MpObject *view_new(MpObject *dict, MpType *type)
{
    DictRef *v = (DictRef *)gc_alloc(&type->gc, sizeof(DictRef));
    if (!v)
        return mp_err_nomemory();
    MP_INCREF(dict);
    v->dict = dict;
    gc_track(&v->ob);
    return &v->ob;
}

static int64_t view_len(MpObject *self)
{
    return TABLE(((DictRef *)self)->dict)->used;
}

static IterKind view_kind(MpObject *view)
{
    MpType *t = mp_type(view);
    return t == &mp_dict_keys_type     ? IT_KEYS
           : t == &mp_dict_values_type ? IT_VALUES
                                       : IT_ITEMS;
}

static MpObject *view_iter(MpObject *self)
{
    return dict_iter_new(((DictRef *)self)->dict, view_kind(self), false);
}

static int keys_contains(MpObject *self, MpObject *key)
{
    return dict_contains(((DictRef *)self)->dict, key);
}

static int items_contains(MpObject *self, MpObject *item)
{
    if (mp_type(item) != &mp_tuple_type || MP_TUPLE_SIZE(item) != 2)
        return 0;
    MpObject *v = mp_table_get(TABLE(((DictRef *)self)->dict), MP_TUPLE_ITEMS(item)[0]);
    if (!v)
        return mp_err_occurred() ? -1 : 0;
    MP_INCREF(v);
    int r = mp_compare_bool(v, MP_TUPLE_ITEMS(item)[1], MP_EQ);
    MP_DECREF(v);
    return r;
}

static MpObject *view_repr(MpObject *self)
{
    int g = mp_repr_enter(self);
    if (g != 0)
        return g > 0 ? mp_str_new("...", 3) : NULL;
    MpObject *list = mp_call1(&mp_list_type.ob, self);
    MpObject *inner = list ? mp_repr(list) : NULL;
    MP_XDECREF(list);
    MpObject *r = inner ? mp_str_format_c("%s(%s)", mp_type_name(self), MP_STR_DATA(inner))
                        : NULL;
    MP_XDECREF(inner);
    mp_repr_leave(self);
    return r;
}

static MpObject *view_reversed(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)args;
    char fname[32];
    snprintf(fname, sizeof fname, "%s.__reversed__", mp_type_name(self));
    if (mp_args_check(fname, nargs, kwnames, 0, 0) < 0)
        return NULL;
    return dict_iter_new(((DictRef *)self)->dict, view_kind(self), true);
}

static const MpMethodDef view_methods[] = {
    {"__reversed__", view_reversed, MP_METH_DEFAULT, "__reversed__(self, /)"},
    {NULL, NULL, 0, NULL},
};

#define DICT_VIEW_TYPE(cname, pyname, containsfn, hashfn)                              \
    MpType cname = {                                                                   \
        MP_STATIC_TYPE_HEAD,                                                           \
        .hash = hashfn,                                                                \
        .gc = {.name = pyname,                                                         \
               .traverse = mp_iter_ref_traverse,                                       \
               .clear = mp_iter_ref_clear,                                             \
               .dealloc = mp_iter_ref_dealloc,                                         \
               .size = dict_view_size},                                                \
        .basicsize = sizeof(DictRef),                                                  \
        .repr = view_repr,                                                             \
        .iter = view_iter,                                                             \
        .len = view_len,                                                               \
        .contains = containsfn,                                                        \
        .methods = view_methods,                                                       \
    };
DICT_VIEW_TYPE(mp_dict_keys_type, "dict_keys", keys_contains, mp_hash_not_implemented)
DICT_VIEW_TYPE(mp_dict_values_type, "dict_values", NULL, NULL)
DICT_VIEW_TYPE(mp_dict_items_type, "dict_items", items_contains, mp_hash_not_implemented)

/* ==== Methods ==== */

static MpObject *dict_get_m(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    if (mp_args_check("dict.get", nargs, kwnames, 1, 2) < 0)
        return NULL;
    MpObject *v = mp_table_get(TABLE(self), args[0]);
    if (!v) {
        if (mp_err_occurred())
            return NULL;
        v = nargs > 1 ? args[1] : mp_none;
    }
    MP_INCREF(v);
    return v;
}

static MpObject *dict_keys_m(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    if (mp_args_check("dict.keys", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return view_new(self, &mp_dict_keys_type);
}

static MpObject *dict_values_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("dict.values", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return view_new(self, &mp_dict_values_type);
}

static MpObject *dict_items_m(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    if (mp_args_check("dict.items", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return view_new(self, &mp_dict_items_type);
}

static MpObject *dict_pop_m(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    if (mp_args_check("dict.pop", nargs, kwnames, 1, 2) < 0)
        return NULL;
    MpObject *v;
    int r = mp_table_pop(TABLE(self), args[0], &v);
    if (r < 0)
        return NULL;
    if (r == 1)
        return v;
    if (nargs > 1) {
        MP_INCREF(args[1]);
        return args[1];
    }
    return mp_err_set_value(mp_KeyError, args[0]);
}

static MpObject *dict_popitem_m(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    if (mp_args_check("dict.popitem", nargs, kwnames, 0, 0) < 0)
        return NULL;
    MpObject *k, *v;
    if (!mp_table_popitem(TABLE(self), &k, &v))
        return mp_err_set(mp_KeyError, "popitem(): dictionary is empty");
    MpObject *r = mp_tuple_pack(2, k, v);
    MP_DECREF(k);
    MP_DECREF(v);
    return r;
}

static MpObject *dict_setdefault_m(MpObject *self, MpObject *const *args, size_t nargs,
                                   MpObject *kwnames)
{
    if (mp_args_check("dict.setdefault", nargs, kwnames, 1, 2) < 0)
        return NULL;
    MpObject *v = mp_table_get(TABLE(self), args[0]);
    if (!v) {
        if (mp_err_occurred())
            return NULL;
        v = nargs > 1 ? args[1] : mp_none;
        if (mp_dict_set(self, args[0], v) < 0)
            return NULL;
    }
    MP_INCREF(v);
    return v;
}

static MpObject *dict_update_m(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_count("update", nargs, 0, 1) < 0)
        return NULL;
    if (nargs && dict_merge(self, args[0]) < 0)
        return NULL;
    if (update_kw(self, args, nargs, kwnames) < 0)
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *dict_clear_m(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    if (mp_args_check("dict.clear", nargs, kwnames, 0, 0) < 0)
        return NULL;
    mp_table_clear(TABLE(self));
    MP_RETURN_NONE;
}

static MpObject *dict_copy_m(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    if (mp_args_check("dict.copy", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return dict_copy_of(self);
}

static MpObject *dict_fromkeys_m(MpObject *type, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    if (mp_args_check("fromkeys", nargs, kwnames, 1, 2) < 0)
        return NULL;
    MpObject *value = nargs > 1 ? args[1] : mp_none;
    MpObject *d = mp_dict_new();
    MpObject *it = d ? mp_iter(args[0]) : NULL;
    if (!it) {
        MP_XDECREF(d);
        return NULL;
    }
    MpObject *k;
    while ((k = mp_iternext(it))) {
        int r = mp_dict_set(d, k, value);
        MP_DECREF(k);
        if (r < 0)
            break;
    }
    MP_DECREF(it);
    if (mp_err_occurred())
        MP_CLEAR(d);
    return d;
}

static MpObject *dict_reversed_m(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("dict.__reversed__", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return dict_iter_new(self, IT_KEYS, true);
}

static MpObject *dict_new_(MpType *type, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    if (mp_args_count("dict", nargs, 0, 1) < 0)
        return NULL;
    MpObject *d = mp_dict_new();
    if (!d)
        return NULL;
    if ((nargs && dict_merge(d, args[0]) < 0) || update_kw(d, args, nargs, kwnames) < 0) {
        MP_DECREF(d);
        return NULL;
    }
    return d;
}

static const MpMethodDef dict_methods[] = {
    {"get", dict_get_m, MP_METH_DEFAULT, "get(self, key, default=None, /)"},
    {"keys", dict_keys_m, MP_METH_DEFAULT, "keys()"},
    {"values", dict_values_m, MP_METH_DEFAULT, "values()"},
    {"items", dict_items_m, MP_METH_DEFAULT, "items()"},
    {"pop", dict_pop_m, MP_METH_DEFAULT, "pop(k[,d])"},
    {"popitem", dict_popitem_m, MP_METH_DEFAULT, "popitem(self, /)"},
    {"setdefault", dict_setdefault_m, MP_METH_DEFAULT,
     "setdefault(self, key, default=None, /)"},
    {"update", dict_update_m, MP_METH_DEFAULT, "update([E, ]**F)"},
    {"clear", dict_clear_m, MP_METH_DEFAULT, "clear()"},
    {"copy", dict_copy_m, MP_METH_DEFAULT, "copy()"},
    {"fromkeys", dict_fromkeys_m, MP_METH_CLASS, "fromkeys(iterable, value=None, /)"},
    {"__reversed__", dict_reversed_m, MP_METH_DEFAULT, "__reversed__(self, /)"},
    {NULL, NULL, 0, NULL},
};

MpType mp_dict_type = {
    MP_STATIC_TYPE_HEAD,
    .hash = mp_hash_not_implemented,
    .gc = {.name = "dict", .traverse = dict_traverse, .clear = dict_clear_slot,
           .dealloc = dict_dealloc, .size = dict_size, .can_untrack = dict_can_untrack},
    .basicsize = sizeof(MpDict),
    .new_ = dict_new_,
    .repr = dict_repr,
    .richcompare = dict_richcompare,
    .binop = dict_binop,
    .inplace = dict_inplace,
    .iter = dict_iter,
    .len = dict_len,
    .getitem = dict_getitem,
    .setitem = dict_setitem,
    .contains = dict_contains,
    .methods = dict_methods,
};
