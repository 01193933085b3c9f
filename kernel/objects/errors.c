/*
 * kernel/objects/errors.c - the exception classes and the pending exception.
 *
 * Every exception class shares the MpException layout, so a class statement may
 * derive from any of them. The pending exception is one global: the VM is single
 * threaded, and a failing call leaves its exception here for its caller.
 */
#include "errors.h"

#include "abstract.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MpObject *pending;

/* An attribute of an exception's own by C name (borrowed) or NULL. */
static MpObject *attr_cstr(MpAttrs *a, const char *name)
{
    MpObject *key = mp_str_intern(name);
    if (!key)
        return NULL;
    MpObject *v = mp_attrs_get(a, key);
    MP_DECREF(key);
    return v;
}
static MpException *prealloc_memory_error;

/* ==== Exception objects ==== */

static int exception_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpException *e = (MpException *)self;
    int r;
    if ((r = mp_attrs_traverse(&e->attrs, visit, arg)))
        return r;
    MpObject *refs[] = {e->args, e->traceback, e->cause, e->context, e->name, e->obj};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (refs[i] && (r = visit(refs[i], arg)))
            return r;
    if (mp_type(self)->flags & MP_TF_HEAP)
        return visit(&mp_type(self)->ob, arg);
    return 0;
}

static void exception_clear(GcHead *self)
{
    MpException *e = (MpException *)self;
    mp_attrs_clear(&e->attrs, self->type);
    MP_CLEAR(e->args);
    MP_CLEAR(e->traceback);
    MP_CLEAR(e->cause);
    MP_CLEAR(e->context);
    MP_CLEAR(e->name);
    MP_CLEAR(e->obj);
}

static void exception_dealloc(GcHead *self)
{
    MpType *type = mp_type(self);
    exception_clear(self);
    mp_attrs_fini(&((MpException *)self)->attrs, self->type);
    gc_free(self);
    if (type->flags & MP_TF_HEAP)
        MP_DECREF(&type->ob);
}

static size_t exception_size(const GcHead *self)
{
    (void)self;
    return 56;
}

MpObject *mp_exception_new(MpType *type, MpObject *const *args, size_t nargs)
{
    MpException *e = (MpException *)gc_alloc(&type->gc, type->basicsize);
    if (!e)
        return mp_err_nomemory();
    mp_attrs_init(&e->attrs);
    if (type->flags & MP_TF_HEAP)
        MP_INCREF(&type->ob);
    MpObject *t = mp_tuple_new((int64_t)nargs);
    if (!t) {
        MP_DECREF(&e->ob);
        return NULL;
    }
    for (size_t i = 0; i < nargs; i++) {
        MP_INCREF(args[i]);
        MP_TUPLE_ITEMS(t)[i] = args[i];
    }
    e->args = t;
    gc_track(&e->ob);
    return &e->ob;
}

static bool takes_name_keywords(MpObject *exc)
{
    return mp_is_instance_of(exc, mp_NameError) ||
           mp_is_instance_of(exc, mp_AttributeError);
}

/* NameError(name=...) and AttributeError(name=..., obj=...): the keywords
   CPython 3.11 accepts there; any other is a TypeError. 0 or -1. */
static int set_name_keywords(MpObject *self, MpObject *const *kwvalues,
                             MpObject *kwnames)
{
    MpException *e = (MpException *)self;
    bool attr = mp_is_instance_of(self, mp_AttributeError);
    for (int64_t i = 0; kwnames && i < MP_TUPLE_SIZE(kwnames); i++) {
        const char *k = MP_STR_DATA(MP_TUPLE_ITEMS(kwnames)[i]);
        MpObject **slot = strcmp(k, "name") == 0          ? &e->name
                          : attr && strcmp(k, "obj") == 0 ? &e->obj
                                                          : NULL;
        if (!slot) {
            mp_err_format(mp_TypeError, "'%s' is an invalid keyword argument for %s()",
                          k, attr ? "AttributeError" : "NameError");
            return -1;
        }
        MP_INCREF(kwvalues[i]);
        MP_SETREF(*slot, kwvalues[i]);
    }
    return 0;
}

/* A class statement's subclass gets its keywords in __init__; the builtin
   classes, which run no __init__, take NameError's and AttributeError's here. */
static MpObject *exception_new(MpType *type, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    MpObject *exc = mp_exception_new(type, args, nargs);
    if (exc && kwnames && !(type->flags & MP_TF_HEAP) && takes_name_keywords(exc) &&
        set_name_keywords(exc, args + nargs, kwnames) < 0)
        MP_CLEAR(exc);
    return exc;
}

