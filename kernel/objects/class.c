/*
 * kernel/objects/class.c - heap classes: creation, and the slot functions that
 * route the runtime's operations to a class's dunder methods.
 *
 * As CPython's update_slot: a slot points at a slot_* function only when the
 * class (or a base) defines the dunder in Minipy code; otherwise it inherits
 * the base's C slot, so `len(obj)` without __len__ fails exactly as CPython's.
 */
#include "class.h"

#include "abstract.h"
#include "errors.h"
#include "func.h"

#include <stdlib.h>
#include <string.h>

/* ==== Calling dunders ==== */

/* Find a dunder defined in Minipy code (not a builtin's C method). */
static MpObject *find_dunder(MpType *t, const char *name)
{
    MpObject *key = mp_str_intern(name);
    MpObject *v = mp_type_lookup(t, key);
    MP_DECREF(key);
    if (!v || v->type == &mp_method_descr_type.gc)
        return NULL;
    return v;
}

/* Call the dunder `name` found on self's class with self prepended. NULL with
   no exception set when the class has no such dunder. */
static MpObject *call_dunder(MpObject *self, const char *name, MpObject *const *args,
                             size_t nargs)
{
    MpObject *f = find_dunder(mp_type(self), name);
    if (!f)
        return NULL;
    if (f == mp_none)
        return mp_err_format(mp_TypeError, "'%s' object is not callable", "NoneType");
    MpObject *buf[4];
    buf[0] = self;
    for (size_t i = 0; i < nargs && i < 3; i++)
        buf[i + 1] = args[i];
    if (f->type == &mp_staticmethod_type.gc)
        return mp_call(((MpWrapper *)f)->func, buf + 1, nargs, NULL);
    return mp_call(f, buf, nargs + 1, NULL);
}

static MpObject *call_dunder_required(MpObject *self, const char *name,
                                      MpObject *const *args, size_t nargs)
{
    MpObject *r = call_dunder(self, name, args, nargs);
    if (!r && !mp_err_occurred())
        mp_err_format(mp_AttributeError, "'%s' object has no attribute '%s'",
                      mp_type_name(self), name);
    return r;
}

/* ==== Slot functions ==== */

/* mp_repr and mp_str check that the result is a str. */
static MpObject *slot_repr(MpObject *self)
{
    return call_dunder_required(self, "__repr__", NULL, 0);
}

static MpObject *slot_str(MpObject *self)
{
    return call_dunder_required(self, "__str__", NULL, 0);
}

