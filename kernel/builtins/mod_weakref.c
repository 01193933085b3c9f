/*
 * kernel/builtins/mod_weakref.c - owns the weakref module: weakref.ref (CPython's
 * ReferenceType) on top of gc/'s GcWeakRef, and weakref.finalize.
 *
 * A ref embeds a GcWeakRef that gc/ clears when the referent dies, by refcount or
 * in a collection, and then calls back (ref_callback). A finalize holds a ref
 * whose callback is the finalize itself; while alive it sits in a registry that
 * keeps it alive, as CPython's finalize._registry, and the alive ones marked
 * atexit run when the program ends, newest first.
 */
#include "builtins.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "module.h"
#include "runtime.h"
#include "vm.h"

/* ==== weakref.ref ==== */

typedef struct WeakRef {
    MpObject ob;
    GcWeakRef wr;
    MpObject *callback; /* owned; NULL when none or once called */
    /* A static referent (a builtin type): immortal, so it has no weakref list
       and the reference never dies. NULL otherwise. */
    MpObject *immortal;
    int64_t hash; /* -1 until computed */
} WeakRef;

static MpType ref_type;

#define AS_REF(o) ((WeakRef *)(o))

/* The referent (borrowed), NULL once it died. */
static MpObject *ref_target(MpObject *self)
{
    WeakRef *r = AS_REF(self);
    return r->immortal ? r->immortal : gc_weakref_get(&r->wr);
}

/* gc/ cleared the reference and keeps the ref alive during this call. As
   CPython's handle_callback: callback(ref), errors unraisable; the callback is
   dropped first, so it runs once. An exception already pending (the referent
   died while one was propagating) is kept aside and restored. */
static void ref_callback(GcWeakRef *wr)
{
    WeakRef *r = (WeakRef *)((char *)wr - offsetof(WeakRef, wr));
    MpObject *cb = r->callback;
    r->callback = NULL;
    if (!cb)
        return;
    MpObject *saved = mp_err_fetch();
    MpObject *res = mp_call1(cb, &r->ob);
    if (res)
        MP_DECREF(res);
    else
        mp_err_write_unraisable(cb);
    MP_DECREF(cb);
    if (saved) {
        mp_err_set_object(saved);
        MP_DECREF(saved);
    }
}

/* Can o be weakly referenced? As CPython: instances of classes, functions,
   methods, classes, sets, modules, builtin functions; not lists, dicts, tuples,
   ints, strs, None, or weakrefs themselves. */
static bool weakrefable(MpObject *o)
{
    MpType *t = mp_type(o);
    if (!(t->flags & (MP_TF_HEAP | MP_TF_WEAKREFABLE)))
        return false;
    return gc_can_weakref(o) || o->refcnt >= MP_IMMORTAL_REFCNT / 2;
}

/* A new reference to o, or the existing callback-less one when callback is
   NULL (CPython shares that "basic" ref). callback None means none. */
static MpObject *ref_new(MpObject *o, MpObject *callback)
{
    if (!weakrefable(o))
        return mp_err_format(mp_TypeError, "cannot create weak reference to '%s' object",
                             mp_type_name(o));
    if (callback == mp_none)
        callback = NULL;
    bool immortal = !gc_can_weakref(o);
    GcWeakRef *head = immortal ? NULL : gc_weakrefs_of(o);
    if (!callback && head && !head->callback && head->owner->type == &ref_type.gc) {
        MP_INCREF(head->owner);
        return head->owner;
    }
    WeakRef *r = (WeakRef *)gc_alloc(&ref_type.gc, sizeof(WeakRef));
    if (!r)
        return mp_err_nomemory();
    r->hash = -1;
    r->callback = callback;
    MP_XINCREF(callback);
    gc_track(&r->ob);
    if (immortal) {
        r->immortal = o;
    } else if (gc_weakref_attach(&r->wr, &r->ob, o, callback ? ref_callback : NULL) <
               0) {
        MP_DECREF(&r->ob);
        return mp_err_nomemory();
    }
    return &r->ob;
}

/* weakref.ref(object[, callback]) */
static MpObject *ref_new_(MpType *type, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    (void)type;
    if (mp_args_no_kw("ref", kwnames) < 0 || mp_args_count("__new__", nargs, 1, 2) < 0)
        return NULL;
    return ref_new(args[0], nargs > 1 ? args[1] : NULL);
}

