/*
 * kernel/objects/func.c - function, cell, bound method, property, classmethod and
 * staticmethod objects.
 *
 * Calling a function is the VM's business (vm_call_function); this file owns the
 * objects' lifetimes, attributes and reprs. All of them are GC containers.
 */
#include "func.h"

#include "abstract.h"
#include "args.h"
#include "code.h"
#include "errors.h"
#include "vm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== Functions ==== */

MpObject *mp_function_new(MpCode *code, MpObject *globals, MpObject *builtins)
{
    MpFunction *f = (MpFunction *)gc_alloc(&mp_function_type.gc, sizeof(MpFunction));
    if (!f)
        return mp_err_nomemory();
    MP_INCREF(&code->ob);
    f->code = code;
    MP_INCREF(globals);
    f->globals = globals;
    MP_INCREF(builtins);
    f->builtins = builtins;
    MP_INCREF(code->name);
    f->name = code->name;
    MP_INCREF(code->qualname);
    f->qualname = code->qualname;
    f->module = mp_dict_get_cstr(globals, "__name__");
    MP_XINCREF(f->module);
    f->doc = code->doc;
    MP_XINCREF(f->doc);
    mp_attrs_init(&f->attrs);
    gc_track(&f->ob);
    return &f->ob;
}

static int function_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpFunction *f = (MpFunction *)self;
    MpObject *refs[] = {&f->code->ob, f->globals, f->builtins, f->defaults, f->kwdefaults,
                        f->closure, f->name, f->qualname, f->module, f->doc};
    int r;
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (refs[i] && (r = visit(refs[i], arg)))
            return r;
    return mp_attrs_traverse(&f->attrs, visit, arg);
}

/* As CPython's func_clear: drop everything but the code and name, so a
   cleared function still has a repr. */
static void function_clear(GcHead *self)
{
    MpFunction *f = (MpFunction *)self;
    MP_CLEAR(f->globals);
    MP_CLEAR(f->builtins);
    MP_CLEAR(f->defaults);
    MP_CLEAR(f->kwdefaults);
    MP_CLEAR(f->closure);
    MP_CLEAR(f->module);
    MP_CLEAR(f->doc);
    mp_attrs_clear(&f->attrs, self->type);
}

static void function_dealloc(GcHead *self)
{
    MpFunction *f = (MpFunction *)self;
    function_clear(self);
    mp_attrs_fini(&f->attrs, self->type);
    MP_CLEAR(f->name);
    MP_CLEAR(f->qualname);
    MpObject *code = &f->code->ob;
    gc_free(self);
    MP_DECREF(code);
}

static size_t function_size(const GcHead *self)
{
    (void)self;
    return 136;
}

static MpObject *function_repr(MpObject *self)
{
    MpFunction *f = (MpFunction *)self;
    return mp_str_format_c("<function %s at %p>", MP_STR_DATA(f->qualname), (void *)self);
}

static MpObject *function_call(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    return vm_call_function((MpFunction *)self, args, nargs, kwnames);
}

static MpObject *get_or_none(MpObject *v)
{
    v = v ? v : mp_none;
    MP_INCREF(v);
    return v;
}

static int set_str_field(MpObject **slot, MpObject *value, const char *what)
{
    if (!value || !mp_is_str(value)) {
        mp_err_format(mp_TypeError, "%s must be set to a string object", what);
        return -1;
    }
    MP_INCREF(value);
    MP_SETREF(*slot, value);
    return 0;
}

static MpObject *fn_get_name(MpObject *self)
{
    return get_or_none(((MpFunction *)self)->name);
}
static int fn_set_name(MpObject *self, MpObject *v)
{
    return set_str_field(&((MpFunction *)self)->name, v, "__name__");
}
static MpObject *fn_get_qualname(MpObject *self)
{
    return get_or_none(((MpFunction *)self)->qualname);
}
static int fn_set_qualname(MpObject *self, MpObject *v)
{
    return set_str_field(&((MpFunction *)self)->qualname, v, "__qualname__");
}
static MpObject *fn_get_doc(MpObject *self)
{
    return get_or_none(((MpFunction *)self)->doc);
}
static int fn_set_doc(MpObject *self, MpObject *v)
{
    MP_XINCREF(v);
    MP_SETREF(((MpFunction *)self)->doc, v);
    return 0;
}
static MpObject *fn_get_module(MpObject *self)
{
    return get_or_none(((MpFunction *)self)->module);
}
static MpObject *fn_get_defaults(MpObject *self)
{
    return get_or_none(((MpFunction *)self)->defaults);
}
static MpObject *fn_get_kwdefaults(MpObject *self)
{
    return get_or_none(((MpFunction *)self)->kwdefaults);
}
static MpObject *fn_get_globals(MpObject *self)
{
    return get_or_none(((MpFunction *)self)->globals);
}
static MpObject *fn_get_closure(MpObject *self)
{
    return get_or_none(((MpFunction *)self)->closure);
}
static MpObject *fn_get_code(MpObject *self)
{
    return get_or_none(&((MpFunction *)self)->code->ob);
}