static int64_t slot_hash(MpObject *self)
{
    MpObject *f = find_dunder(mp_type(self), "__hash__");
    if (f == mp_none) {
        mp_err_format(mp_TypeError, "unhashable type: '%s'", mp_type_name(self));
        return -1;
    }
    MpObject *r = call_dunder_required(self, "__hash__", NULL, 0);
    if (!r)
        return -1;
    if (!mp_is_int(r)) {
        MP_DECREF(r);
        mp_err_set(mp_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    int64_t h = MP_INT_VALUE(r);
    MP_DECREF(r);
    return h == -1 ? -2 : h;
}

static const char *const compare_names[] = {"__lt__", "__le__", "__eq__",
                                            "__ne__", "__gt__", "__ge__"};

static MpObject *slot_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    MpObject *r = call_dunder(a, compare_names[op], &b, 1);
    if (r || mp_err_occurred())
        return r;
    /* No Minipy-level method: the base's C comparison (identity for object). */
    MpType *t = mp_type(a)->base;
    while (t && t->richcompare == slot_richcompare)
        t = t->base;
    if (t && t->richcompare)
        return t->richcompare(a, b, op);
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

static int slot_truth(MpObject *self)
{
    MpObject *r = call_dunder(self, "__bool__", NULL, 0);
    if (r) {
        if (r->type != &mp_bool_type.gc) {
            mp_err_format(mp_TypeError, "__bool__ should return bool, returned %s",
                          mp_type_name(r));
            MP_DECREF(r);
            return -1;
        }
        int t = r == mp_true;
        MP_DECREF(r);
        return t;
    }
    if (mp_err_occurred())
        return -1;
    if (!find_dunder(mp_type(self), "__len__"))
        return 1;
    int64_t n = mp_len(self);
    return n < 0 ? -1 : n > 0;
}

static int64_t slot_len(MpObject *self)
{
    MpObject *r = call_dunder_required(self, "__len__", NULL, 0);
    if (!r)
        return -1;
    if (!mp_is_int(r)) {
        mp_err_format(mp_TypeError, "'%s' object cannot be interpreted as an integer",
                      mp_type_name(r));
        MP_DECREF(r);
        return -1;
    }
    int64_t n = MP_INT_VALUE(r);
    MP_DECREF(r);
    if (n < 0) {
        mp_err_set(mp_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return n;
}

static MpObject *slot_getitem(MpObject *self, MpObject *key)
{
    return call_dunder_required(self, "__getitem__", &key, 1);
}

static int slot_setitem(MpObject *self, MpObject *key, MpObject *value)
{
    MpObject *args[2] = {key, value};
    MpObject *r = value ? call_dunder(self, "__setitem__", args, 2)
                        : call_dunder(self, "__delitem__", args, 1);
    if (!r) {
        if (!mp_err_occurred())
            mp_err_format(mp_TypeError,
                          value ? "'%s' object does not support item assignment"
                                : "'%s' object does not support item deletion",
                          mp_type_name(self));
        return -1;
    }
    MP_DECREF(r);
    return 0;
}

static int slot_contains(MpObject *self, MpObject *item)
{
    MpObject *r = call_dunder_required(self, "__contains__", &item, 1);
    if (!r)
        return -1;
    int t = mp_truthy(r);
    MP_DECREF(r);
    return t;
}

static MpObject *slot_iter(MpObject *self)
{
    return call_dunder_required(self, "__iter__", NULL, 0);
}

static MpObject *slot_iternext(MpObject *self)
{
    MpObject *r = call_dunder_required(self, "__next__", NULL, 0);
    if (!r && mp_err_matches(mp_StopIteration))
        mp_err_clear();
    return r;
}

static MpObject *slot_call(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    MpObject *f = find_dunder(mp_type(self), "__call__");
    if (!f)
        return mp_err_format(mp_TypeError, "'%s' object is not callable", mp_type_name(self));
    size_t total = nargs + (kwnames ? (size_t)MP_TUPLE_SIZE(kwnames) : 0);
    MpObject *small[8];
    MpObject **buf = total + 1 <= 8 ? small : malloc((total + 1) * sizeof *buf);
    if (!buf)
        return mp_err_nomemory();
    buf[0] = self;
    memcpy(buf + 1, args, total * sizeof *buf);
    MpObject *r = mp_call(f, buf, nargs + 1, kwnames);
    if (buf != small)
        free(buf);
    return r;
}

static const char *const binop_names[MP_OP_COUNT][3] = {
    [MP_OP_ADD] = {"__add__", "__radd__", "__iadd__"},
    [MP_OP_SUB] = {"__sub__", "__rsub__", "__isub__"},
    [MP_OP_MUL] = {"__mul__", "__rmul__", "__imul__"},
    [MP_OP_TRUEDIV] = {"__truediv__", "__rtruediv__", "__itruediv__"},
    [MP_OP_FLOORDIV] = {"__floordiv__", "__rfloordiv__", "__ifloordiv__"},
    [MP_OP_MOD] = {"__mod__", "__rmod__", "__imod__"},
    [MP_OP_POW] = {"__pow__", "__rpow__", "__ipow__"},
    [MP_OP_LSHIFT] = {"__lshift__", "__rlshift__", "__ilshift__"},
    [MP_OP_RSHIFT] = {"__rshift__", "__rrshift__", "__irshift__"},
    [MP_OP_AND] = {"__and__", "__rand__", "__iand__"},
    [MP_OP_OR] = {"__or__", "__ror__", "__ior__"},
    [MP_OP_XOR] = {"__xor__", "__rxor__", "__ixor__"},
};

static MpObject *slot_binop(MpObject *a, MpObject *b, MpBinaryOp op);

/* a.__op__(b), then b.__rop__(a) when b's class differs (CPython's SLOT1BINFULL). */
static MpObject *slot_binop(MpObject *a, MpObject *b, MpBinaryOp op)
{
    if (mp_type(a)->binop == slot_binop) {
        MpObject *r = call_dunder(a, binop_names[op][0], &b, 1);
        if (!r && mp_err_occurred())
            return NULL;
        if (r && r != mp_notimpl)
            return r;
        MP_XDECREF(r);
    }
    if (mp_type(b)->binop == slot_binop && mp_type(b) != mp_type(a)) {
        MpObject *r = call_dunder(b, binop_names[op][1], &a, 1);
        if (r || mp_err_occurred())
            return r;
    }
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

static MpObject *slot_inplace(MpObject *a, MpObject *b, MpBinaryOp op)
{
    MpObject *r = call_dunder(a, binop_names[op][2], &b, 1);
    if (r || mp_err_occurred())
        return r;
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

static MpObject *slot_unop(MpObject *a, MpUnaryOp op)
{
    static const char *const names[] = {"__neg__", "__pos__", "__invert__"};
    MpObject *r = call_dunder(a, names[op], NULL, 0);
    if (r || mp_err_occurred())
        return r;
    static const char *const symbols[] = {"-", "+", "~"};
    return mp_err_format(mp_TypeError, "bad operand type for unary %s: '%s'", symbols[op],
                         mp_type_name(a));
}

static MpObject *slot_getattr(MpObject *self, MpObject *name)
{
    MpObject *r = mp_generic_getattr(self, name);
    if (r || !mp_err_matches(mp_AttributeError))
        return r;
    mp_err_clear();
    return call_dunder_required(self, "__getattr__", &name, 1);
}

static int slot_setattr(MpObject *self, MpObject *name, MpObject *value)
{
    MpObject *args[2] = {name, value};
    MpObject *r = value ? call_dunder_required(self, "__setattr__", args, 2)
                        : call_dunder_required(self, "__delattr__", args, 1);
    if (!r)
        return -1;
    MP_DECREF(r);
    return 0;
}

/* __del__, from a count reaching zero or from the collector. Its errors are
   reported as CPython's "Exception ignored in" and never propagate. */
static void slot_del(GcHead *self)
{
    MpObject *saved = mp_err_fetch();
    MpObject *r = call_dunder(self, "__del__", NULL, 0);
    if (r) {
        MP_DECREF(r);
    } else if (mp_err_occurred()) {
        MpObject *f = find_dunder(mp_type(self), "__del__");
        mp_err_write_unraisable(f ? f : self);
    }
    if (saved) {
        mp_err_set_object(saved);
        MP_DECREF(saved);
    }
}

/* ==== Slot assignment ==== */

void mp_class_update_slots(MpType *t)
{
    MpType *b = t->base;
#define SLOT(field, name, fn)                                                  \
    t->field = find_dunder(t, name) ? (fn) : b->field;
    SLOT(repr, "__repr__", slot_repr)
    SLOT(str, "__str__", slot_str)
    SLOT(hash, "__hash__", slot_hash)
    SLOT(truth, "__bool__", slot_truth)
    if (!t->truth && find_dunder(t, "__len__"))
        t->truth = slot_truth;
    SLOT(len, "__len__", slot_len)
    SLOT(getitem, "__getitem__", slot_getitem)
    SLOT(contains, "__contains__", slot_contains)
    SLOT(iter, "__iter__", slot_iter)
    SLOT(iternext, "__next__", slot_iternext)
    SLOT(call, "__call__", slot_call)
    SLOT(getattr, "__getattr__", slot_getattr)
#undef SLOT
    t->setitem = (find_dunder(t, "__setitem__") || find_dunder(t, "__delitem__"))
                     ? slot_setitem
                     : b->setitem;
    t->setattr = (find_dunder(t, "__setattr__") || find_dunder(t, "__delattr__"))
                     ? slot_setattr
                     : b->setattr;
    bool cmp = false;
    for (int op = 0; op < 6; op++)
        cmp = cmp || find_dunder(t, compare_names[op]);
    t->richcompare = cmp ? slot_richcompare : b->richcompare;
    bool bin = false, inplace = false;
    for (int op = 0; op < MP_OP_COUNT; op++) {
        bin = bin || find_dunder(t, binop_names[op][0]) || find_dunder(t, binop_names[op][1]);
        inplace = inplace || find_dunder(t, binop_names[op][2]);
    }
    t->binop = bin ? slot_binop : b->binop;
    t->inplace = inplace ? slot_inplace : b->inplace;
    bool un = find_dunder(t, "__neg__") || find_dunder(t, "__pos__") ||
              find_dunder(t, "__invert__");
    t->unop = un ? slot_unop : b->unop;
    t->gc.finalize = find_dunder(t, "__del__") ? slot_del : b->gc.finalize;
}

/* ==== Instances of classes deriving from object ==== */

static int instance_traverse(GcHead *self, GcVisit visit, void *arg)
{
    int r = mp_attrs_traverse(&((MpInstance *)self)->attrs, visit, arg);
    return r ? r : visit(&mp_type(self)->ob, arg);
}

static void instance_clear(GcHead *self)
{
    mp_attrs_clear(&((MpInstance *)self)->attrs, self->type);
}

static void instance_dealloc(GcHead *self)
{
    MpType *t = mp_type(self);
    mp_attrs_fini(&((MpInstance *)self)->attrs, self->type);
    gc_free(self);
    MP_DECREF(&t->ob);
}

static size_t instance_size(const GcHead *self)
{
    (void)self;
    return 24;
}

/* ==== Class objects ==== */

MpObject *mp_class_new(MpObject *name, MpObject *bases, MpObject *ns)
{
    if (!mp_is_str(name))
        return mp_err_set(mp_TypeError, "type.__new__() argument 1 must be str");
    if (bases->type != &mp_tuple_type.gc || ns->type != &mp_dict_type.gc)
        return mp_err_set(mp_TypeError, "type() takes 1 or 3 arguments");
    if (MP_TUPLE_SIZE(bases) > 1)
        return mp_err_set(mp_NotImplementedError,
                          "multiple inheritance is not supported in Minipy");
    MpType *base = &mp_object_type;
    if (MP_TUPLE_SIZE(bases) == 1) {
        MpObject *b = MP_TUPLE_ITEMS(bases)[0];
        if (b->type != &mp_type_type.gc)
            return mp_err_set(mp_TypeError, "bases must be types");
        base = (MpType *)b;
        if (!(base->flags & (MP_TF_HEAP | MP_TF_EXCEPTION)) && base != &mp_object_type)
            return mp_err_format(mp_NotImplementedError,
                                 "subclassing '%s' is not supported in Minipy",
                                 base->gc.name);
    }
    MpType *t = (MpType *)gc_alloc(&mp_type_type.gc, sizeof(MpType));
    if (!t)
        return mp_err_nomemory();
    t->flags = MP_TF_HEAP | MP_TF_BASETYPE | (base->flags & MP_TF_EXCEPTION);
    MP_INCREF(&base->ob);
    t->base = base;
    MP_INCREF(name);
    t->name = name;
    MP_INCREF(ns);
    t->dict = ns;
    ((MpDict *)ns)->table.watched = true;
    t->qualname = mp_dict_get_cstr(ns, "__qualname__");
    if (t->qualname) {
        /* As CPython: __qualname__ moves from the namespace to the class. */
        MP_INCREF(t->qualname);
        MpObject *key = mp_str_intern("__qualname__");
        int r = mp_dict_del(ns, key);
        MP_DECREF(key);
        if (r < 0) {
            MP_DECREF(&t->ob);
            return NULL;
        }
    }
    t->module = mp_dict_get_cstr(ns, "__module__");
    MP_XINCREF(t->module);
    bool plain = base == &mp_object_type || base->gc.traverse == instance_traverse;
    t->gc.name = MP_STR_DATA(name);
    t->gc.traverse = plain ? instance_traverse : base->gc.traverse;
    t->gc.clear = plain ? instance_clear : base->gc.clear;
    t->gc.dealloc = plain ? instance_dealloc : base->gc.dealloc;
    t->gc.size = plain ? instance_size : base->gc.size;
    t->gc.weakref_offset = plain ? 0 : base->gc.weakref_offset;
    t->basicsize = plain ? sizeof(MpInstance) : base->basicsize;
    t->attrs_offset = plain ? offsetof(MpInstance, attrs) : base->attrs_offset;
    if (plain)
        t->flags |= MP_TF_INLINE_VALUES;
    t->new_ = base->new_;
    /* A class that defines __eq__ but not __hash__ is unhashable, as CPython. */
    if (mp_dict_get_cstr(ns, "__eq__") && !mp_dict_get_cstr(ns, "__hash__") &&
        mp_dict_set_cstr(ns, "__hash__", mp_none) < 0) {
        MP_DECREF(&t->ob);
        return NULL;
    }
    mp_class_update_slots(t);
    gc_track(&t->ob);
    return &t->ob;
}

void mp_class_dealloc(GcHead *self)
{
    MpType *t = (MpType *)self;
    mp_type_modified(); /* the cache must not match a new type at this address */
    MP_CLEAR(t->dict);
    MP_CLEAR(t->qualname);
    MP_CLEAR(t->module);
    mp_shared_keys_free(t->shared_keys);
    t->shared_keys = NULL;
    MpObject *base = t->base ? &t->base->ob : NULL;
    MpObject *name = t->name;
    gc_type_unregister(&t->gc); /* the registry must not keep a freed type */
    gc_free(self);
    MP_XDECREF(name);
    MP_XDECREF(base);
}
