/*
 * kernel/builtins/mod_sys.c - owns the sys module: reference counts and object
 * sizes as CPython 3.11 reports them, the recursion limit, version data, argv and
 * the stdout/stderr stream objects.
 *
 * sys.stdout and sys.stderr write through mp_output_write(), so they follow
 * whatever sink the kernel installed, exactly as print() does.
 */
#include "builtins.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "module.h"
#include "output.h"
#include "vm.h"

#include <stdlib.h>
#include <string.h>

/* ==== sys.stdout / sys.stderr ==== */

typedef struct Stream {
    MpObject ob;
    int fd; /* 1 or 2 */
} Stream;

static MpObject *stream_write(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    if (mp_args_check("write", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpObject *s = args[0];
    if (!mp_is_str(s))
        return mp_err_format(mp_TypeError, "write() argument must be str, not %s",
                             mp_type_name(s));
    mp_output_write(((Stream *)self)->fd, MP_STR_DATA(s), (size_t)MP_STR_SIZE(s));
    return mp_int_new(MP_STR_LEN(s));
}

static MpObject *stream_flush(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("flush", nargs, kwnames, 0, 0) < 0)
        return NULL;
    mp_output_flush();
    MP_RETURN_NONE;
}

static MpObject *stream_repr(MpObject *self)
{
    return mp_str_format_c("<_io.TextIOWrapper name='<%s>' mode='w' encoding='utf-8'>",
                           ((Stream *)self)->fd == 2 ? "stderr" : "stdout");
}

static void stream_dealloc(GcHead *self)
{
    gc_free(self);
}

static size_t stream_size(const GcHead *self)
{
    (void)self;
    return 184; /* CPython's TextIOWrapper */
}

static const MpMethodDef stream_methods[] = {
    {"write", stream_write, 0, "write(self, text, /)"},
    {"flush", stream_flush, 0, "flush(self, /)"},
    {NULL, NULL, 0, NULL},
};

static MpType stream_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "_io.TextIOWrapper", .dealloc = stream_dealloc, .size = stream_size},
    .repr = stream_repr,
    .methods = stream_methods,
};

static MpObject *stream_new(int fd)
{
    Stream *s = (Stream *)gc_alloc(&stream_type.gc, sizeof(Stream));
    if (!s)
        return mp_err_nomemory();
    s->fd = fd;
    return &s->ob;
}

/* ==== sys.version_info ==== */

/* A read-only sequence wrapping the tuple (3, 11, 7, 'final', 0) that also has
   the named fields of CPython's struct sequence (version_info.major, ...). It
   indexes, slices, iterates and compares as that tuple. */
typedef struct VersionInfo {
    MpObject ob;
    MpObject *tuple;
} VersionInfo;

static MpType version_info_type;

static MpObject *unwrap_version(MpObject *o)
{
    return o->type == &version_info_type.gc ? ((VersionInfo *)o)->tuple : o;
}

static MpObject *field(MpObject *self, int i)
{
    MpObject *v = MP_TUPLE_ITEMS(((VersionInfo *)self)->tuple)[i];
    MP_INCREF(v);
    return v;
}

static MpObject *vi_major(MpObject *self)
{
    return field(self, 0);
}

static MpObject *vi_minor(MpObject *self)
{
    return field(self, 1);
}

static MpObject *vi_micro(MpObject *self)
{
    return field(self, 2);
}

static MpObject *vi_releaselevel(MpObject *self)
{
    return field(self, 3);
}

static MpObject *vi_serial(MpObject *self)
{
    return field(self, 4);
}

static MpObject *vi_repr(MpObject *self)
{
    (void)self;
    return mp_str_from_cstr("sys.version_info(major=3, minor=11, micro=7, "
                            "releaselevel='final', serial=0)");
}

static int64_t vi_hash(MpObject *self)
{
    return mp_hash(unwrap_version(self));
}