static const MpGetSetDef function_getsets[] = {
    {"__name__", fn_get_name, fn_set_name},
    {"__qualname__", fn_get_qualname, fn_set_qualname},
    {"__doc__", fn_get_doc, fn_set_doc},
    {"__module__", fn_get_module, NULL},
    {"__defaults__", fn_get_defaults, NULL},
    {"__kwdefaults__", fn_get_kwdefaults, NULL},
    {"__globals__", fn_get_globals, NULL},
    {"__closure__", fn_get_closure, NULL},
    {"__code__", fn_get_code, NULL},
    {NULL, NULL, NULL},
};

MpType mp_function_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "function",
           .traverse = function_traverse,
           .clear = function_clear,
           .dealloc = function_dealloc,
           .size = function_size},
    .basicsize = sizeof(MpFunction),
    .flags = MP_TF_WEAKREFABLE,
    .attrs_offset = offsetof(MpFunction, attrs),
    .repr = function_repr,
    .call = function_call,
    .getsets = function_getsets,
};

/* ==== Cells ==== */

MpObject *mp_cell_new(MpObject *value)
{
    MpCell *c = (MpCell *)gc_alloc(&mp_cell_type.gc, sizeof(MpCell));
    if (!c)
        return mp_err_nomemory();
    MP_XINCREF(value);
    c->value = value;
    gc_track(&c->ob);
    return &c->ob;
}

static int cell_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpObject *v = ((MpCell *)self)->value;
    return v ? visit(v, arg) : 0;
}

static void cell_clear(GcHead *self)
{
    MP_CLEAR(((MpCell *)self)->value);
}

static void cell_dealloc(GcHead *self)
{
    cell_clear(self);
    gc_free(self);
}

static size_t cell_size(const GcHead *self)
{
    (void)self;
    return 24;
}

static MpObject *cell_repr(MpObject *self)
{
    MpObject *v = ((MpCell *)self)->value;
    if (!v)
        return mp_str_format_c("<cell at %p: empty>", (void *)self);
    return mp_str_format_c("<cell at %p: %s object at %p>", (void *)self, mp_type_name(v),
                           (void *)v);
}

static MpObject *cell_get_contents(MpObject *self)
{
    MpObject *v = ((MpCell *)self)->value;
    if (!v)
        return mp_err_set(mp_ValueError, "Cell is empty");
    MP_INCREF(v);
    return v;
}

static const MpGetSetDef cell_getsets[] = {
    {"cell_contents", cell_get_contents, NULL},
    {NULL, NULL, NULL},
};

MpType mp_cell_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "cell",
           .traverse = cell_traverse,
           .clear = cell_clear,
           .dealloc = cell_dealloc,
           .size = cell_size},
    .basicsize = sizeof(MpCell),
    .repr = cell_repr,
    .getsets = cell_getsets,
};

/* ==== Bound methods ==== */

MpObject *mp_method_new(MpObject *func, MpObject *self)
{
    MpMethod *m = (MpMethod *)gc_alloc(&mp_method_type.gc, sizeof(MpMethod));
    if (!m)
        return mp_err_nomemory();
    MP_INCREF(func);
    m->func = func;
    MP_INCREF(self);
    m->self = self;
    gc_track(&m->ob);
    return &m->ob;
}

static int method_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpMethod *m = (MpMethod *)self;
    int r;
    if (m->func && (r = visit(m->func, arg)))
        return r;
    return m->self ? visit(m->self, arg) : 0;
}

static void method_clear(GcHead *self)
{
    MpMethod *m = (MpMethod *)self;
    MP_CLEAR(m->func);
    MP_CLEAR(m->self);
}

static void method_dealloc(GcHead *self)
{
    method_clear(self);
    gc_free(self);
}

static size_t method_size(const GcHead *self)
{
    (void)self;
    return 48;
}

