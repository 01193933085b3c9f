/*
 * kernel/objects/type.c - `type` and `object`, attribute lookup with
 * descriptors, and the objects that wrap C functions (builtins, methods,
 * getset attributes).
 *
 * Start with mp_generic_getattr: it is CPython's PyObject_GenericGetAttr
 * (data descriptors, then the instance's own attributes, then non-data
 * descriptors and class attributes) over this runtime's descriptor kinds.
 */
#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "func.h"
#include "class.h"
#include "module.h"
#include "types_init.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== Descriptor objects for C methods and attributes ==== */

typedef struct MpGetSetDescr {
    MpObject ob;
    const MpGetSetDef *def;
    MpType *owner;
} MpGetSetDescr;

static MpType mp_getset_descr_type;

MpObject *mp_native_new(const MpMethodDef *def, MpObject *self)
{
    MpNative *n = (MpNative *)gc_alloc(&mp_native_type.gc, sizeof(MpNative));
    if (!n)
        return mp_err_nomemory();
    n->def = def;
    MP_XINCREF(self);
    n->self = self;
    if (self)
        gc_track(&n->ob);
    return &n->ob;
}

static int native_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpNative *n = (MpNative *)self;
    int r;
    if (n->self && (r = visit(n->self, arg)))
        return r;
    return n->module ? visit(n->module, arg) : 0;
}

static void native_clear(GcHead *self)
{
    MpNative *n = (MpNative *)self;
    MP_CLEAR(n->self);
    MP_CLEAR(n->module);
}

static void native_dealloc(GcHead *self)
{
    native_clear(self);
    gc_free(self);
}

static size_t native_size(const GcHead *self)
{
    (void)self;
    return 56;
}

static MpObject *native_call(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    MpNative *n = (MpNative *)self;
    return n->def->fn(n->self, args, nargs, kwnames);
}

static MpObject *native_repr(MpObject *self)
{
    MpNative *n = (MpNative *)self;
    if (!n->self || n->self->type == &mp_module_type.gc)
        return mp_str_format_c("<built-in function %s>", n->def->name);
    return mp_str_format_c("<built-in method %s of %s object at %p>", n->def->name,
                           mp_type_name(n->self), (void *)n->self);
}

static MpObject *native_get_name(MpObject *self)
{
    return mp_str_from_cstr(((MpNative *)self)->def->name);
}

static MpObject *native_get_doc(MpObject *self)
{
    const char *doc = ((MpNative *)self)->def->doc;
    if (!doc)
        MP_RETURN_NONE;
    return mp_str_from_cstr(doc);
}

static MpObject *native_get_self(MpObject *self)
{
    MpObject *s = ((MpNative *)self)->self;
    s = s ? s : mp_none;
    MP_INCREF(s);
    return s;
}

static const MpGetSetDef native_getsets[] = {
    {"__name__", native_get_name, NULL},
    {"__qualname__", native_get_name, NULL},
    {"__doc__", native_get_doc, NULL},
    {"__self__", native_get_self, NULL},
    {NULL, NULL, NULL},
};

MpType mp_native_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "builtin_function_or_method",
           .traverse = native_traverse,
           .clear = native_clear,
           .dealloc = native_dealloc,
           .size = native_size},
    .basicsize = sizeof(MpNative),
    .flags = MP_TF_WEAKREFABLE,
    .repr = native_repr,
    .call = native_call,
    .getsets = native_getsets,
};

static void descr_dealloc(GcHead *self)
{
    gc_free(self);
}

static size_t descr_size(const GcHead *self)
{
    (void)self;
    return 48;
}

