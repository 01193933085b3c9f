/*
 * kernel/objects/abstract.c - generic operations dispatched through type slots:
 * repr/str/hash, rich comparison, truth, arithmetic, items, iteration (and
 * the slots every iterator over one container shares), containment, index
 * conversion, and the repr recursion guard.
 *
 * The operand rules are CPython 3.11's (Objects/abstract.c, object.c): the
 * right operand's slot goes first when its type derives from the left's, a
 * slot returns NotImplemented to pass, == falls back to identity, and every
 * failure raises CPython's exact message. (format() lives in strformat.c;
 * attributes and calls in type.c and vm/call.c.)
 */
#include "abstract.h"

#include "args.h"
#include "cstack.h"
#include "errors.h"
#include "types_init.h"

#include <stdlib.h>
#include <string.h>

/* ==== repr, str, hash ==== */

static MpObject *check_str_result(MpObject *r, const char *what)
{
    if (r && !mp_is_str(r)) {
        mp_err_format(mp_TypeError, "%s returned non-string (type %s)", what,
                      mp_type_name(r));
        MP_DECREF(r);
        return NULL;
    }
    return r;
}

MpObject *mp_repr(MpObject *o)
{
    MpType *t = mp_type(o);
    if (!t->repr)
        return mp_str_format_c("<%s object at %p>", mp_type_name(o), (void *)o);
    if (mp_cstack_check(" while getting the repr of an object") < 0)
        return NULL;
    return check_str_result(t->repr(o), "__repr__");
}

MpObject *mp_ascii(MpObject *o)
{
    MpObject *r = mp_repr(o);
    if (!r)
        return NULL;
    MpObject *a = mp_str_ascii_escape(r);
    MP_DECREF(r);
    return a;
}

MpObject *mp_str(MpObject *o)
{
    MpType *t = mp_type(o);
    if (t == &mp_str_type) {
        MP_INCREF(o);
        return o;
    }
    if (t->str) {
        if (mp_cstack_check(" while getting the str of an object") < 0)
            return NULL;
        return check_str_result(t->str(o), "__str__");
    }
    return mp_repr(o);
}

int64_t mp_hash_not_implemented(MpObject *o)
{
    mp_err_format(mp_TypeError, "unhashable type: '%s'", mp_type_name(o));
    return -1;
}

int64_t mp_hash(MpObject *o)
{
    MpType *t = mp_type(o);
    if (t == &mp_str_type)
        return mp_str_hash(o);
    if (!t->hash)
        return mp_hash_not_implemented(o);
    if (mp_cstack_check("") < 0)
        return -1;
    return t->hash(o);
}

/* ==== Comparison ==== */

static const MpCompareOp swapped_op[] = {MP_GT, MP_GE, MP_EQ, MP_NE, MP_LT, MP_LE};
static const char *const compare_symbol[] = {"<", "<=", "==", "!=", ">", ">="};

static MpObject *int_compare_fast(int64_t x, int64_t y, MpCompareOp op)
{
    bool r = false;
    switch (op) {
    case MP_LT: r = x < y; break;
    case MP_LE: r = x <= y; break;
    case MP_EQ: r = x == y; break;
    case MP_NE: r = x != y; break;
    case MP_GT: r = x > y; break;
    case MP_GE: r = x >= y; break;
    }
    return mp_bool(r);
}

MpObject *mp_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    MpType *ta = mp_type(a), *tb = mp_type(b);
    if (ta == &mp_int_type && tb == &mp_int_type)
        return int_compare_fast(MP_INT_VALUE(a), MP_INT_VALUE(b), op);
    if (mp_cstack_check(" in comparison") < 0)
        return NULL;
    bool checked_reverse = false;
    MpObject *r;
    if (ta != tb && tb->richcompare && mp_type_is_subtype(tb, ta)) {
        checked_reverse = true;
        r = tb->richcompare(b, a, swapped_op[op]);
        if (r != mp_notimpl)
            return r;
        MP_DECREF(r);
    }
    if (ta->richcompare) {
        r = ta->richcompare(a, b, op);
        if (r != mp_notimpl)
            return r;
        MP_DECREF(r);
    }
    if (!checked_reverse && tb->richcompare) {
        r = tb->richcompare(b, a, swapped_op[op]);
        if (r != mp_notimpl)
            return r;
        MP_DECREF(r);
    }
    if (op == MP_EQ)
        return mp_bool(a == b);
    if (op == MP_NE)
        return mp_bool(a != b);
    return mp_err_format(mp_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                         compare_symbol[op], mp_type_name(a), mp_type_name(b));
}