static MpObject *method_repr(MpObject *self)
{
    MpMethod *m = (MpMethod *)self;
    MpObject *name = mp_getattr_cstr(m->func, "__qualname__");
    if (!name)
        return NULL;
    MpStrBuf b;
    mp_strbuf_init(&b);
    mp_strbuf_add_cstr(&b, "<bound method ");
    if (mp_strbuf_add_str(&b, name) < 0 || (mp_strbuf_add_cstr(&b, " of "), 0) ||
        mp_strbuf_add_repr(&b, m->self) < 0) {
        MP_DECREF(name);
        mp_strbuf_free(&b);
        return NULL;
    }
    MP_DECREF(name);
    mp_strbuf_add_char(&b, '>');
    return mp_strbuf_finish(&b);
}

/* self goes in front of the arguments; small calls use the C stack. */
static MpObject *method_call(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    MpMethod *m = (MpMethod *)self;
    size_t total = nargs + (kwnames ? (size_t)MP_TUPLE_SIZE(kwnames) : 0);
    MpObject *small[8];
    MpObject **buf = total + 1 <= 8 ? small : malloc((total + 1) * sizeof *buf);
    if (!buf)
        return mp_err_nomemory();
    buf[0] = m->self;
    for (size_t i = 0; i < total; i++)
        buf[i + 1] = args[i];
    MpObject *r = mp_call(m->func, buf, nargs + 1, kwnames);
    if (buf != small)
        free(buf);
    return r;
}

static MpObject *method_getattr(MpObject *self, MpObject *name)
{
    MpMethod *m = (MpMethod *)self;
    const char *s = MP_STR_DATA(name);
    if (strcmp(s, "__self__") == 0) {
        MP_INCREF(m->self);
        return m->self;
    }
    if (strcmp(s, "__func__") == 0) {
        MP_INCREF(m->func);
        return m->func;
    }
    MpObject *r = mp_generic_getattr(self, name);
    if (r || !mp_err_matches(mp_AttributeError))
        return r;
    mp_err_clear();
    return mp_getattr(m->func, name);
}

static MpObject *method_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    if ((op != MP_EQ && op != MP_NE) || b->type != &mp_method_type.gc) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    MpMethod *x = (MpMethod *)a, *y = (MpMethod *)b;
    bool eq = x->func == y->func && x->self == y->self;
    return mp_bool(op == MP_EQ ? eq : !eq);
}

MpType mp_method_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "method",
           .traverse = method_traverse,
           .clear = method_clear,
           .dealloc = method_dealloc,
           .size = method_size},
    .basicsize = sizeof(MpMethod),
    .flags = MP_TF_WEAKREFABLE,
    .repr = method_repr,
    .richcompare = method_richcompare,
    .call = method_call,
    .getattr = method_getattr,
};

/* ==== property, classmethod, staticmethod ==== */

static int property_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpProperty *p = (MpProperty *)self;
    MpObject *refs[] = {p->fget, p->fset, p->fdel, p->doc};
    int r;
    for (size_t i = 0; i < 4; i++)
        if (refs[i] && (r = visit(refs[i], arg)))
            return r;
    return 0;
}

static void property_clear(GcHead *self)
{
    MpProperty *p = (MpProperty *)self;
    MP_CLEAR(p->fget);
    MP_CLEAR(p->fset);
    MP_CLEAR(p->fdel);
    MP_CLEAR(p->doc);
}

static void property_dealloc(GcHead *self)
{
    property_clear(self);
    gc_free(self);
}

static size_t property_size(const GcHead *self)
{
    (void)self;
    return 56;
}

static MpObject *none_to_null(MpObject *v)
{
    return v == mp_none ? NULL : v;
}

static MpObject *property_make(MpObject *fget, MpObject *fset, MpObject *fdel,
                               MpObject *doc)
{
    MpProperty *p = (MpProperty *)gc_alloc(&mp_property_type.gc, sizeof(MpProperty));
    if (!p)
        return mp_err_nomemory();
    MpObject *v[] = {none_to_null(fget), none_to_null(fset), none_to_null(fdel),
                     none_to_null(doc)};
    for (int i = 0; i < 4; i++)
        MP_XINCREF(v[i]);
    p->fget = v[0];
    p->fset = v[1];
    p->fdel = v[2];
    p->doc = v[3];
    if (!p->doc && p->fget) {
        MpObject *d = NULL, *doc_name = mp_str_intern("__doc__");
        int found = mp_lookup_attr(p->fget, doc_name, &d);
        MP_DECREF(doc_name);
        if (found < 0) {
            MP_DECREF(&p->ob);
            return NULL;
        }
        if (d == mp_none)
            MP_CLEAR(d);
        p->doc = d;
    }
    gc_track(&p->ob);
    return &p->ob;
}

