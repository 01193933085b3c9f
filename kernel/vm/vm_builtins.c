/*
 * kernel/vm/vm_builtins.c - the builtins that look at the running frame:
 * globals(), locals(), super(), and the class-related names (type, object,
 * property, classmethod, staticmethod).
 */
#include "abstract.h"
#include "args.h"
#include "class.h"
#include "errors.h"
#include "frame.h"
#include "runtime.h"
#include "vm.h"

#include <string.h>

/* ==== locals() ==== */

MpObject *vm_current_locals(void)
{
    MpFrame *f = vm_top_frame();
    if (!f) {
        MpObject *g = vm_current_globals();
        MP_INCREF(g);
        return g;
    }
    if (f->ns || !f->func) {
        MpObject *d = f->ns ? f->ns : f->globals;
        MP_INCREF(d);
        return d;
    }
    MpCode *co = f->code;
    MpObject *d = mp_dict_new();
    if (!d)
        return NULL;
    for (int i = 0; i < mp_code_nslots(co); i++) {
        MpObject *v = f->slots[i], *name;
        if (i < co->nlocals) {
            name = MP_TUPLE_ITEMS(co->varnames)[i];
        } else if (i < co->nlocals + co->ncells) {
            name = MP_TUPLE_ITEMS(co->cellvars)[i - co->nlocals];
            v = v ? ((MpCell *)v)->value : NULL;
        } else {
            name = MP_TUPLE_ITEMS(co->freevars)[i - co->nlocals - co->ncells];
            v = v ? ((MpCell *)v)->value : NULL;
        }
        if (v && mp_dict_set(d, name, v) < 0) {
            MP_DECREF(d);
            return NULL;
        }
    }
    return d;
}

static MpObject *builtin_globals(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("globals", nargs, kwnames, 0, 0) < 0)
        return NULL;
    MpObject *g = vm_current_globals();
    MP_INCREF(g);
    return g;
}

static MpObject *builtin_locals(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("locals", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return vm_current_locals();
}

/* ==== super ==== */

typedef struct MpSuper {
    MpObject ob;
    MpType *type; /* lookups start after this class */
    MpObject *obj;
} MpSuper;

static MpType mp_super_type;

static int super_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpSuper *s = (MpSuper *)self;
    int r;
    if (s->type && (r = visit(&s->type->ob, arg)))
        return r;
    return s->obj ? visit(s->obj, arg) : 0;
}

static void super_clear(GcHead *self)
{
    MpSuper *s = (MpSuper *)self;
    MpObject *t = s->type ? &s->type->ob : NULL;
    s->type = NULL;
    MP_XDECREF(t);
    MP_CLEAR(s->obj);
}

static void super_dealloc(GcHead *self)
{
    super_clear(self);
    gc_free(self);
}

static size_t super_size(const GcHead *self)
{
    (void)self;
    return 48;
}

/* super() finds __class__ in the caller's closure and self in its first slot. */
static int super_from_frame(MpType **type, MpObject **obj)
{
    MpFrame *f = vm_top_frame();
    if (!f || !f->func)
        return mp_err_set(mp_RuntimeError, "super(): no arguments"), -1;
    MpCode *co = f->code;
    if (co->argcount == 0)
        return mp_err_set(mp_RuntimeError, "super(): no arguments"), -1;
    MpObject *first = f->slots[0];
    for (int i = 0; i < co->ncells; i++)
        if (co->cell2arg[i] == 0)
            first = ((MpCell *)f->slots[co->nlocals + i])->value;
    if (!first)
        return mp_err_set(mp_RuntimeError, "super(): arg[0] deleted"), -1;
    for (int i = 0; i < co->nfree; i++) {
        MpObject *name = MP_TUPLE_ITEMS(co->freevars)[i];
        if (strcmp(MP_STR_DATA(name), "__class__") != 0)
            continue;
        MpObject *cls = ((MpCell *)f->slots[co->nlocals + co->ncells + i])->value;
        if (!cls || cls->type != &mp_type_type.gc)
            return mp_err_set(mp_RuntimeError, "super(): empty __class__ cell"), -1;
        *type = (MpType *)cls;
        *obj = first;
        return 0;
    }
    return mp_err_set(mp_RuntimeError, "super(): __class__ cell not found"), -1;
}