/* list.append(x, 1): the receiver is the first argument. */
static MpObject *method_descr_call(MpObject *self, MpObject *const *args, size_t nargs,
                                   MpObject *kwnames)
{
    MpMethodDescr *d = (MpMethodDescr *)self;
    if (d->def->flags & MP_METH_STATIC)
        return d->def->fn(NULL, args, nargs, kwnames);
    if (nargs < 1)
        return mp_err_format(mp_TypeError,
                             "unbound method %s.%s() needs an argument", d->owner->gc.name,
                             d->def->name);
    if (d->def->flags & MP_METH_CLASS) { /* dict.fromkeys: the receiver is a type */
        if (!mp_is_instance_of(args[0], &mp_type_type))
            return mp_err_format(mp_TypeError,
                                 "descriptor '%s' for type '%s' needs a type, not a '%s' "
                                 "as arg 1",
                                 d->def->name, d->owner->gc.name, mp_type_name(args[0]));
        if (!mp_type_is_subtype((MpType *)args[0], d->owner))
            return mp_err_format(mp_TypeError,
                                 "descriptor '%s' requires a subtype of '%s' but received "
                                 "'%s'",
                                 d->def->name, d->owner->gc.name,
                                 ((MpType *)args[0])->gc.name);
    } else if (!mp_is_instance_of(args[0], d->owner)) {
        return mp_err_format(mp_TypeError,
                             "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                             d->def->name, d->owner->gc.name, mp_type_name(args[0]));
    }
    return d->def->fn(args[0], args + 1, nargs - 1, kwnames);
}

static MpObject *method_descr_repr(MpObject *self)
{
    MpMethodDescr *d = (MpMethodDescr *)self;
    return mp_str_format_c("<method '%s' of '%s' objects>", d->def->name,
                           d->owner->gc.name);
}

static MpObject *method_descr_get_name(MpObject *self)
{
    return mp_str_from_cstr(((MpMethodDescr *)self)->def->name);
}

static MpObject *method_descr_get_doc(MpObject *self)
{
    const char *doc = ((MpMethodDescr *)self)->def->doc;
    if (!doc)
        MP_RETURN_NONE;
    return mp_str_from_cstr(doc);
}

static const MpGetSetDef method_descr_getsets[] = {
    {"__name__", method_descr_get_name, NULL},
    {"__doc__", method_descr_get_doc, NULL},
    {NULL, NULL, NULL},
};

MpType mp_method_descr_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "method_descriptor", .dealloc = descr_dealloc, .size = descr_size},
    .basicsize = sizeof(MpMethodDescr),
    .repr = method_descr_repr,
    .call = method_descr_call,
    .getsets = method_descr_getsets,
};

static MpObject *getset_descr_repr(MpObject *self)
{
    MpGetSetDescr *d = (MpGetSetDescr *)self;
    return mp_str_format_c("<attribute '%s' of '%s' objects>", d->def->name,
                           d->owner->gc.name);
}

static MpType mp_getset_descr_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "getset_descriptor", .dealloc = descr_dealloc, .size = descr_size},
    .basicsize = sizeof(MpGetSetDescr),
    .repr = getset_descr_repr,
};

/* ==== Types ==== */

static MpObject *bind_descr(MpObject *descr, MpObject *o);

bool mp_type_is_subtype(const MpType *type, const MpType *base)
{
    for (const MpType *t = type; t; t = t->base)
        if (t == base)
            return true;
    return false;
}

/* ==== The lookup cache ====
 * CPython's method cache: (type, interned name) -> the result of the walk along
 * the bases, found or not. An entry is valid while its epoch is the current
 * one; any change to a type's dict (MpTable.watched) and any type going away
 * start a new epoch. Interned names live for the whole process, so comparing
 * pointers is enough. */

#define LOOKUP_CACHE_SIZE 2048 /* a power of two */

static struct LookupEntry {
    uint64_t epoch;
    const MpType *type;
    MpObject *name;
    MpObject *value; /* borrowed from a type's dict, or NULL: absent */
} lookup_cache[LOOKUP_CACHE_SIZE];
static uint64_t lookup_epoch = 1;

void mp_type_modified(void)
{
    lookup_epoch++;
}

static MpObject *lookup_uncached(const MpType *type, MpObject *name)
{
    for (const MpType *t = type; t; t = t->base) {
        if (!t->dict)
            continue;
        MpObject *v = mp_table_get_str(&((MpDict *)t->dict)->table, name);
        if (v)
            return v;
    }
    return NULL;
}

MpObject *mp_type_lookup(const MpType *type, MpObject *name)
{
    MpStr *s = (MpStr *)name;
    if (!mp_str_is_interned(s))
        return lookup_uncached(type, name);
    /* interned: the name's address is its identity, no need to hash its text */
    uint64_t h = (((uintptr_t)name >> 4) * 0x9E3779B97F4A7C15u >> 40) ^ ((uintptr_t)type >> 4);
    struct LookupEntry *e = &lookup_cache[h & (LOOKUP_CACHE_SIZE - 1)];
    if (e->epoch == lookup_epoch && e->type == type && e->name == name)
        return e->value;
    MpObject *v = lookup_uncached(type, name);
    *e = (struct LookupEntry){lookup_epoch, type, name, v};
    return v;
}