/* r(): the referent or None. */
static MpObject *ref_call(MpObject *self, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    (void)args;
    if (mp_args_no_kw("weakref", kwnames) < 0)
        return NULL;
    if (nargs != 0)
        return mp_err_format(mp_TypeError, "weakref expected 0 arguments, got %zu", nargs);
    MpObject *o = ref_target(self);
    if (!o)
        o = mp_none;
    MP_INCREF(o);
    return o;
}

/* "<weakref at 0x..; to 'A' at 0x..>", with " (name)" for referents that have
   a str __name__ (functions, classes), or "<weakref at 0x..; dead>". */
static MpObject *ref_repr(MpObject *self)
{
    MpObject *o = ref_target(self);
    if (!o)
        return mp_str_format_c("<weakref at %p; dead>", (void *)self);
    MP_INCREF(o);
    MpObject *key = mp_str_intern("__name__");
    MpObject *name = NULL;
    int found = key ? mp_lookup_attr(o, key, &name) : -1;
    MP_XDECREF(key);
    MpObject *r = NULL;
    if (found >= 0) {
        if (found && mp_is_str(name))
            r = mp_str_format_c("<weakref at %p; to '%s' at %p (%s)>", (void *)self,
                                mp_type_name(o), (void *)o, MP_STR_DATA(name));
        else
            r = mp_str_format_c("<weakref at %p; to '%s' at %p>", (void *)self,
                                mp_type_name(o), (void *)o);
    }
    MP_XDECREF(name);
    MP_DECREF(o);
    return r;
}

/* The referent's hash, computed once; "weak object has gone away" when it died
   before anyone asked. */
static int64_t ref_hash(MpObject *self)
{
    WeakRef *r = AS_REF(self);
    if (r->hash != -1)
        return r->hash;
    MpObject *o = ref_target(self);
    if (!o) {
        mp_err_set(mp_TypeError, "weak object has gone away");
        return -1;
    }
    MP_INCREF(o);
    r->hash = mp_hash(o);
    MP_DECREF(o);
    return r->hash;
}

/* == and != compare the referents while both live, else identity. */
static MpObject *ref_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    if ((op != MP_EQ && op != MP_NE) || a->type != &ref_type.gc ||
        b->type != &ref_type.gc) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    MpObject *x = ref_target(a), *y = ref_target(b);
    if (!x || !y)
        return mp_bool((a == b) == (op == MP_EQ));
    MP_INCREF(x);
    MP_INCREF(y);
    MpObject *r = mp_richcompare(x, y, op);
    MP_DECREF(x);
    MP_DECREF(y);
    return r;
}

static MpObject *ref_get_callback(MpObject *self)
{
    MpObject *cb = AS_REF(self)->callback;
    if (!cb)
        cb = mp_none;
    MP_INCREF(cb);
    return cb;
}

static int ref_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpObject *cb = AS_REF(self)->callback;
    return cb ? visit(cb, arg) : 0;
}

static void ref_clear(GcHead *self)
{
    gc_weakref_detach(&AS_REF(self)->wr);
    AS_REF(self)->immortal = NULL;
    MP_CLEAR(AS_REF(self)->callback);
}

static void ref_dealloc(GcHead *self)
{
    gc_weakref_detach(&AS_REF(self)->wr);
    MpObject *cb = AS_REF(self)->callback;
    gc_free(self);
    MP_XDECREF(cb);
}

static size_t ref_size(const GcHead *self)
{
    (void)self;
    return 64; /* CPython's PyWeakReference */
}

static const MpGetSetDef ref_getsets[] = {
    {"__callback__", ref_get_callback, NULL},
    {NULL, NULL, NULL},
};

static MpType ref_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "weakref.ReferenceType",
           .traverse = ref_traverse,
           .clear = ref_clear,
           .dealloc = ref_dealloc,
           .size = ref_size,
           .weakref_offset = offsetof(WeakRef, wr)},
    .basicsize = sizeof(WeakRef),
    .new_ = ref_new_,
    .repr = ref_repr,
    .hash = ref_hash,
    .richcompare = ref_richcompare,
    .call = ref_call,
    .getsets = ref_getsets,
};