/* str(SyntaxError): "msg (file.py, line 3)", from the attributes the
   compiler sets; NULL (no exception) when they are missing. */
static MpObject *syntax_error_str(MpObject *exc)
{
    MpAttrs *attrs = &((MpException *)exc)->attrs;
    MpObject *msg = attr_cstr(attrs, "msg");
    MpObject *file = attr_cstr(attrs, "filename");
    MpObject *line = attr_cstr(attrs, "lineno");
    if (!msg || !mp_is_str(msg))
        return NULL;
    if (!file || !mp_is_str(file) || !line || !mp_is_int(line)) {
        MP_INCREF(msg);
        return msg;
    }
    const char *base = strrchr(MP_STR_DATA(file), '/');
    base = base ? base + 1 : MP_STR_DATA(file);
    return mp_str_format_c("%s (%s, line %lld)", MP_STR_DATA(msg), base,
                           (long long)MP_INT_VALUE(line));
}

MpObject *mp_exception_str(MpObject *exc)
{
    if (mp_is_instance_of(exc, mp_SyntaxError)) {
        MpObject *s = syntax_error_str(exc);
        if (s || mp_err_occurred())
            return s;
    }
    MpObject *args = ((MpException *)exc)->args;
    int64_t n = args ? MP_TUPLE_SIZE(args) : 0;
    if (n == 0)
        return mp_str_from_cstr("");
    if (n == 1) {
        if (mp_is_instance_of(exc, mp_KeyError))
            return mp_repr(MP_TUPLE_ITEMS(args)[0]);
        return mp_str(MP_TUPLE_ITEMS(args)[0]);
    }
    return mp_str(args);
}

static MpObject *exception_repr(MpObject *self)
{
    MpObject *args = ((MpException *)self)->args;
    MpStrBuf b;
    mp_strbuf_init(&b);
    mp_strbuf_add_cstr(&b, mp_type_name(self));
    if (args && MP_TUPLE_SIZE(args) == 1) {
        mp_strbuf_add_char(&b, '(');
        if (mp_strbuf_add_repr(&b, MP_TUPLE_ITEMS(args)[0]) < 0)
            goto fail;
        mp_strbuf_add_char(&b, ')');
    } else if (args && MP_TUPLE_SIZE(args) > 1) {
        if (mp_strbuf_add_repr(&b, args) < 0)
            goto fail;
    } else {
        mp_strbuf_add_cstr(&b, "()");
    }
    return mp_strbuf_finish(&b);
fail:
    mp_strbuf_free(&b);
    return NULL;
}

static MpObject *get_args(MpObject *self)
{
    MpObject *a = ((MpException *)self)->args;
    MP_INCREF(a);
    return a;
}

static int set_args(MpObject *self, MpObject *value)
{
    if (!value || value->type != &mp_tuple_type.gc) {
        mp_err_set(mp_TypeError, "args must be a tuple");
        return -1;
    }
    MP_INCREF(value);
    MP_SETREF(((MpException *)self)->args, value);
    return 0;
}

/* The getter of an optional field: its value or None. */
#define EXC_FIELD_GETTER(field)                                                \
    static MpObject *get_##field(MpObject *self)                               \
    {                                                                          \
        MpObject *v = ((MpException *)self)->field;                            \
        v = v ? v : mp_none;                                                   \
        MP_INCREF(v);                                                          \
        return v;                                                              \
    }

#define EXC_LINK_ACCESSORS(field, pyname)                                      \
    EXC_FIELD_GETTER(field)                                                    \
    static int set_##field(MpObject *self, MpObject *value)                    \
    {                                                                          \
        if (value == mp_none)                                                  \
            value = NULL;                                                      \
        else if (value && !mp_is_instance_of(value, mp_BaseException)) {       \
            mp_err_set(mp_TypeError,                                           \
                       "exception " pyname " must be None or derive from BaseException"); \
            return -1;                                                         \
        }                                                                      \
        MP_XINCREF(value);                                                     \
        MP_SETREF(((MpException *)self)->field, value);                        \
        return 0;                                                              \
    }
EXC_LINK_ACCESSORS(cause, "cause")
EXC_LINK_ACCESSORS(context, "context")

static MpObject *get_suppress_context(MpObject *self)
{
    return mp_bool(((MpException *)self)->suppress_context);
}

static int set_suppress_context(MpObject *self, MpObject *value)
{
    int t = value ? mp_truthy(value) : 0;
    if (t < 0)
        return -1;
    ((MpException *)self)->suppress_context = t;
    return 0;
}