static int add_descr(MpType *type, const char *name, MpObject *descr)
{
    if (!descr)
        return -1;
    int r = mp_dict_set_cstr(type->dict, name, descr);
    MP_DECREF(descr);
    return r;
}

/* Every static type mp_type_ready() filled, in that order, for mp_objects_fini():
   their dicts, names and modules are the runtime's to release at shutdown. */
static MpType **ready_types;
static size_t nready, ready_cap;

static int remember_ready(MpType *type)
{
    if (nready == ready_cap) {
        size_t ncap = ready_cap ? 2 * ready_cap : 128;
        MpType **p = realloc(ready_types, ncap * sizeof *p);
        if (!p) {
            mp_err_nomemory();
            return -1;
        }
        ready_types = p;
        ready_cap = ncap;
    }
    ready_types[nready++] = type;
    return 0;
}

int mp_type_ready(MpType *type)
{
    if (type->dict)
        return 0;
    MP_ASSERT(!(type->flags & MP_TF_HEAP));
    if (!type->base && type != &mp_object_type)
        type->base = &mp_object_type;
    if (type->base && !type->base->dict && mp_type_ready(type->base) < 0)
        return -1;
    if (!type->name && !(type->name = mp_str_intern(type->gc.name)))
        return -1;
    if (!(type->dict = mp_dict_new()))
        return -1;
    if (remember_ready(type) < 0) {
        MP_CLEAR(type->dict);
        return -1;
    }
    ((MpDict *)type->dict)->table.watched = true;
    for (const MpMethodDef *m = type->methods; m && m->name; m++) {
        MpMethodDescr *d =
            (MpMethodDescr *)gc_alloc(&mp_method_descr_type.gc, sizeof(MpMethodDescr));
        if (!d)
            return -1;
        d->def = m;
        d->owner = type;
        MpObject *entry = &d->ob;
        if (m->flags & MP_METH_CLASS) {
            MpObject *arg = entry;
            entry = mp_classmethod_type.new_(&mp_classmethod_type, &arg, 1, NULL);
            MP_DECREF(arg);
        }
        if (add_descr(type, m->name, entry) < 0)
            return -1;
    }
    for (const MpGetSetDef *g = type->getsets; g && g->name; g++) {
        MpGetSetDescr *d =
            (MpGetSetDescr *)gc_alloc(&mp_getset_descr_type.gc, sizeof(MpGetSetDescr));
        if (!d)
            return -1;
        d->def = g;
        d->owner = type;
        if (add_descr(type, g->name, &d->ob) < 0)
            return -1;
    }
    /* Slots nobody set come from the base, as CPython's inherit_slots. */
    MpType *b = type->base;
    if (b) {
#define INHERIT(slot)                                                          \
    if (!type->slot)                                                           \
        type->slot = b->slot;
        INHERIT(repr) INHERIT(str) INHERIT(hash) INHERIT(richcompare)
        INHERIT(getattr) INHERIT(setattr)
#undef INHERIT
        if (!type->attrs_offset)
            type->attrs_offset = b->attrs_offset;
    }
    return 0;
}

/* "__init__", interned and borrowed; NULL until the first heap instance. */
static MpObject *init_name;

static MpObject *type_repr(MpObject *self)
{
    MpType *t = (MpType *)self;
    if (t->module && strcmp(MP_STR_DATA(t->module), "builtins") != 0)
        return mp_str_format_c("<class '%s.%s'>", MP_STR_DATA(t->module),
                               MP_STR_DATA(t->qualname ? t->qualname : t->name));
    return mp_str_format_c("<class '%s'>", t->gc.name);
}

/* Calling a class: new_ builds the instance, then a class statement's
   __init__ (or an inherited one) initialises it. */