static MpObject *property_new(MpType *type, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)type;
    static const char *const names[] = {"fget", "fset", "fdel", "doc", NULL};
    MpObject *a[4];
    if (mp_args_parse("property", args, nargs, kwnames, names, 0, 0, a) < 0)
        return NULL;
    return property_make(a[0], a[1], a[2], a[3]);
}

/* p.setter(f) / p.getter(f) / p.deleter(f): a copy with one function replaced. */
static MpObject *property_copy_with(MpObject *self, int which, MpObject *const *args,
                                    size_t nargs, MpObject *kwnames, const char *name)
{
    if (mp_args_check(name, nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpProperty *p = (MpProperty *)self;
    MpObject *f[3] = {p->fget, p->fset, p->fdel};
    f[which] = args[0];
    return property_make(f[0], f[1], f[2], which == 0 ? NULL : p->doc);
}

static MpObject *property_getter(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    return property_copy_with(self, 0, args, nargs, kwnames, "getter");
}
static MpObject *property_setter(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    return property_copy_with(self, 1, args, nargs, kwnames, "setter");
}
static MpObject *property_deleter(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    return property_copy_with(self, 2, args, nargs, kwnames, "deleter");
}

static const MpMethodDef property_methods[] = {
    {"getter", property_getter, 0, "getter(self, fget, /)"},
    {"setter", property_setter, 0, "setter(self, fset, /)"},
    {"deleter", property_deleter, 0, "deleter(self, fdel, /)"},
    {NULL, NULL, 0, NULL},
};

static MpObject *prop_get_fget(MpObject *self)
{
    return get_or_none(((MpProperty *)self)->fget);
}
static MpObject *prop_get_fset(MpObject *self)
{
    return get_or_none(((MpProperty *)self)->fset);
}
static MpObject *prop_get_doc(MpObject *self)
{
    return get_or_none(((MpProperty *)self)->doc);
}

static const MpGetSetDef property_getsets[] = {
    {"fget", prop_get_fget, NULL},
    {"fset", prop_get_fset, NULL},
    {"__doc__", prop_get_doc, NULL},
    {NULL, NULL, NULL},
};

MpType mp_property_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "property",
           .traverse = property_traverse,
           .clear = property_clear,
           .dealloc = property_dealloc,
           .size = property_size},
    .basicsize = sizeof(MpProperty),
    .flags = MP_TF_BASETYPE,
    .new_ = property_new,
    .methods = property_methods,
    .getsets = property_getsets,
};

static int wrapper_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpObject *f = ((MpWrapper *)self)->func;
    return f ? visit(f, arg) : 0;
}

static void wrapper_clear(GcHead *self)
{
    MP_CLEAR(((MpWrapper *)self)->func);
}

static void wrapper_dealloc(GcHead *self)
{
    wrapper_clear(self);
    gc_free(self);
}

static size_t wrapper_size(const GcHead *self)
{
    (void)self;
    return 40;
}

static MpObject *wrapper_new(MpType *type, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    if (mp_args_check(type->gc.name, nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpWrapper *w = (MpWrapper *)gc_alloc(&type->gc, sizeof(MpWrapper));
    if (!w)
        return mp_err_nomemory();
    MP_INCREF(args[0]);
    w->func = args[0];
    gc_track(&w->ob);
    return &w->ob;
}

static MpObject *wrapper_get_func(MpObject *self)
{
    return get_or_none(((MpWrapper *)self)->func);
}

static const MpGetSetDef wrapper_getsets[] = {
    {"__func__", wrapper_get_func, NULL},
    {NULL, NULL, NULL},
};

#define MP_DEFINE_WRAPPER(cname, pyname)                                       \
    MpType cname = {                                                           \
        MP_STATIC_TYPE_HEAD,                                                   \
        .gc = {.name = pyname,                                                 \
               .traverse = wrapper_traverse,                                   \
               .clear = wrapper_clear,                                         \
               .dealloc = wrapper_dealloc,                                     \
               .size = wrapper_size},                                          \
        .basicsize = sizeof(MpWrapper),                                        \
        .flags = MP_TF_BASETYPE,                                               \
        .new_ = wrapper_new,                                                   \
        .getsets = wrapper_getsets,                                            \
    };
MP_DEFINE_WRAPPER(mp_classmethod_type, "classmethod")
MP_DEFINE_WRAPPER(mp_staticmethod_type, "staticmethod")

int mp_func_types_init(void)
{
    MpType *types[] = {&mp_function_type, &mp_cell_type, &mp_method_type,
                       &mp_property_type, &mp_classmethod_type, &mp_staticmethod_type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (mp_type_ready(types[i]) < 0)
            return -1;
    return 0;
}
