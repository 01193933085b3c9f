/*
 * kernel/builtins/display.c - display(), update_display(), clear_output() and mime
 * bundles, as IPython.display offers them to notebook code.
 */
#include "display.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "builtins.h"
#include "output.h"

#include <stdio.h>
#include <string.h>

static int print_hook(void *ctx, MpDisplayKind kind, MpObject *bundle,
                      const char *display_id, bool wait)
{
    (void)ctx;
    (void)display_id;
    (void)wait;
    if (kind == MP_DISPLAY_CLEAR)
        return 0;
    MpObject *text = mp_dict_get_cstr(bundle, "text/plain");
    if (text && mp_is_str(text)) {
        mp_output_write(1, MP_STR_DATA(text), (size_t)MP_STR_SIZE(text));
        mp_output_write(1, "\n", 1);
    }
    return 0;
}

static MpDisplayHook hook = print_hook;
static void *hook_ctx;

void mp_display_set_hook(MpDisplayHook h, void *ctx)
{
    hook = h ? h : print_hook;
    hook_ctx = h ? ctx : NULL;
}

MpObject *mp_display_bundle(MpObject *value)
{
    static const char *const reprs[][2] = {
        {"_repr_html_", "text/html"},
        {"_repr_svg_", "image/svg+xml"},
        {"_repr_markdown_", "text/markdown"},
    };
    MpObject *bundle = mp_dict_new();
    MpObject *plain = bundle ? mp_repr(value) : NULL;
    if (!plain || mp_dict_set_cstr(bundle, "text/plain", plain) < 0)
        goto fail;
    MP_DECREF(plain);
    plain = NULL;
    for (size_t i = 0; i < sizeof reprs / sizeof reprs[0]; i++) {
        MpObject *name = mp_str_intern(reprs[i][0]);
        MpObject *method = name ? mp_type_lookup(mp_type(value), name) : NULL;
        MP_XDECREF(name);
        if (!method)
            continue;
        MpObject *r = mp_call1(method, value);
        if (!r)
            goto fail;
        int rc = mp_is_str(r) ? mp_dict_set_cstr(bundle, reprs[i][1], r) : 0;
        MP_DECREF(r);
        if (rc < 0)
            goto fail;
    }
    return bundle;
fail:
    MP_XDECREF(plain);
    MP_XDECREF(bundle);
    return NULL;
}

int mp_display_show_bundle(MpObject *bundle)
{
    return hook(hook_ctx, MP_DISPLAY_SHOW, bundle, NULL, false);
}

/* display_id: a str, or True for a fresh one (returned so it can be updated). */
static const char *display_id_of(MpObject *arg, char *buf, size_t size, MpObject **out)
{
    static long next_id;
    *out = NULL;
    if (!arg || arg == mp_none || arg == mp_false)
        return NULL;
    if (arg == mp_true) {
        snprintf(buf, size, "minipy-display-%ld", ++next_id);
        *out = mp_str_from_cstr(buf);
        return *out ? buf : NULL;
    }
    if (!mp_is_str(arg)) {
        mp_err_set(mp_TypeError, "display_id must be a str or True");
        return NULL;
    }
    MP_INCREF(arg);
    *out = arg;
    return MP_STR_DATA(arg);
}

static MpObject *builtin_display(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"display_id", NULL};
    MpObject *kw[1];
    if (mp_args_kwonly("display", args, nargs, kwnames, names, kw) < 0)
        return NULL;
    char buf[64];
    MpObject *id_obj;
    const char *id = display_id_of(kw[0], buf, sizeof buf, &id_obj);
    if (!id && mp_err_occurred())
        return NULL;
    for (size_t i = 0; i < nargs; i++) {
        MpObject *bundle = mp_display_bundle(args[i]);
        int r = bundle ? hook(hook_ctx, MP_DISPLAY_SHOW, bundle, id, false) : -1;
        MP_XDECREF(bundle);
        if (r < 0) {
            MP_XDECREF(id_obj);
            return NULL;
        }
    }
    if (id_obj)
        return id_obj;
    MP_RETURN_NONE;
}

static MpObject *builtin_update_display(MpObject *self, MpObject *const *args, size_t nargs,
                                        MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"obj", "display_id", NULL};
    MpObject *a[2];
    if (mp_args_parse("update_display", args, nargs, kwnames, names, 0, 2, a) < 0)
        return NULL;
    if (!mp_is_str(a[1]))
        return mp_err_set(mp_TypeError, "display_id must be a str");
    MpObject *bundle = mp_display_bundle(a[0]);
    int r = bundle ? hook(hook_ctx, MP_DISPLAY_UPDATE, bundle, MP_STR_DATA(a[1]), false) : -1;
    MP_XDECREF(bundle);
    if (r < 0)
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *builtin_clear_output(MpObject *self, MpObject *const *args, size_t nargs,
                                      MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"wait", NULL};
    MpObject *a[1];
    if (mp_args_parse("clear_output", args, nargs, kwnames, names, 0, 0, a) < 0)
        return NULL;
    int wait = a[0] ? mp_truthy(a[0]) : 0;
    if (wait < 0 || hook(hook_ctx, MP_DISPLAY_CLEAR, NULL, NULL, wait) < 0)
        return NULL;
    MP_RETURN_NONE;
}

static const MpMethodDef display_functions[] = {
    {"display", builtin_display, 0,
     "display(*objs, display_id=None)\nShow each object with its richest representation."},
    {"update_display", builtin_update_display, 0,
     "update_display(obj, display_id)\nReplace what was displayed under display_id."},
    {"clear_output", builtin_clear_output, 0,
     "clear_output(wait=False)\nClear the output of the current cell."},
    {NULL, NULL, 0, NULL},
};

int mp_display_init(MpObject *builtins)
{
    for (const MpMethodDef *d = display_functions; d->name; d++) {
        MpObject *f = mp_native_new(d, NULL);
        if (!f || mp_dict_set_cstr(builtins, d->name, f) < 0) {
            MP_XDECREF(f);
            return -1;
        }
        MP_DECREF(f);
    }
    return 0;
}