static MpObject *type_call(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    MpType *t = (MpType *)self;
    size_t nkw = kwnames ? (size_t)MP_TUPLE_SIZE(kwnames) : 0;
    if (t == &mp_type_type) {
        if (nargs == 1 && nkw == 0) {
            MpObject *r = &mp_type(args[0])->ob;
            MP_INCREF(r);
            return r;
        }
        if (nargs == 3 && nkw == 0)
            return mp_class_new(args[0], args[1], args[2]);
        return mp_err_set(mp_TypeError, "type() takes 1 or 3 arguments");
    }
    if (!t->new_)
        return mp_err_format(mp_TypeError, "cannot create '%s' instances", t->gc.name);
    MpObject *obj = t->new_(t, args, nargs, kwnames);
    if (!obj || !(t->flags & MP_TF_HEAP) || !mp_is_instance_of(obj, t))
        return obj;
    if (!init_name && !(init_name = mp_str_intern_borrowed("__init__"))) {
        MP_DECREF(obj);
        return NULL;
    }
    MpObject *init = mp_type_lookup(t, init_name);
    if (init && init->type == &mp_method_descr_type.gc &&
        ((MpMethodDescr *)init)->owner == &mp_object_type) {
        if (nargs + nkw > 0) {
            MP_DECREF(obj);
            return mp_err_format(mp_TypeError, "%s() takes no arguments", t->gc.name);
        }
        return obj;
    }
    if (!init)
        return obj;
    MpObject *small[8];
    size_t total = nargs + nkw;
    MpObject **buf = total + 1 <= 8 ? small : malloc((total + 1) * sizeof *buf);
    if (!buf) {
        MP_DECREF(obj);
        return mp_err_nomemory();
    }
    buf[0] = obj;
    memcpy(buf + 1, args, total * sizeof *buf);
    MpObject *r = mp_call(init, buf, nargs + 1, kwnames);
    if (buf != small)
        free(buf);
    if (!r) {
        MP_DECREF(obj);
        return NULL;
    }
    if (r != mp_none) {
        mp_err_format(mp_TypeError, "__init__() should return None, not '%s'",
                      mp_type_name(r));
        MP_DECREF(r);
        MP_DECREF(obj);
        return NULL;
    }
    MP_DECREF(r);
    return obj;
}

/* Class attribute access, as CPython's type_getattro: the metatype's data
   descriptors (__name__, __dict__, __class__) first, then the class's MRO
   (functions come back unbound, classmethods bound to the class), then the
   metatype's other attributes bound to the class. */
static MpObject *type_getattr(MpObject *self, MpObject *name)
{
    MpType *t = (MpType *)self;
    MpObject *meta = mp_type_lookup(&mp_type_type, name);
    if (meta && meta->type == &mp_getset_descr_type.gc)
        return ((MpGetSetDescr *)meta)->def->get(self);
    MpObject *v = mp_type_lookup(t, name);
    if (v) {
        if (v->type == &mp_classmethod_type.gc)
            return mp_method_new(((MpWrapper *)v)->func, self);
        if (v->type == &mp_staticmethod_type.gc)
            v = ((MpWrapper *)v)->func;
        MP_INCREF(v);
        return v;
    }
    if (meta)
        return bind_descr(meta, self);
    return mp_err_format(mp_AttributeError, "type object '%s' has no attribute '%s'",
                         t->gc.name, MP_STR_DATA(name));
}

static int type_setattr(MpObject *self, MpObject *name, MpObject *value)
{
    MpType *t = (MpType *)self;
    if (!(t->flags & MP_TF_HEAP)) {
        mp_err_format(mp_TypeError, "cannot set '%s' attribute of immutable type '%s'",
                      MP_STR_DATA(name), t->gc.name);
        return -1;
    }
    int r;
    if (value) {
        r = mp_dict_set(t->dict, name, value);
    } else {
        r = mp_dict_del(t->dict, name);
        if (r == 0) {
            mp_err_format(mp_AttributeError, "type object '%s' has no attribute '%s'",
                          t->gc.name, MP_STR_DATA(name));
            return -1;
        }
    }
    if (r >= 0)
        mp_class_update_slots(t);
    return r < 0 ? -1 : 0;
}

static MpObject *type_get_name(MpObject *self)
{
    MpObject *n = ((MpType *)self)->name;
    MP_INCREF(n);
    return n;
}

static MpObject *type_get_qualname(MpObject *self)
{
    MpType *t = (MpType *)self;
    MpObject *n = t->qualname ? t->qualname : t->name;
    MP_INCREF(n);
    return n;
}

static MpObject *type_get_module(MpObject *self)
{
    MpObject *m = ((MpType *)self)->module;
    if (!m)
        return mp_str_intern("builtins");
    MP_INCREF(m);
    return m;
}