/* ==== weakref.finalize ==== */

typedef struct Finalize {
    MpObject ob;
    /* While alive: the ref to the object (its callback is this finalize), what
       to call, and the registry links. All NULL once called or detached. */
    MpObject *ref;
    MpObject *func;
    MpObject *args;   /* tuple */
    MpObject *kwargs; /* dict or NULL */
    bool atexit;
    uint64_t index; /* creation order */
    struct Finalize *prev, *next;
} Finalize;

static MpType finalize_type;

#define AS_FIN(o) ((Finalize *)(o))

/* The alive finalizers, oldest first; each link holds a reference. */
static Finalize *registry_first, *registry_last;
static uint64_t next_index;
/* Set when the program's exit handler ran: finalizers no longer call. */
static bool shutting_down;
static bool atexit_registered;

static void finalize_atexit(void);

static bool finalize_alive(const Finalize *f)
{
    return f->ref != NULL;
}

/* Leave the registry: *out receives func, args, kwargs (new references; kwargs
   may be NULL); the registry's reference to f is returned to the caller, who
   must drop it. Only for an alive f. */
static void finalize_pop(Finalize *f, MpObject **func, MpObject **args,
                         MpObject **kwargs)
{
    if (f->prev)
        f->prev->next = f->next;
    else
        registry_first = f->next;
    if (f->next)
        f->next->prev = f->prev;
    else
        registry_last = f->prev;
    f->prev = f->next = NULL;
    *func = f->func;
    *args = f->args;
    *kwargs = f->kwargs;
    f->func = f->args = f->kwargs = NULL;
    MP_CLEAR(f->ref);
}

/* finalize(obj, func, /, *args, **kwargs) */
static MpObject *finalize_new_(MpType *type, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)type;
    if (nargs < 2)
        return mp_err_format(mp_TypeError,
                             "finalize.__init__() missing %s required positional "
                             "argument%s: %s",
                             nargs == 0 ? "2" : "1", nargs == 0 ? "s" : "",
                             nargs == 0 ? "'obj' and 'func'" : "'func'");
    if (!weakrefable(args[0]))
        return mp_err_format(mp_TypeError, "cannot create weak reference to '%s' object",
                             mp_type_name(args[0]));
    if (!atexit_registered) {
        if (mp_runtime_atexit(finalize_atexit) < 0)
            return mp_err_set(mp_RuntimeError, "too many exit handlers");
        atexit_registered = true;
    }
    Finalize *f = (Finalize *)gc_alloc(&finalize_type.gc, sizeof(Finalize));
    if (!f)
        return mp_err_nomemory();
    gc_track(&f->ob);
    f->func = args[1];
    MP_INCREF(f->func);
    f->args = mp_tuple_new((int64_t)nargs - 2);
    if (!f->args) {
        MP_DECREF(&f->ob);
        return NULL;
    }
    for (size_t i = 2; i < nargs; i++) {
        MP_INCREF(args[i]);
        MP_TUPLE_ITEMS(f->args)[i - 2] = args[i];
    }
    int64_t nkw = kwnames ? MP_TUPLE_SIZE(kwnames) : 0;
    if (nkw > 0 && !(f->kwargs = mp_dict_new())) {
        MP_DECREF(&f->ob);
        return NULL;
    }
    for (int64_t i = 0; i < nkw; i++) {
        if (mp_dict_set(f->kwargs, MP_TUPLE_ITEMS(kwnames)[i], args[nargs + (size_t)i]) <
            0) {
            MP_DECREF(&f->ob);
            return NULL;
        }
    }
    if (!(f->ref = ref_new(args[0], &f->ob))) {
        MP_DECREF(&f->ob);
        return NULL;
    }
    f->atexit = true;
    f->index = next_index++;
    MP_INCREF(&f->ob); /* the registry's reference */
    f->prev = registry_last;
    if (registry_last)
        registry_last->next = f;
    else
        registry_first = f;
    registry_last = f;
    return &f->ob;
}

/* f(_=None): leave the registry and call func(*args, **kwargs) the first time,
   return None afterwards (and once the program is shutting down). */