static const MpGetSetDef exception_getsets[] = {
    {"args", get_args, set_args},
    {"__suppress_context__", get_suppress_context, set_suppress_context},
    {"__cause__", get_cause, set_cause},
    {"__traceback__", mp_traceback_object, NULL},
    {"__context__", get_context, set_context},
    {NULL, NULL, NULL},
};

/* StopIteration.value: the first argument, or None (read-only here). */
static MpObject *get_stop_value(MpObject *self)
{
    MpObject *args = ((MpException *)self)->args;
    MpObject *v = args && MP_TUPLE_SIZE(args) > 0 ? MP_TUPLE_ITEMS(args)[0] : mp_none;
    MP_INCREF(v);
    return v;
}

static const MpGetSetDef stop_iteration_getsets[] = {
    {"value", get_stop_value, NULL},
    {NULL, NULL, NULL},
};

MpObject *mp_system_exit_code(MpObject *exc)
{
    MpObject *args = ((MpException *)exc)->args;
    int64_t n = args ? MP_TUPLE_SIZE(args) : 0;
    MpObject *v = n == 0 ? mp_none : n == 1 ? MP_TUPLE_ITEMS(args)[0] : args;
    MP_INCREF(v);
    return v;
}

static const MpGetSetDef system_exit_getsets[] = {
    {"code", mp_system_exit_code, NULL},
    {NULL, NULL, NULL},
};

/* BaseException.__init__(self, *args): args replace the constructor's. */
static MpObject *exception_init(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    if (kwnames && MP_TUPLE_SIZE(kwnames) > 0)
        return mp_err_format(mp_TypeError, "%s() takes no keyword arguments",
                             mp_type_name(self));
    MpObject *t = mp_tuple_new((int64_t)nargs);
    if (!t)
        return NULL;
    for (size_t i = 0; i < nargs; i++) {
        MP_INCREF(args[i]);
        MP_TUPLE_ITEMS(t)[i] = args[i];
    }
    MP_SETREF(((MpException *)self)->args, t);
    MP_RETURN_NONE;
}

/* NameError.__init__ and AttributeError.__init__: args, then the keywords. */
static MpObject *name_exception_init(MpObject *self, MpObject *const *args,
                                     size_t nargs, MpObject *kwnames)
{
    MpObject *r = exception_init(self, args, nargs, NULL);
    if (r && set_name_keywords(self, args + nargs, kwnames) < 0)
        MP_CLEAR(r);
    return r;
}

static MpObject *exception_with_traceback(MpObject *self, MpObject *const *args,
                                          size_t nargs, MpObject *kwnames)
{
    (void)args;
    (void)nargs;
    (void)kwnames;
    MP_INCREF(self);
    return self;
}

static const MpMethodDef exception_methods[] = {
    {"__init__", exception_init, 0, "__init__(self, /, *args)"},
    {"with_traceback", exception_with_traceback, 0, "with_traceback(self, tb, /)"},
    {NULL, NULL, 0, NULL},
};

static const MpMethodDef name_error_methods[] = {
    {"__init__", name_exception_init, 0, "__init__(self, /, *args, name=None)"},
    {NULL, NULL, 0, NULL},
};

static const MpMethodDef attribute_error_methods[] = {
    {"__init__", name_exception_init, 0,
     "__init__(self, /, *args, name=None, obj=None)"},
    {NULL, NULL, 0, NULL},
};

/* NameError.name, AttributeError.obj: any object, None when unset. */
#define EXC_MEMBER_ACCESSORS(field)                                            \
    EXC_FIELD_GETTER(field)                                                    \
    static int set_##field(MpObject *self, MpObject *value)                    \
    {                                                                          \
        MP_XINCREF(value);                                                     \
        MP_SETREF(((MpException *)self)->field, value);                        \
        return 0;                                                              \
    }
EXC_MEMBER_ACCESSORS(name)
EXC_MEMBER_ACCESSORS(obj)

static const MpGetSetDef name_error_getsets[] = {
    {"name", get_name, set_name},
    {NULL, NULL, NULL},
};

static const MpGetSetDef attribute_error_getsets[] = {
    {"name", get_name, set_name},
    {"obj", get_obj, set_obj},
    {NULL, NULL, NULL},
};

/* The classes differ only in name and base (KeyError's str is special-cased
   in mp_exception_str). BaseException's base is object. */