static MpObject *type_get_base(MpObject *self)
{
    MpType *b = ((MpType *)self)->base;
    MpObject *r = b ? &b->ob : mp_none;
    MP_INCREF(r);
    return r;
}

static MpObject *type_get_bases(MpObject *self)
{
    MpType *b = ((MpType *)self)->base;
    return b ? mp_tuple_pack(1, &b->ob) : mp_tuple_new(0);
}

static MpObject *type_get_mro(MpObject *self)
{
    int64_t n = 0;
    for (MpType *t = (MpType *)self; t; t = t->base)
        n++;
    MpObject *r = mp_tuple_new(n);
    if (!r)
        return NULL;
    n = 0;
    for (MpType *t = (MpType *)self; t; t = t->base) {
        MP_INCREF(&t->ob);
        MP_TUPLE_ITEMS(r)[n++] = &t->ob;
    }
    return r;
}

static MpObject *type_get_dict(MpObject *self)
{
    MpObject *d = ((MpType *)self)->dict;
    MP_INCREF(d);
    return d;
}

static MpObject *type_get_doc(MpObject *self)
{
    MpObject *d = mp_dict_get_cstr(((MpType *)self)->dict, "__doc__");
    d = d ? d : mp_none;
    MP_INCREF(d);
    return d;
}

static const MpGetSetDef type_getsets[] = {
    {"__name__", type_get_name, NULL},
    {"__qualname__", type_get_qualname, NULL},
    {"__module__", type_get_module, NULL},
    {"__base__", type_get_base, NULL},
    {"__bases__", type_get_bases, NULL},
    {"__mro__", type_get_mro, NULL},
    {"__dict__", type_get_dict, NULL},
    {"__doc__", type_get_doc, NULL},
    {NULL, NULL, NULL},
};

static int64_t identity_hash(MpObject *self)
{
    uintptr_t p = (uintptr_t)self;
    int64_t h = (int64_t)((p >> 4) | (p << (8 * sizeof p - 4)));
    return h == -1 ? -2 : h;
}

static MpObject *type_subclasses(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_no_kw("__subclasses__", kwnames) < 0 ||
        mp_args_count("__subclasses__", nargs, 0, 0) < 0)
        return NULL;
    return mp_list_new(0);
}

static const MpMethodDef type_methods[] = {
    {"__subclasses__", type_subclasses, 0, "__subclasses__(self, /)"},
    {NULL, NULL, 0, NULL},
};

static int type_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpType *t = (MpType *)self;
    MpObject *refs[] = {t->dict, t->name, t->qualname, t->module,
                        t->base ? &t->base->ob : NULL};
    int r;
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (refs[i] && (r = visit(refs[i], arg)))
            return r;
    return 0;
}

static void type_clear(GcHead *self)
{
    mp_type_modified();
    MP_CLEAR(((MpType *)self)->dict);
}

static size_t type_size(const GcHead *self)
{
    (void)self;
    return 880;
}

MpType mp_type_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "type",
           .traverse = type_traverse,
           .clear = type_clear,
           .dealloc = mp_class_dealloc,
           .size = type_size},
    .basicsize = sizeof(MpType),
    .flags = MP_TF_WEAKREFABLE,
    .repr = type_repr,
    .hash = identity_hash,
    .call = type_call,
    .getattr = type_getattr,
    .setattr = type_setattr,
    .getsets = type_getsets,
    .methods = type_methods,
};

/* ==== object ==== */

static MpObject *object_new(MpType *type, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    if (type == &mp_object_type && (nargs || (kwnames && MP_TUPLE_SIZE(kwnames))))
        return mp_err_set(mp_TypeError, "object() takes no arguments");
    unsigned slots = type->flags & MP_TF_INLINE_VALUES ? type->attrs_hint : 0;
    MpObject *o = gc_alloc(&type->gc, type->basicsize + slots * sizeof(MpObject *));
    if (!o)
        return mp_err_nomemory();
    if (type->attrs_offset)
        mp_attrs_init_inline((MpAttrs *)((char *)o + type->attrs_offset), slots);
    if (type->flags & MP_TF_HEAP)
        MP_INCREF(&type->ob);
    if (gc_is_gc(o))
        gc_track(o);
    return o;
}

static MpObject *object_repr(MpObject *self)
{
    MpType *t = mp_type(self);
    if (t->module && strcmp(MP_STR_DATA(t->module), "builtins") != 0)
        return mp_str_format_c("<%s.%s object at %p>", MP_STR_DATA(t->module),
                               MP_STR_DATA(t->qualname ? t->qualname : t->name),
                               (void *)self);
    return mp_str_format_c("<%s object at %p>", t->gc.name, (void *)self);
}