int mp_compare_bool(MpObject *a, MpObject *b, MpCompareOp op)
{
    if (a == b) {
        if (op == MP_EQ)
            return 1;
        if (op == MP_NE)
            return 0;
    }
    MpType *ta = mp_type(a), *tb = mp_type(b);
    if (ta == &mp_int_type && tb == &mp_int_type) {
        int64_t x = MP_INT_VALUE(a), y = MP_INT_VALUE(b);
        switch (op) {
        case MP_LT: return x < y;
        case MP_LE: return x <= y;
        case MP_EQ: return x == y;
        case MP_NE: return x != y;
        case MP_GT: return x > y;
        case MP_GE: return x >= y;
        }
    }
    if (ta == &mp_str_type && tb == &mp_str_type && (op == MP_EQ || op == MP_NE))
        return mp_str_equal(a, b) == (op == MP_EQ);
    MpObject *r = mp_richcompare(a, b, op);
    if (!r)
        return -1;
    int t;
    if (r == mp_true)
        t = 1;
    else if (r == mp_false)
        t = 0;
    else
        t = mp_truthy(r);
    MP_DECREF(r);
    return t;
}

int mp_truthy(MpObject *o)
{
    if (o == mp_true)
        return 1;
    if (o == mp_false || o == mp_none)
        return 0;
    MpType *t = mp_type(o);
    if (t->truth)
        return t->truth(o);
    if (t->len) {
        int64_t n = t->len(o);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

/* ==== Arithmetic ==== */

const char *mp_binary_op_symbol(MpBinaryOp op)
{
    static const char *const symbols[MP_OP_COUNT] = {
        "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"};
    return (unsigned)op < MP_OP_COUNT ? symbols[op] : "?";
}

/* CPython's binary_op1: NotImplemented (new reference) when neither side can. */
static MpObject *binary_op1(MpObject *a, MpObject *b, MpBinaryOp op)
{
    MpType *ta = mp_type(a), *tb = mp_type(b);
    MpObject *(*slotv)(MpObject *, MpObject *, MpBinaryOp) = ta->binop;
    MpObject *(*slotw)(MpObject *, MpObject *, MpBinaryOp) = NULL;
    if (tb != ta && tb->binop != slotv)
        slotw = tb->binop;
    MpObject *r;
    if (slotv) {
        if (slotw && mp_type_is_subtype(tb, ta)) {
            r = slotw(a, b, op);
            if (r != mp_notimpl)
                return r;
            MP_DECREF(r);
            slotw = NULL;
        }
        r = slotv(a, b, op);
        if (r != mp_notimpl)
            return r;
        MP_DECREF(r);
    }
    if (slotw)
        return slotw(a, b, op);
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

static bool is_sequence(MpObject *o)
{
    MpType *t = mp_type(o);
    return t == &mp_str_type || t == &mp_list_type || t == &mp_tuple_type;
}

/* The TypeError for a failed a op b (op_text: "+" or "+="). */
static MpObject *binop_error(MpObject *a, MpObject *b, MpBinaryOp op, const char *op_text)
{
    if (op == MP_OP_ADD && is_sequence(a) && !is_sequence(b))
        return mp_err_format(mp_TypeError, "can only concatenate %s (not \"%s\") to %s",
                             mp_type_name(a), mp_type_name(b), mp_type_name(a));
    if (op == MP_OP_ADD && is_sequence(a) && mp_type(a) != mp_type(b))
        return mp_err_format(mp_TypeError, "can only concatenate %s (not \"%s\") to %s",
                             mp_type_name(a), mp_type_name(b), mp_type_name(a));
    if (op == MP_OP_MUL && (is_sequence(a) || is_sequence(b))) {
        MpObject *other = is_sequence(a) ? b : a;
        return mp_err_format(mp_TypeError, "can't multiply sequence by non-int of type '%s'",
                             mp_type_name(other));
    }
    if (op == MP_OP_POW)
        return mp_err_format(mp_TypeError,
                             "unsupported operand type(s) for %s or pow(): '%s' and '%s'",
                             op_text, mp_type_name(a), mp_type_name(b));
    return mp_err_format(mp_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                         op_text, mp_type_name(a), mp_type_name(b));
}

MpObject *mp_binary_op(MpObject *a, MpObject *b, MpBinaryOp op)
{
    MpObject *r = binary_op1(a, b, op);
    if (r != mp_notimpl)
        return r;
    MP_DECREF(r);
    return binop_error(a, b, op, mp_binary_op_symbol(op));
}

MpObject *mp_inplace_op(MpObject *a, MpObject *b, MpBinaryOp op)
{
    MpType *ta = mp_type(a);
    if (ta->inplace) {
        MpObject *r = ta->inplace(a, b, op);
        if (r != mp_notimpl)
            return r;
        MP_DECREF(r);
    }
    MpObject *r = binary_op1(a, b, op);
    if (r != mp_notimpl)
        return r;
    MP_DECREF(r);
    char text[8];
    strcpy(text, mp_binary_op_symbol(op));
    strcat(text, "=");
    return binop_error(a, b, op, text);
}

MpObject *mp_unary_op(MpObject *a, MpUnaryOp op)
{
    MpType *t = mp_type(a);
    if (t->unop) {
        MpObject *r = t->unop(a, op);
        if (r != mp_notimpl)
            return r;
        MP_DECREF(r);
    }
    const char *sym = op == MP_OP_NEG ? "-" : op == MP_OP_POS ? "+" : "~";
    return mp_err_format(mp_TypeError, "bad operand type for unary %s: '%s'", sym,
                         mp_type_name(a));
}

/* ==== Items ==== */

int64_t mp_len(MpObject *o)
{
    MpType *t = mp_type(o);
    if (!t->len) {
        mp_err_format(mp_TypeError, "object of type '%s' has no len()", mp_type_name(o));
        return -1;
    }
    return t->len(o);
}

int64_t mp_length_hint(MpObject *o, int64_t dflt)
{
    MpType *t = mp_type(o);
    if (t->len) {
        int64_t n = t->len(o);
        if (n >= 0)
            return n;
        if (!mp_err_matches(mp_TypeError))
            return -1;
        mp_err_clear();
    }
    MpObject *name = mp_str_intern("__length_hint__");
    if (!name)
        return -1;
    bool has = mp_type_lookup(t, name) != NULL;
    MP_DECREF(name);
    if (!has)
        return dflt;
    MpObject *r = mp_call_method(o, "__length_hint__", NULL, 0);
    if (!r) {
        if (!mp_err_matches(mp_TypeError))
            return -1;
        mp_err_clear();
        return dflt;
    }
    if (r == mp_notimpl) {
        MP_DECREF(r);
        return dflt;
    }
    if (!mp_is_int(r)) {
        mp_err_format(mp_TypeError, "__length_hint__ must be an integer, not %s",
                      mp_type_name(r));
        MP_DECREF(r);
        return -1;
    }
    int64_t n = MP_INT_VALUE(r);
    MP_DECREF(r);
    if (n < 0) {
        mp_err_set(mp_ValueError, "__length_hint__() should return >= 0");
        return -1;
    }
    return n;
}

MpObject *mp_getitem(MpObject *o, MpObject *key)
{
    MpType *t = mp_type(o);
    if (t->getitem)
        return t->getitem(o, key);
    return mp_err_format(mp_TypeError, "'%s' object is not subscriptable", mp_type_name(o));
}

int mp_setitem(MpObject *o, MpObject *key, MpObject *value)
{
    MpType *t = mp_type(o);
    if (!t->setitem) {
        mp_err_format(mp_TypeError, "'%s' object does not support item assignment",
                      mp_type_name(o));
        return -1;
    }
    return t->setitem(o, key, value);
}

int mp_delitem(MpObject *o, MpObject *key)
{
    MpType *t = mp_type(o);
    if (!t->setitem) {
        if (t->getitem)
            mp_err_format(mp_TypeError, "'%s' object doesn't support item deletion",
                          mp_type_name(o));
        else
            mp_err_format(mp_TypeError, "'%s' object does not support item deletion",
                          mp_type_name(o));
        return -1;
    }
    return t->setitem(o, key, NULL);
}

/* ==== Iteration ==== */

/* CPython's sequence iterator: iter() of an object with only __getitem__
   calls it with 0, 1, 2, ... until IndexError (or StopIteration). */
typedef struct SeqIter {
    MpObject ob;
    MpObject *seq; /* NULL once exhausted (MpIterRef's layout) */
    int64_t index;
} SeqIter;

static MpObject *seq_iter_next(MpObject *self)
{
    SeqIter *it = (SeqIter *)self;
    if (!it->seq)
        return NULL;
    MpObject *i = mp_int_new(it->index);
    if (!i)
        return NULL;
    MpObject *r = mp_getitem(it->seq, i);
    MP_DECREF(i);
    if (r) {
        it->index++;
        return r;
    }
    if (mp_err_matches(mp_IndexError) || mp_err_matches(mp_StopIteration)) {
        mp_err_clear();
        MP_CLEAR(it->seq);
    }
    return NULL;
}

int mp_iter_each(MpObject *iterable, int (*fn)(MpObject *target, MpObject *item),
                 MpObject *target)
{
    MpObject *it = mp_iter(iterable);
    if (!it)
        return -1;
    MpObject *x;
    while ((x = mp_iternext(it))) {
        int r = fn(target, x);
        MP_DECREF(x);
        if (r < 0) {
            MP_DECREF(it);
            return -1;
        }
    }
    MP_DECREF(it);
    return mp_err_occurred() ? -1 : 0;
}

MpObject *mp_iter_self(MpObject *self)
{
    MP_INCREF(self);
    return self;
}

int mp_iter_ref_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpIterRef *it = (MpIterRef *)self;
    return it->seq ? visit(it->seq, arg) : 0;
}

void mp_iter_ref_clear(GcHead *self)
{
    MP_CLEAR(((MpIterRef *)self)->seq);
}

void mp_iter_ref_dealloc(GcHead *self)
{
    gc_untrack(self);
    MP_CLEAR(((MpIterRef *)self)->seq);
    gc_free(self);
}

/* As CPython's iterator.__length_hint__: what is left when the sequence has
   a length, NotImplemented when it has none, 0 once exhausted. */
static MpObject *seq_iter_length_hint(MpObject *self, MpObject *const *args,
                                      size_t nargs, MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("iterator.__length_hint__", nargs, kwnames, 0, 0) < 0)
        return NULL;
    SeqIter *it = (SeqIter *)self;
    if (!it->seq)
        return mp_int_new(0);
    if (!mp_type(it->seq)->len) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    int64_t n = mp_len(it->seq);
    if (n < 0)
        return NULL;
    return mp_int_new(n - it->index >= 0 ? n - it->index : 0);
}

static const MpMethodDef seq_iter_methods[] = {
    {"__length_hint__", seq_iter_length_hint, MP_METH_DEFAULT,
     "__length_hint__(self, /)"},
    {NULL, NULL, 0, NULL},
};

static size_t seq_iter_size(const GcHead *self)
{
    return 32;
}

MpType mp_seq_iter_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "iterator",
           .traverse = mp_iter_ref_traverse,
           .clear = mp_iter_ref_clear,
           .dealloc = mp_iter_ref_dealloc,
           .size = seq_iter_size},
    .basicsize = sizeof(SeqIter),
    .iter = mp_iter_self,
    .iternext = seq_iter_next,
    .methods = seq_iter_methods,
};