static MpObject *vi_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    return mp_richcompare(unwrap_version(a), unwrap_version(b), op);
}

static MpObject *vi_iter(MpObject *self)
{
    return mp_iter(unwrap_version(self));
}

static int64_t vi_len(MpObject *self)
{
    return mp_len(unwrap_version(self));
}

static MpObject *vi_getitem(MpObject *self, MpObject *key)
{
    return mp_getitem(unwrap_version(self), key);
}

static int vi_contains(MpObject *self, MpObject *item)
{
    return mp_contains(unwrap_version(self), item);
}

static void vi_dealloc(GcHead *self)
{
    MP_CLEAR(((VersionInfo *)self)->tuple);
    gc_free(self);
}

static size_t vi_size(const GcHead *self)
{
    (void)self;
    return 64; /* CPython: a 5-field struct sequence */
}

static const MpGetSetDef version_info_getsets[] = {
    {"major", vi_major, NULL},
    {"minor", vi_minor, NULL},
    {"micro", vi_micro, NULL},
    {"releaselevel", vi_releaselevel, NULL},
    {"serial", vi_serial, NULL},
    {NULL, NULL, NULL},
};

/* Not GC-tracked: it holds one tuple of ints and a str, never a cycle. */
static MpType version_info_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "sys.version_info", .dealloc = vi_dealloc, .size = vi_size},
    .repr = vi_repr,
    .hash = vi_hash,
    .richcompare = vi_richcompare,
    .iter = vi_iter,
    .len = vi_len,
    .getitem = vi_getitem,
    .contains = vi_contains,
    .getsets = version_info_getsets,
};

static MpObject *version_info_new(void)
{
    MpObject *v[5] = {mp_int_new(3), mp_int_new(11), mp_int_new(7),
                      mp_str_from_cstr("final"), mp_int_new(0)};
    MpObject *t = NULL;
    if (v[0] && v[1] && v[2] && v[3] && v[4])
        t = mp_tuple_pack(5, v[0], v[1], v[2], v[3], v[4]);
    for (int i = 0; i < 5; i++)
        MP_XDECREF(v[i]);
    if (!t)
        return NULL;
    VersionInfo *vi = (VersionInfo *)gc_alloc(&version_info_type.gc, sizeof(VersionInfo));
    if (!vi) {
        MP_DECREF(t);
        return mp_err_nomemory();
    }
    vi->tuple = t;
    return &vi->ob;
}

/* ==== Functions ==== */

static MpObject *sys_getrefcount(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("sys.getrefcount", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return mp_int_new((int64_t)args[0]->refcnt);
}

/* CPython 3.11's _PySys_GetSizeOf: __sizeof__, plus the GC header, plus the
   pre-header of a managed dict for instances of classes. */
static MpObject *sys_getsizeof(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"object", "default", NULL};
    MpObject *p[2];
    if (mp_args_parse("getsizeof", args, nargs, kwnames, names, 0, 1, p) < 0)
        return NULL;
    MpObject *o = p[0];
    MpType *t = mp_type(o);
    size_t size = t->gc.size ? t->gc.size(o) : t->basicsize;
    if (t->gc.traverse) /* by type, as PyObject_IS_GC: statics like () count too */
        size += 16;
    if (t->flags & MP_TF_HEAP)
        size += 16;
    return mp_int_new((int64_t)size);
}