/* == is identity unless a class says otherwise; != inverts ==. */
static MpObject *object_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    if (op == MP_EQ && a == b)
        return mp_bool(true);
    if (op == MP_NE) {
        MpType *t = mp_type(a);
        if (t->richcompare) {
            MpObject *eq = t->richcompare(a, b, MP_EQ);
            if (!eq || eq == mp_notimpl)
                return eq;
            int truth = mp_truthy(eq);
            MP_DECREF(eq);
            return truth < 0 ? NULL : mp_bool(!truth);
        }
    }
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

static void object_dealloc(GcHead *self)
{
    gc_free(self);
}

static size_t object_size(const GcHead *self)
{
    (void)self;
    return 16;
}

static MpObject *object_init(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (nargs || (kwnames && MP_TUPLE_SIZE(kwnames)))
        return mp_err_set(mp_TypeError,
                          "object.__init__() takes exactly one argument (the instance to "
                          "initialize)");
    MP_RETURN_NONE;
}

static MpObject *object_m_repr(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)args;
    if (mp_args_no_kw("__repr__", kwnames) < 0 || mp_args_count("__repr__", nargs, 0, 0) < 0)
        return NULL;
    return object_repr(self);
}

static MpObject *object_m_str(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)args;
    if (mp_args_no_kw("__str__", kwnames) < 0 || mp_args_count("__str__", nargs, 0, 0) < 0)
        return NULL;
    return mp_repr(self);
}

static MpObject *object_m_compare(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames, MpCompareOp op, const char *name)
{
    if (mp_args_no_kw(name, kwnames) < 0 || mp_args_count(name, nargs, 1, 1) < 0)
        return NULL;
    return object_richcompare(self, args[0], op);
}

static MpObject *object_m_eq(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    return object_m_compare(self, args, nargs, kwnames, MP_EQ, "__eq__");
}

static MpObject *object_m_ne(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    return object_m_compare(self, args, nargs, kwnames, MP_NE, "__ne__");
}

static MpObject *object_m_hash(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)args;
    if (mp_args_no_kw("__hash__", kwnames) < 0 || mp_args_count("__hash__", nargs, 0, 0) < 0)
        return NULL;
    return mp_int_new(identity_hash(self));
}

static MpObject *object_m_setattr(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    if (mp_args_no_kw("__setattr__", kwnames) < 0 ||
        mp_args_count("__setattr__", nargs, 2, 2) < 0)
        return NULL;
    if (!mp_is_str(args[0]))
        return mp_err_format(mp_TypeError, "attribute name must be string, not '%s'",
                             mp_type_name(args[0]));
    if (mp_generic_setattr(self, args[0], args[1]) < 0)
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *object_m_getattribute(MpObject *self, MpObject *const *args, size_t nargs,
                                       MpObject *kwnames)
{
    if (mp_args_no_kw("__getattribute__", kwnames) < 0 ||
        mp_args_count("__getattribute__", nargs, 1, 1) < 0)
        return NULL;
    if (!mp_is_str(args[0]))
        return mp_err_format(mp_TypeError, "attribute name must be string, not '%s'",
                             mp_type_name(args[0]));
    return mp_generic_getattr(self, args[0]);
}

static MpObject *object_m_delattr(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    if (mp_args_no_kw("__delattr__", kwnames) < 0 ||
        mp_args_count("__delattr__", nargs, 1, 1) < 0)
        return NULL;
    if (!mp_is_str(args[0]))
        return mp_err_format(mp_TypeError, "attribute name must be string, not '%s'",
                             mp_type_name(args[0]));
    if (mp_generic_setattr(self, args[0], NULL) < 0)
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *object_m_init_subclass(MpObject *self, MpObject *const *args,
                                        size_t nargs, MpObject *kwnames)
{
    (void)self;
    (void)args;
    (void)nargs;
    (void)kwnames;
    MP_RETURN_NONE;
}

static const MpMethodDef object_methods[] = {
    {"__init__", object_init, 0, "__init__(self, /, *args, **kwargs)"},
    {"__repr__", object_m_repr, 0, "__repr__(self, /)"},
    {"__str__", object_m_str, 0, "__str__(self, /)"},
    {"__eq__", object_m_eq, 0, "__eq__(self, value, /)"},
    {"__ne__", object_m_ne, 0, "__ne__(self, value, /)"},
    {"__hash__", object_m_hash, 0, "__hash__(self, /)"},
    {"__setattr__", object_m_setattr, 0, "__setattr__(self, name, value, /)"},
    {"__getattribute__", object_m_getattribute, 0, "__getattribute__(self, name, /)"},
    {"__delattr__", object_m_delattr, 0, "__delattr__(self, name, /)"},
    {"__init_subclass__", object_m_init_subclass, MP_METH_CLASS,
     "__init_subclass__(cls, /)"},
    {NULL, NULL, 0, NULL},
};

static MpObject *object_get_class(MpObject *self)
{
    MpObject *t = &mp_type(self)->ob;
    MP_INCREF(t);
    return t;
}

/* obj.__dict__: the instance's attributes as a live dict. */
static MpObject *object_get_dict(MpObject *self)
{
    if (self->type == &mp_type_type.gc)
        return type_get_dict(self);
    MpAttrs *attrs = mp_object_attrs(self);
    if (!attrs)
        return mp_err_format(mp_AttributeError, "'%s' object has no attribute '__dict__'",
                             mp_type_name(self));
    return mp_attrs_dict(attrs, self->type);
}

static const MpGetSetDef object_getsets[] = {
    {"__class__", object_get_class, NULL},
    {"__dict__", object_get_dict, NULL},
    {NULL, NULL, NULL},
};

MpType mp_object_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "object", .dealloc = object_dealloc, .size = object_size},
    .basicsize = sizeof(MpObject),
    .flags = MP_TF_BASETYPE,
    .new_ = object_new,
    .repr = object_repr,
    .hash = identity_hash,
    .richcompare = object_richcompare,
    .methods = object_methods,
    .getsets = object_getsets,
};