static MpObject *finalize_call(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("finalize.__call__", nargs, kwnames, 0, 1) < 0)
        return NULL;
    Finalize *f = AS_FIN(self);
    if (!finalize_alive(f))
        MP_RETURN_NONE;
    MpObject *func, *fargs, *fkwargs;
    finalize_pop(f, &func, &fargs, &fkwargs);
    MpObject *r;
    if (shutting_down) {
        r = mp_none;
        MP_INCREF(r);
    } else {
        r = vm_call_ex(func, fargs, fkwargs);
    }
    MP_DECREF(func);
    MP_DECREF(fargs);
    MP_XDECREF(fkwargs);
    MP_DECREF(self); /* the registry's reference; the caller still holds one */
    return r;
}

/* (obj, func, args, kwargs) while alive and obj lives, else None. */
static MpObject *finalize_info(Finalize *f, bool detach)
{
    MpObject *o = finalize_alive(f) ? ref_target(f->ref) : NULL;
    if (!o)
        MP_RETURN_NONE;
    MpObject *kw = f->kwargs;
    if (kw)
        MP_INCREF(kw);
    else if (!(kw = mp_dict_new()))
        return NULL;
    MpObject *t = mp_tuple_pack(4, o, f->func, f->args, kw);
    MP_DECREF(kw);
    if (t && detach) {
        MpObject *func, *fargs, *fkwargs;
        finalize_pop(f, &func, &fargs, &fkwargs);
        MP_DECREF(func);
        MP_DECREF(fargs);
        MP_XDECREF(fkwargs);
        MP_DECREF(&f->ob);
    }
    return t;
}

static MpObject *finalize_detach(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("detach", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return finalize_info(AS_FIN(self), true);
}

static MpObject *finalize_peek(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("peek", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return finalize_info(AS_FIN(self), false);
}

static MpObject *finalize_get_alive(MpObject *self)
{
    return mp_bool(finalize_alive(AS_FIN(self)));
}

static MpObject *finalize_get_atexit(MpObject *self)
{
    return mp_bool(finalize_alive(AS_FIN(self)) && AS_FIN(self)->atexit);
}

static int finalize_set_atexit(MpObject *self, MpObject *value)
{
    if (!value) {
        mp_err_set(mp_AttributeError, "can't delete attribute");
        return -1;
    }
    int truth = mp_truthy(value);
    if (truth < 0)
        return -1;
    if (finalize_alive(AS_FIN(self)))
        AS_FIN(self)->atexit = truth;
    return 0;
}

static MpObject *finalize_repr(MpObject *self)
{
    Finalize *f = AS_FIN(self);
    MpObject *o = finalize_alive(f) ? ref_target(f->ref) : NULL;
    if (!o)
        return mp_str_format_c("<finalize object at %p; dead>", (void *)self);
    return mp_str_format_c("<finalize object at %p; for '%s' at %p>", (void *)self,
                           mp_type_name(o), (void *)o);
}

static int finalize_traverse(GcHead *self, GcVisit visit, void *arg)
{
    Finalize *f = AS_FIN(self);
    MpObject *fields[] = {f->ref, f->func, f->args, f->kwargs};
    for (size_t i = 0; i < 4; i++) {
        int r = fields[i] ? visit(fields[i], arg) : 0;
        if (r)
            return r;
    }
    return 0;
}

/* Only reached for a finalizer out of the registry (the registry is an outside
   reference, so an alive finalizer is never garbage). */
static void finalize_clear(GcHead *self)
{
    Finalize *f = AS_FIN(self);
    MP_CLEAR(f->func);
    MP_CLEAR(f->args);
    MP_CLEAR(f->kwargs);
    MP_CLEAR(f->ref);
}

static void finalize_dealloc(GcHead *self)
{
    Finalize *f = AS_FIN(self);
    MpObject *fields[] = {f->ref, f->func, f->args, f->kwargs};
    gc_free(self);
    for (size_t i = 0; i < 4; i++)
        MP_XDECREF(fields[i]);
}

static size_t finalize_size(const GcHead *self)
{
    (void)self;
    return 16; /* CPython's finalize has __slots__ = () */
}

static const MpMethodDef finalize_methods[] = {
    {"detach", finalize_detach, 0, "detach(self)"},
    {"peek", finalize_peek, 0, "peek(self)"},
    {NULL, NULL, 0, NULL},
};

static const MpGetSetDef finalize_getsets[] = {
    {"alive", finalize_get_alive, NULL},
    {"atexit", finalize_get_atexit, finalize_set_atexit},
    {NULL, NULL, NULL},
};

static MpType finalize_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "finalize",
           .traverse = finalize_traverse,
           .clear = finalize_clear,
           .dealloc = finalize_dealloc,
           .size = finalize_size},
    .basicsize = sizeof(Finalize),
    .new_ = finalize_new_,
    .repr = finalize_repr,
    .call = finalize_call,
    .methods = finalize_methods,
    .getsets = finalize_getsets,
};