static MpObject *sys_getrecursionlimit(MpObject *self, MpObject *const *args,
                                       size_t nargs, MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("sys.getrecursionlimit", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return mp_int_new(vm_get_recursion_limit());
}

static MpObject *sys_setrecursionlimit(MpObject *self, MpObject *const *args,
                                       size_t nargs, MpObject *kwnames)
{
    (void)self;
    int64_t n;
    if (mp_args_check("sys.setrecursionlimit", nargs, kwnames, 1, 1) < 0)
        return NULL;
    if (mp_index(args[0], &n) < 0)
        return NULL;
    if (n < 1)
        return mp_err_set(mp_ValueError, "recursion limit must be greater or equal than 1");
    if (n > INT32_MAX)
        return mp_err_set(mp_OverflowError, "Python int too large to convert to C int");
    vm_set_recursion_limit((int)n);
    MP_RETURN_NONE;
}

/* "exit expected at most 1 argument, got 2" */
static int check_at_most_one(const char *fname, size_t nargs)
{
    if (nargs <= 1)
        return 0;
    mp_err_format(mp_TypeError, "%s expected at most 1 argument, got %zu", fname, nargs);
    return -1;
}

/* sys.exit([status]): raise SystemExit(status). */
static MpObject *sys_exit(MpObject *self, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("exit", kwnames) < 0 || check_at_most_one("exit", nargs) < 0)
        return NULL;
    MpObject *exc = mp_exception_new(&mp_exc_SystemExit, args, nargs);
    if (exc) {
        mp_err_set_object(exc);
        MP_DECREF(exc);
    }
    return NULL;
}

static const MpMethodDef sys_functions[] = {
    {"getrefcount", sys_getrefcount, 0, "getrefcount(object, /)"},
    {"getsizeof", sys_getsizeof, 0, "getsizeof(object[, default])"},
    {"getrecursionlimit", sys_getrecursionlimit, 0, "getrecursionlimit()"},
    {"setrecursionlimit", sys_setrecursionlimit, 0, "setrecursionlimit(limit, /)"},
    {"exit", sys_exit, 0, "exit(status=None, /)"},
    {NULL, NULL, 0, NULL},
};

/* ==== The module ==== */

static int saved_argc;
static char **saved_argv;

void mod_sys_set_argv(int argc, char **argv)
{
    for (int i = 0; i < saved_argc; i++)
        free(saved_argv[i]);
    free(saved_argv);
    saved_argc = 0;
    saved_argv = argc > 0 ? calloc((size_t)argc, sizeof(char *)) : NULL;
    if (!saved_argv)
        return;
    for (int i = 0; i < argc; i++)
        if ((saved_argv[i] = strdup(argv[i])))
            saved_argc = i + 1;
}

static MpObject *make_argv(void)
{
    MpObject *list = mp_list_new(0);
    if (!list)
        return NULL;
    for (int i = 0; i < (saved_argc ? saved_argc : 1); i++) {
        MpObject *s = mp_text_decode(saved_argc ? saved_argv[i] : "",
                                     saved_argc ? strlen(saved_argv[i]) : 0);
        int rc = s ? mp_list_append(list, s) : -1;
        MP_XDECREF(s);
        if (rc < 0) {
            MP_DECREF(list);
            return NULL;
        }
    }
    return list;
}

MpObject *mod_sys_init(void)
{
    if (mp_type_ready(&stream_type) < 0 || mp_type_ready(&version_info_type) < 0)
        return NULL;
    MpObject *m = mp_module_new("sys");
    if (!m)
        return NULL;
    if (mp_module_add_functions(m, sys_functions) < 0 ||
        mp_module_add_new(m, "version", mp_str_from_cstr("3.11.7 (minipy 0.1.0)")) <
            0 ||
        mp_module_add_new(m, "version_info", version_info_new()) < 0 ||
        mp_module_add_new(m, "maxsize", mp_int_new(INT64_MAX)) < 0 ||
        mp_module_add_new(m, "platform", mp_str_from_cstr("linux")) < 0 ||
        mp_module_add_new(m, "byteorder", mp_str_from_cstr("little")) < 0 ||
        mp_module_add_new(m, "argv", make_argv()) < 0 ||
        mp_module_add_new(m, "stdout", stream_new(1)) < 0 ||
        mp_module_add_new(m, "stderr", stream_new(2)) < 0) {
        MP_DECREF(m);
        return NULL;
    }
    return m;
}