/* ==== Attribute access ==== */

static bool is_data_descr(MpObject *d)
{
    return d->type == &mp_property_type.gc || d->type == &mp_getset_descr_type.gc;
}

static MpObject *attribute_error(MpObject *o, MpObject *name)
{
    if (o->type == &mp_module_type.gc)
        return mp_err_format(mp_AttributeError, "module '%s' has no attribute '%s'",
                             MP_STR_DATA(((MpModule *)o)->name), MP_STR_DATA(name));
    return mp_err_format(mp_AttributeError, "'%s' object has no attribute '%s'",
                         mp_type_name(o), MP_STR_DATA(name));
}

/* Bind a class attribute found by lookup to the instance o. */
static MpObject *bind_descr(MpObject *descr, MpObject *o)
{
    GcType *t = descr->type;
    if (t == &mp_function_type.gc)
        return mp_method_new(descr, o);
    if (t == &mp_method_descr_type.gc) {
        MpMethodDescr *d = (MpMethodDescr *)descr;
        return mp_native_new(d->def, (d->def->flags & MP_METH_STATIC) ? NULL : o);
    }
    if (t == &mp_classmethod_type.gc)
        return mp_method_new(((MpWrapper *)descr)->func, &mp_type(o)->ob);
    if (t == &mp_staticmethod_type.gc)
        descr = ((MpWrapper *)descr)->func;
    MP_INCREF(descr);
    return descr;
}

MpObject *mp_generic_getattr(MpObject *o, MpObject *name)
{
    MpObject *descr = mp_type_lookup(mp_type(o), name);
    if (descr && is_data_descr(descr)) {
        if (descr->type == &mp_getset_descr_type.gc)
            return ((MpGetSetDescr *)descr)->def->get(o);
        MpProperty *p = (MpProperty *)descr;
        if (!p->fget)
            return mp_err_format(mp_AttributeError, "property '%s' of '%s' object has no getter",
                                 MP_STR_DATA(name), mp_type_name(o));
        return mp_call1(p->fget, o);
    }
    MpAttrs *attrs = mp_object_attrs(o);
    if (attrs) {
        MpObject *v = mp_attrs_get(attrs, name);
        if (v) {
            MP_INCREF(v);
            return v;
        }
    }
    if (o->type == &mp_module_type.gc) {
        MpObject *v = mp_dict_get(((MpModule *)o)->dict, name);
        if (v) {
            MP_INCREF(v);
            return v;
        }
    }
    if (descr)
        return bind_descr(descr, o);
    return attribute_error(o, name);
}