/* At the end of the program, as CPython's finalize._exitfunc: with automatic
   collection off, call the alive finalizers marked atexit, newest first (one
   created meanwhile is newer still, so it runs next); an exception is printed
   like an uncaught one and the rest still run. Afterwards no finalizer calls. */
static void finalize_atexit(void)
{
    bool reenable = gc_is_enabled();
    if (reenable)
        gc_disable();
    for (;;) {
        Finalize *f = registry_last;
        while (f && !f->atexit)
            f = f->prev;
        if (!f)
            break;
        MP_INCREF(&f->ob);
        MpObject *r = finalize_call(&f->ob, NULL, 0, NULL);
        if (r)
            MP_DECREF(r);
        else
            mp_runtime_print_exception(2);
        MP_DECREF(&f->ob);
    }
    shutting_down = true;
    if (reenable)
        gc_enable();
}

void mod_weakref_fini(void)
{
    while (registry_first) {
        Finalize *f = registry_first;
        MpObject *func, *args, *kwargs;
        finalize_pop(f, &func, &args, &kwargs);
        MP_XDECREF(func);
        MP_XDECREF(args);
        MP_XDECREF(kwargs);
        MP_DECREF(&f->ob);
    }
    shutting_down = false;
    atexit_registered = false;
}

/* ==== The module ==== */

/* getweakrefcount(object): how many refs point at object. */
static MpObject *weakref_getweakrefcount(MpObject *self, MpObject *const *args,
                                         size_t nargs, MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("getweakrefcount", nargs, kwnames, 1, 1) < 0)
        return NULL;
    int64_t n = 0;
    for (GcWeakRef *r = gc_weakrefs_of(args[0]); r; r = r->next)
        n++;
    return mp_int_new(n);
}

/* getweakrefs(object): the refs pointing at object, in list order. */
static MpObject *weakref_getweakrefs(MpObject *self, MpObject *const *args,
                                     size_t nargs, MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("getweakrefs", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpObject *list = mp_list_new(0);
    for (GcWeakRef *r = gc_weakrefs_of(args[0]); list && r; r = r->next) {
        if (mp_list_append(list, r->owner) < 0)
            MP_CLEAR(list);
    }
    return list;
}

static const MpMethodDef weakref_functions[] = {
    {"getweakrefcount", weakref_getweakrefcount, 0, "getweakrefcount(object, /)"},
    {"getweakrefs", weakref_getweakrefs, 0, "getweakrefs(object, /)"},
    {NULL, NULL, 0, NULL},
};

/* Ready a type of this module: __name__ `name`, __module__ 'weakref'. */
static int ready_type(MpType *t, const char *name)
{
    if (!t->name && !(t->name = mp_str_intern(name)))
        return -1;
    if (!t->module && !(t->module = mp_str_intern("weakref")))
        return -1;
    return mp_type_ready(t);
}

MpObject *mod_weakref_init(void)
{
    if (ready_type(&ref_type, "ReferenceType") < 0 ||
        ready_type(&finalize_type, "finalize") < 0)
        return NULL;
    MpObject *m = mp_module_new("weakref");
    if (!m)
        return NULL;
    if (mp_module_add_functions(m, weakref_functions) < 0 ||
        mp_module_add(m, "ref", &ref_type.ob) < 0 ||
        mp_module_add(m, "ReferenceType", &ref_type.ob) < 0 ||
        mp_module_add(m, "finalize", &finalize_type.ob) < 0) {
        MP_DECREF(m);
        return NULL;
    }
    return m;
}