MpObject *mp_iter(MpObject *o)
{
    MpType *t = mp_type(o);
    if (t->iter) {
        MpObject *it = t->iter(o);
        if (it && !mp_type(it)->iternext) {
            mp_err_format(mp_TypeError, "iter() returned non-iterator of type '%s'",
                          mp_type_name(it));
            MP_DECREF(it);
            return NULL;
        }
        return it;
    }
    if (t->getitem && t != &mp_dict_type) {
        SeqIter *it = (SeqIter *)gc_alloc(&mp_seq_iter_type.gc, sizeof(SeqIter));
        if (!it)
            return mp_err_nomemory();
        MP_INCREF(o);
        it->seq = o;
        gc_track(&it->ob);
        return &it->ob;
    }
    return mp_err_format(mp_TypeError, "'%s' object is not iterable", mp_type_name(o));
}

MpObject *mp_iternext(MpObject *it)
{
    MpType *t = mp_type(it);
    if (!t->iternext)
        return mp_err_format(mp_TypeError, "'%s' object is not an iterator",
                             mp_type_name(it));
    return t->iternext(it);
}

int mp_contains(MpObject *container, MpObject *item)
{
    MpType *t = mp_type(container);
    if (t->contains)
        return t->contains(container, item);
    if (!t->iter && !t->getitem) {
        mp_err_format(mp_TypeError, "argument of type '%s' is not iterable",
                      mp_type_name(container));
        return -1;
    }
    MpObject *it = mp_iter(container);
    if (!it)
        return -1;
    MpObject *x;
    int found = 0;
    while (!found && (x = mp_iternext(it))) {
        found = mp_compare_bool(x, item, MP_EQ);
        MP_DECREF(x);
        if (found < 0)
            break;
    }
    MP_DECREF(it);
    if (found == 0 && mp_err_occurred())
        return -1;
    return found;
}