int mp_generic_setattr(MpObject *o, MpObject *name, MpObject *value)
{
    MpObject *descr = mp_type_lookup(mp_type(o), name);
    if (descr && descr->type == &mp_property_type.gc) {
        MpProperty *p = (MpProperty *)descr;
        MpObject *f = value ? p->fset : p->fdel;
        if (!f) {
            mp_err_format(mp_AttributeError,
                          value ? "property '%s' of '%s' object has no setter"
                                : "property '%s' of '%s' object has no deleter",
                          MP_STR_DATA(name), mp_type_name(o));
            return -1;
        }
        MpObject *r = value ? mp_call2(f, o, value) : mp_call1(f, o);
        if (!r)
            return -1;
        MP_DECREF(r);
        return 0;
    }
    if (descr && descr->type == &mp_getset_descr_type.gc) {
        const MpGetSetDef *g = ((MpGetSetDescr *)descr)->def;
        if (!g->set) {
            mp_err_format(mp_AttributeError, "attribute '%s' of '%s' objects is not writable",
                          g->name, mp_type_name(o));
            return -1;
        }
        return g->set(o, value);
    }
    MpAttrs *attrs = mp_object_attrs(o);
    MpTable *module_dict = !attrs && o->type == &mp_module_type.gc
                               ? &((MpDict *)((MpModule *)o)->dict)->table
                               : NULL;
    if (!attrs && !module_dict) {
        attribute_error(o, name);
        return -1;
    }
    if (value)
        return attrs ? mp_attrs_set(attrs, o->type, name, value)
                     : mp_table_set(module_dict, name, value);
    int r =
        attrs ? mp_attrs_del(attrs, o->type, name) : mp_table_del(module_dict, name);
    if (r == 0) {
        attribute_error(o, name);
        return -1;
    }
    return r < 0 ? -1 : 0;
}

MpObject *mp_getattr(MpObject *o, MpObject *name)
{
    MpType *t = mp_type(o);
    MpObject *r = t->getattr ? t->getattr(o, name) : mp_generic_getattr(o, name);
    if (!r)
        mp_err_add_attribute_context(o, name);
    return r;
}

MpObject *mp_getattr_cstr(MpObject *o, const char *name)
{
    MpObject *n = mp_str_intern(name);
    if (!n)
        return NULL;
    MpObject *r = mp_getattr(o, n);
    MP_DECREF(n);
    return r;
}

int mp_setattr(MpObject *o, MpObject *name, MpObject *value)
{
    MpType *t = mp_type(o);
    return t->setattr ? t->setattr(o, name, value) : mp_generic_setattr(o, name, value);
}

int mp_lookup_attr(MpObject *o, MpObject *name, MpObject **out)
{
    *out = mp_getattr(o, name);
    if (*out)
        return 1;
    if (!mp_err_matches(mp_AttributeError))
        return -1;
    mp_err_clear();
    return 0;
}

/* ==== Start-up ==== */

static int mp_type_types_init(void)
{
    MpType *types[] = {&mp_object_type, &mp_type_type, &mp_native_type,
                       &mp_method_descr_type, &mp_getset_descr_type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (mp_type_ready(types[i]) < 0)
            return -1;
    return 0;
}

int mp_objects_init(void)
{
    if (mp_type_types_init() < 0 || mp_builtin_types_init() < 0 || mp_errors_init() < 0 ||
        mp_func_types_init() < 0 || mp_type_ready(&mp_module_type) < 0)
        return -1;
    return 0;
}

/* The static types outlive every instance, so this runs after the last object
   of the runtime died (mp_runtime_fini). Newest first: a type readied later
   may be a subclass whose descriptors' owner is an older type. */
void mp_objects_fini(void)
{
    mp_type_modified();
    while (nready > 0) {
        MpType *t = ready_types[--nready];
        MP_CLEAR(t->dict);
        MP_CLEAR(t->name);
        MP_CLEAR(t->module);
    }
    free(ready_types);
    ready_types = NULL;
    ready_cap = 0;
    mp_type_modified();
    init_name = NULL;
    mp_str_fini();
    mp_list_clear_freelist();
    mp_dict_clear_freelist();
    mp_tuple_clear_freelists();
    mp_int_clear_freelist();
    mp_float_clear_freelist();
    mp_repr_fini();
}