#define mp_exc_object mp_object_type
#define MP_DEFINE_EXC(cls, basecls)                                          \
    MpType mp_exc_##cls = {                                                   \
        MP_STATIC_TYPE_HEAD,                                                   \
        .base = &mp_exc_##basecls,                                            \
        .gc = {.name = #cls,                                                  \
               .traverse = exception_traverse,                                 \
               .clear = exception_clear,                                       \
               .dealloc = exception_dealloc,                                   \
               .size = exception_size},                                        \
        .basicsize = sizeof(MpException),                                      \
        .attrs_offset = offsetof(MpException, attrs),                          \
        .flags = MP_TF_BASETYPE | MP_TF_EXCEPTION,                             \
        .new_ = exception_new,                                                 \
        .repr = exception_repr,                                                \
        .str = mp_exception_str,                                               \
    };
MP_EXCEPTION_TYPES(MP_DEFINE_EXC)
#undef MP_DEFINE_EXC
#undef mp_exc_object

bool mp_is_exception_type(MpObject *o)
{
    return o->type == &mp_type_type.gc &&
           mp_type_is_subtype((MpType *)o, mp_BaseException);
}

/* ==== The pending exception ==== */

void mp_err_set_object(MpObject *exc)
{
    MP_INCREF(exc);
    MP_SETREF(pending, exc);
}

MpObject *mp_err_nomemory(void)
{
    mp_err_set_object(&prealloc_memory_error->ob);
    return NULL;
}

MpObject *mp_err_set_value(MpType *type, MpObject *value)
{
    MpObject *exc = mp_exception_new(type, &value, 1);
    if (!exc)
        return NULL;
    mp_err_set_object(exc);
    MP_DECREF(exc);
    return NULL;
}

MpObject *mp_err_set(MpType *type, const char *message)
{
    MpObject *msg = mp_str_from_cstr(message);
    if (!msg)
        return NULL;
    mp_err_set_value(type, msg);
    MP_DECREF(msg);
    return NULL;
}

MpObject *mp_err_format(MpType *type, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return mp_err_set(type, fmt);
    if ((size_t)n < sizeof small)
        return mp_err_set(type, small);
    char *big = malloc((size_t)n + 1);
    if (!big)
        return mp_err_nomemory();
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    mp_err_set(type, big);
    free(big);
    return NULL;
}

void mp_err_add_name_context(MpObject *name)
{
    MpException *e = (MpException *)pending;
    if (e && mp_type(pending) == mp_NameError && !e->name) {
        MP_INCREF(name);
        e->name = name;
    }
}

void mp_err_add_attribute_context(MpObject *obj, MpObject *name)
{
    MpException *e = (MpException *)pending;
    if (e && mp_is_instance_of(pending, mp_AttributeError) && !e->name && !e->obj) {
        MP_INCREF(name);
        e->name = name;
        MP_INCREF(obj);
        e->obj = obj;
    }
}

bool mp_err_occurred(void)
{
    return pending != NULL;
}

bool mp_err_matches(MpType *type)
{
    return pending && mp_is_instance_of(pending, type);
}

MpObject *mp_err_fetch(void)
{
    MpObject *e = pending;
    pending = NULL;
    return e;
}

void mp_err_clear(void)
{
    MP_CLEAR(pending);
}

MpObject *mp_err_peek(void)
{
    return pending;
}

int mp_errors_init(void)
{
    mp_exc_BaseException.methods = exception_methods;
    mp_exc_BaseException.getsets = exception_getsets;
    mp_exc_NameError.methods = name_error_methods;
    mp_exc_NameError.getsets = name_error_getsets;
    mp_exc_AttributeError.methods = attribute_error_methods;
    mp_exc_AttributeError.getsets = attribute_error_getsets;
    mp_exc_StopIteration.getsets = stop_iteration_getsets;
    mp_exc_SystemExit.getsets = system_exit_getsets;
#define MP_READY_EXC(cls, basecls)                                             \
    if (mp_type_ready(&mp_exc_##cls) < 0)                                     \
        return -1;
    MP_EXCEPTION_TYPES(MP_READY_EXC)
#undef MP_READY_EXC
    prealloc_memory_error = (MpException *)mp_exception_new(mp_MemoryError, NULL, 0);
    return prealloc_memory_error ? 0 : -1;
}

void mp_errors_fini(void)
{
    MP_CLEAR(pending);
    MP_CLEAR(prealloc_memory_error);
}

/* ==== Our own bugs (not Minipy exceptions) ==== */

void mp_assert_abort(const char *expr, const char *file, int line)
{
    fprintf(stderr, "minipy: internal error: assertion %s failed at %s:%d\n", expr, file,
            line);
    abort();
}

#ifndef NDEBUG
void mp_assert_fail(const char *expr, const char *file, int line)
{
    mp_assert_abort(expr, file, line);
}
#endif