static MpObject *super_new(MpType *t, MpObject *const *args, size_t nargs, MpObject *kwnames)
{
    (void)t;
    /* CPython 3.11 names it "super()" in the count message: "super() expected
       at most 2 arguments, got 3". */
    if (mp_args_no_kw("super", kwnames) < 0 ||
        mp_args_count("super()", nargs, 0, 2) < 0)
        return NULL;
    MpType *type;
    MpObject *obj;
    if (nargs == 0) {
        if (super_from_frame(&type, &obj) < 0)
            return NULL;
    } else {
        if (args[0]->type != &mp_type_type.gc)
            return mp_err_format(mp_TypeError, "super() argument 1 must be a type, not %s",
                                 mp_type_name(args[0]));
        if (nargs < 2)
            return mp_err_set(mp_NotImplementedError,
                              "unbound super objects are not supported in Minipy");
        type = (MpType *)args[0];
        obj = args[1];
    }
    MpType *objtype = obj->type == &mp_type_type.gc ? (MpType *)obj : mp_type(obj);
    if (!mp_type_is_subtype(objtype, type))
        return mp_err_set(mp_TypeError,
                          "super(type, obj): obj must be an instance or subtype of type");
    MpSuper *s = (MpSuper *)gc_alloc(&mp_super_type.gc, sizeof(MpSuper));
    if (!s)
        return mp_err_nomemory();
    MP_INCREF(&type->ob);
    s->type = type;
    MP_INCREF(obj);
    s->obj = obj;
    gc_track(&s->ob);
    return &s->ob;
}

static MpObject *super_getattr(MpObject *self, MpObject *name)
{
    MpSuper *s = (MpSuper *)self;
    MpObject *v = s->type->base ? mp_type_lookup(s->type->base, name) : NULL;
    if (!v)
        return mp_err_format(mp_AttributeError, "'super' object has no attribute '%s'",
                             MP_STR_DATA(name));
    bool on_class = s->obj->type == &mp_type_type.gc;
    if (v->type == &mp_function_type.gc)
        return on_class ? (MP_INCREF(v), v) : mp_method_new(v, s->obj);
    if (v->type == &mp_method_descr_type.gc) {
        const MpMethodDef *def = ((MpMethodDescr *)v)->def;
        if (def->flags & MP_METH_CLASS)
            return mp_native_new(def, on_class ? s->obj : &mp_type(s->obj)->ob);
        return mp_native_new(def, (def->flags & MP_METH_STATIC) ? NULL : s->obj);
    }
    if (v->type == &mp_classmethod_type.gc)
        return mp_method_new(((MpWrapper *)v)->func,
                             on_class ? s->obj : &mp_type(s->obj)->ob);
    if (v->type == &mp_staticmethod_type.gc)
        v = ((MpWrapper *)v)->func;
    if (v->type == &mp_property_type.gc && !on_class) {
        MpProperty *p = (MpProperty *)v;
        if (p->fget)
            return mp_call1(p->fget, s->obj);
    }
    MP_INCREF(v);
    return v;
}

static MpObject *super_repr(MpObject *self)
{
    MpSuper *s = (MpSuper *)self;
    return mp_str_format_c("<super: <class '%s'>, <%s object>>", s->type->gc.name,
                           mp_type_name(s->obj));
}

static MpType mp_super_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "super",
           .traverse = super_traverse,
           .clear = super_clear,
           .dealloc = super_dealloc,
           .size = super_size},
    .basicsize = sizeof(MpSuper),
    .new_ = super_new,
    .repr = super_repr,
    .getattr = super_getattr,
};

static const MpMethodDef frame_builtins[] = {
    {"globals", builtin_globals, 0, "globals()\nReturn the dictionary of the module namespace."},
    {"locals", builtin_locals, 0, "locals()\nReturn a dictionary of the current local names."},
    {NULL, NULL, 0, NULL},
};

int vm_builtins_init(MpObject *builtins)
{
    if (mp_type_ready(&mp_super_type) < 0)
        return -1;
    struct {
        const char *name;
        MpType *type;
    } types[] = {
        {"type", &mp_type_type},         {"object", &mp_object_type},
        {"property", &mp_property_type}, {"classmethod", &mp_classmethod_type},
        {"staticmethod", &mp_staticmethod_type}, {"super", &mp_super_type},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (mp_dict_set_cstr(builtins, types[i].name, &types[i].type->ob) < 0)
            return -1;
    for (const MpMethodDef *d = frame_builtins; d->name; d++) {
        MpObject *f = mp_native_new(d, NULL);
        if (!f || mp_dict_set_cstr(builtins, d->name, f) < 0) {
            MP_XDECREF(f);
            return -1;
        }
        MP_DECREF(f);
    }
    return 0;
}