/* ==== Conversions ==== */

/* Does o's class define __index__ (user classes only; builtins are ints)? */
bool mp_is_index(MpObject *o)
{
    if (mp_is_int(o))
        return true;
    MpType *t = mp_type(o);
    if (!(t->flags & MP_TF_HEAP))
        return false;
    MpObject *name = mp_str_intern("__index__");
    if (!name) {
        mp_err_clear();
        return false;
    }
    bool r = mp_type_lookup(t, name) != NULL;
    MP_DECREF(name);
    return r;
}

int mp_index(MpObject *o, int64_t *out)
{
    if (mp_is_int(o)) {
        *out = MP_INT_VALUE(o);
        return 0;
    }
    if (mp_is_index(o)) {
        MpObject *r = mp_call_method(o, "__index__", NULL, 0);
        if (!r)
            return -1;
        if (!mp_is_int(r)) {
            mp_err_format(mp_TypeError, "__index__ returned non-int (type %s)",
                          mp_type_name(r));
            MP_DECREF(r);
            return -1;
        }
        *out = MP_INT_VALUE(r);
        MP_DECREF(r);
        return 0;
    }
    mp_err_format(mp_TypeError, "'%s' object cannot be interpreted as an integer",
                  mp_type_name(o));
    return -1;
}

int mp_to_double(MpObject *o, double *out)
{
    if (mp_type(o) == &mp_float_type) {
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

/* ==== Repr recursion guard ==== */

/* The containers whose repr is in progress, innermost last (CPython keeps
   them in a per-thread list too). */
static MpObject **repr_stack;
static size_t repr_depth, repr_cap;

int mp_repr_enter(MpObject *o)
{
    for (size_t i = 0; i < repr_depth; i++)
        if (repr_stack[i] == o)
            return 1;
    if (repr_depth == repr_cap) {
        size_t ncap = repr_cap ? repr_cap * 2 : 16;
        MpObject **s = realloc(repr_stack, ncap * sizeof *s);
        if (!s) {
            mp_err_nomemory();
            return -1;
        }
        repr_stack = s;
        repr_cap = ncap;
    }
    repr_stack[repr_depth++] = o;
    return 0;
}

void mp_repr_fini(void)
{
    free(repr_stack);
    repr_stack = NULL;
    repr_depth = repr_cap = 0;
}

void mp_repr_leave(MpObject *o)
{
    for (size_t i = repr_depth; i-- > 0;) {
        if (repr_stack[i] == o) {
            memmove(repr_stack + i, repr_stack + i + 1,
                    (repr_depth - i - 1) * sizeof *repr_stack);
            repr_depth--;
            return;
        }
    }
}
