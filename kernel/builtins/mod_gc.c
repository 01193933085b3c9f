/*
 * kernel/builtins/mod_gc.c - owns the gc module: CPython 3.11's Python-level API
 * over gc/'s collector, with CPython's return shapes and error messages.
 *
 * gc.garbage and gc.callbacks are lists that live as long as the runtime (the
 * module dict holds them too); gc/ reaches them during a collection through the
 * hooks at the end of this file, which mp_runtime_init() installs.
 */
#include "mod_gc.h"

#include "abstract.h"
#include "args.h"
#include "builtins.h"
#include "errors.h"
#include "module.h"
#include "output.h"

#include <limits.h>
#include <string.h>

/* The lists behind gc.garbage and gc.callbacks; NULL until `import gc`. */
static MpObject *garbage_list, *callbacks_list;

/* ==== Argument helpers ==== */

/* A C int as CPython's "i" converter: TypeError for non-integers, OverflowError
   outside the C int range. 0 or -1. */
static int as_c_int(MpObject *o, int *out)
{
    int64_t v;
    if (mp_index(o, &v) < 0)
        return -1;
    if (v > INT_MAX) {
        mp_err_set(mp_OverflowError, "signed integer is greater than maximum");
        return -1;
    }
    if (v < INT_MIN) {
        mp_err_set(mp_OverflowError, "signed integer is less than minimum");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* One optional parameter that may be given by name (Argument Clinic's messages):
   *out is borrowed, NULL when absent. 0 or -1. */
static int optional_arg(const char *fname, const char *name, MpObject *const *args,
                        size_t nargs, MpObject *kwnames, MpObject **out)
{
    size_t total = nargs + (kwnames ? (size_t)MP_TUPLE_SIZE(kwnames) : 0);
    if (total > 1) {
        mp_err_format(mp_TypeError, "%s() takes at most 1 argument (%zu given)", fname,
                      total);
        return -1;
    }
    const char *const names[] = {name, NULL};
    MpObject *kw;
    if (mp_args_kwonly(fname, args, nargs, kwnames, names, &kw) < 0)
        return -1;
    *out = nargs == 1 ? args[0] : kw;
    return 0;
}

/* ==== Switching and collecting ==== */

static MpObject *gc_enable_fn(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("gc.enable", nargs, kwnames, 0, 0) < 0)
        return NULL;
    gc_enable();
    MP_RETURN_NONE;
}

static MpObject *gc_disable_fn(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("gc.disable", nargs, kwnames, 0, 0) < 0)
        return NULL;
    gc_disable();
    MP_RETURN_NONE;
}

static MpObject *gc_isenabled_fn(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("gc.isenabled", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return mp_bool(gc_is_enabled());
}

/* collect(generation=2): the number of unreachable objects found. */
static MpObject *gc_collect_fn(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)self;
    MpObject *arg;
    int generation = GC_NUM_GENERATIONS - 1;
    if (optional_arg("collect", "generation", args, nargs, kwnames, &arg) < 0)
        return NULL;
    if (arg && as_c_int(arg, &generation) < 0)
        return NULL;
    if (generation < 0 || generation >= GC_NUM_GENERATIONS)
        return mp_err_set(mp_ValueError, "invalid generation");
    return mp_int_new((int64_t)gc_collect_gen(generation));
}

/* ==== Counts, thresholds, statistics, debug flags ==== */

/* A tuple of the three generations' values of get(g), read before the tuple is
   allocated (an allocation moves count0, as in CPython's Py_BuildValue). */
static MpObject *per_generation(int (*get)(int generation))
{
    int values[GC_NUM_GENERATIONS];
    for (int g = 0; g < GC_NUM_GENERATIONS; g++)
        values[g] = get(g);
    MpObject *t = mp_tuple_new(GC_NUM_GENERATIONS);
    if (!t)
        return NULL;
    for (int g = 0; g < GC_NUM_GENERATIONS; g++) {
        MpObject *v = mp_int_new(values[g]);
        if (!v) {
            MP_DECREF(t);
            return NULL;
        }
        MP_TUPLE_ITEMS(t)[g] = v;
    }
    return t;
}

static MpObject *gc_get_count_fn(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("gc.get_count", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return per_generation(gc_get_count);
}

static MpObject *gc_get_threshold_fn(MpObject *self, MpObject *const *args,
                                     size_t nargs, MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("gc.get_threshold", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return per_generation(gc_get_threshold);
}

/* set_threshold(threshold0[, threshold1[, threshold2]]): missing ones unchanged. */
static MpObject *gc_set_threshold_fn(MpObject *self, MpObject *const *args,
                                     size_t nargs, MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("set_threshold", kwnames) < 0)
        return NULL;
    if (nargs < 1 || nargs > GC_NUM_GENERATIONS)
        return mp_err_format(mp_TypeError, "set_threshold() takes at %s (%zu given)",
                             nargs < 1 ? "least 1 argument" : "most 3 arguments", nargs);
    int t[GC_NUM_GENERATIONS];
    for (size_t i = 0; i < nargs; i++)
        if (as_c_int(args[i], &t[i]) < 0)
            return NULL;
    for (size_t i = 0; i < nargs; i++)
        gc_set_threshold((int)i, t[i]);
    MP_RETURN_NONE;
}

/* get_stats(): [{'collections': c, 'collected': m, 'uncollectable': n}] * 3. */
static MpObject *gc_get_stats_fn(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("gc.get_stats", nargs, kwnames, 0, 0) < 0)
        return NULL;
    MpObject *list = mp_list_new(GC_NUM_GENERATIONS);
    if (!list)
        return NULL;
    for (int g = 0; g < GC_NUM_GENERATIONS; g++) {
        GcGenStats st = gc_get_stats(g);
        const char *keys[] = {"collections", "collected", "uncollectable"};
        size_t values[] = {st.collections, st.collected, st.uncollectable};
        MpObject *d = mp_dict_new();
        MP_LIST_ITEMS(list)[g] = d;
        for (int k = 0; d && k < 3; k++) {
            MpObject *v = mp_int_new((int64_t)values[k]);
            if (!v || mp_dict_set_cstr(d, keys[k], v) < 0)
                d = NULL;
            MP_XDECREF(v);
        }
        if (!d) {
            MP_DECREF(list);
            return NULL;
        }
    }
    return list;
}

static MpObject *gc_set_debug_fn(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    int flags;
    if (mp_args_check("gc.set_debug", nargs, kwnames, 1, 1) < 0 ||
        as_c_int(args[0], &flags) < 0)
        return NULL;
    gc_set_debug(flags);
    MP_RETURN_NONE;
}

static MpObject *gc_get_debug_fn(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("gc.get_debug", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return mp_int_new(gc_get_debug());
}

/* ==== Freezing ==== */

static MpObject *gc_freeze_fn(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("gc.freeze", nargs, kwnames, 0, 0) < 0)
        return NULL;
    gc_freeze();
    MP_RETURN_NONE;
}

static MpObject *gc_unfreeze_fn(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("gc.unfreeze", nargs, kwnames, 0, 0) < 0)
        return NULL;
    gc_unfreeze();
    MP_RETURN_NONE;
}

static MpObject *gc_get_freeze_count_fn(MpObject *self, MpObject *const *args,
                                        size_t nargs, MpObject *kwnames)
{
    (void)self;
    (void)args;
    if (mp_args_check("gc.get_freeze_count", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return mp_int_new((int64_t)gc_get_freeze_count());
}

/* ==== Objects and their references ==== */

/* A visit that appends each object to the list `arg`, skipping the list itself
   (CPython never reports its own result list). */
static int append_object(GcHead *o, void *arg)
{
    if (o == (GcHead *)arg)
        return 0;
    return mp_list_append((MpObject *)arg, o) < 0 ? -1 : 0;
}

/* get_objects(generation=None): the tracked objects of one generation or all. */
static MpObject *gc_get_objects_fn(MpObject *self, MpObject *const *args, size_t nargs,
                                   MpObject *kwnames)
{
    (void)self;
    MpObject *arg;
    if (optional_arg("get_objects", "generation", args, nargs, kwnames, &arg) < 0)
        return NULL;
    int64_t generation = -1;
    if (arg && arg != mp_none) {
        if (!mp_is_int(arg))
            return mp_err_format(mp_TypeError,
                                 "argument should be integer or None, not '%s'",
                                 mp_type_name(arg));
        generation = MP_INT_VALUE(arg);
        if (generation >= GC_NUM_GENERATIONS)
            return mp_err_format(mp_ValueError,
                                 "generation parameter must be less than the number "
                                 "of available generations (%d)",
                                 GC_NUM_GENERATIONS);
        if (generation < -1)
            return mp_err_set(mp_ValueError, "generation parameter cannot be negative");
    }
    MpObject *list = mp_list_new(0);
    if (!list)
        return NULL;
    if (gc_visit_objects((int)generation, append_object, list) != 0) {
        MP_DECREF(list);
        return NULL;
    }
    return list;
}

/* get_referrers(*objs): tracked objects whose traverse visits any of objs. */
static MpObject *gc_get_referrers_fn(MpObject *self, MpObject *const *args,
                                     size_t nargs, MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("get_referrers", kwnames) < 0)
        return NULL;
    MpObject *list = mp_list_new(0);
    if (!list)
        return NULL;
    if (nargs > 0 && gc_visit_referrers(args, nargs, append_object, list) != 0) {
        MP_DECREF(list);
        return NULL;
    }
    return list;
}

/* get_referents(*objs): what each object's traverse visits, in traverse order. */
static MpObject *gc_get_referents_fn(MpObject *self, MpObject *const *args,
                                     size_t nargs, MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("get_referents", kwnames) < 0)
        return NULL;
    MpObject *list = mp_list_new(0);
    if (!list)
        return NULL;
    for (size_t i = 0; i < nargs; i++) {
        if (gc_visit_referents(args[i], append_object, list) != 0) {
            MP_DECREF(list);
            return NULL;
        }
    }
    return list;
}

static MpObject *gc_is_tracked_fn(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("gc.is_tracked", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return mp_bool(gc_is_tracked(args[0]));
}

static MpObject *gc_is_finalized_fn(MpObject *self, MpObject *const *args, size_t nargs,
                                    MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("gc.is_finalized", nargs, kwnames, 1, 1) < 0)
        return NULL;
    return mp_bool(gc_is_finalized(args[0]));
}

static const MpMethodDef gc_functions[] = {
    {"enable", gc_enable_fn, 0, "enable($module, /)"},
    {"disable", gc_disable_fn, 0, "disable($module, /)"},
    {"isenabled", gc_isenabled_fn, 0, "isenabled($module, /)"},
    {"collect", gc_collect_fn, 0, "collect($module, /, generation=2)"},
    {"get_count", gc_get_count_fn, 0, "get_count($module, /)"},
    {"get_threshold", gc_get_threshold_fn, 0, "get_threshold($module, /)"},
    {"set_threshold", gc_set_threshold_fn, 0,
     "set_threshold(threshold0, [threshold1, threshold2])"},
    {"get_stats", gc_get_stats_fn, 0, "get_stats($module, /)"},
    {"set_debug", gc_set_debug_fn, 0, "set_debug($module, flags, /)"},
    {"get_debug", gc_get_debug_fn, 0, "get_debug($module, /)"},
    {"freeze", gc_freeze_fn, 0, "freeze($module, /)"},
    {"unfreeze", gc_unfreeze_fn, 0, "unfreeze($module, /)"},
    {"get_freeze_count", gc_get_freeze_count_fn, 0, "get_freeze_count($module, /)"},
    {"get_objects", gc_get_objects_fn, 0, "get_objects($module, /, generation=None)"},
    {"get_referrers", gc_get_referrers_fn, 0, "get_referrers(*objs)"},
    {"get_referents", gc_get_referents_fn, 0, "get_referents(*objs)"},
    {"is_tracked", gc_is_tracked_fn, 0, "is_tracked($module, obj, /)"},
    {"is_finalized", gc_is_finalized_fn, 0, "is_finalized($module, obj, /)"},
    {NULL, NULL, 0, NULL},
};

/* ==== The module ==== */

MpObject *mod_gc_init(void)
{
    /* gc.garbage and gc.callbacks outlive a re-import: gc/ may hold on to them
       between collections, as CPython's interpreter-wide lists. */
    if (!garbage_list && !(garbage_list = mp_list_new(0)))
        return NULL;
    if (!callbacks_list && !(callbacks_list = mp_list_new(0)))
        return NULL;
    MpObject *m = mp_module_new("gc");
    if (!m)
        return NULL;
    static const struct {
        const char *name;
        int value;
    } flags[] = {
        {"DEBUG_STATS", GC_DEBUG_STATS},
        {"DEBUG_COLLECTABLE", GC_DEBUG_COLLECTABLE},
        {"DEBUG_UNCOLLECTABLE", GC_DEBUG_UNCOLLECTABLE},
        {"DEBUG_SAVEALL", GC_DEBUG_SAVEALL},
        {"DEBUG_LEAK", GC_DEBUG_LEAK},
    };
    int rc = mp_module_add_functions(m, gc_functions);
    for (size_t i = 0; rc == 0 && i < sizeof flags / sizeof flags[0]; i++)
        rc = mp_module_add_new(m, flags[i].name, mp_int_new(flags[i].value));
    if (rc < 0 || mp_module_add(m, "garbage", garbage_list) < 0 ||
        mp_module_add(m, "callbacks", callbacks_list) < 0) {
        MP_DECREF(m);
        return NULL;
    }
    return m;
}

void mod_gc_fini(void)
{
    gc_set_debug(0);
    MP_CLEAR(callbacks_list);
    MP_CLEAR(garbage_list);
}

/* ==== Hooks called by gc/ during a collection ==== */

void mod_gc_save_garbage(GcHead *o)
{
    if (garbage_list && mp_list_append(garbage_list, o) < 0)
        mp_err_write_unraisable(garbage_list);
}

/* As CPython's invoke_gc_callback: one info dict per phase, shared by every
   callback; the list is re-read at each step, so callbacks may edit it. */
void mod_gc_on_collect(bool start, int generation, size_t collected,
                       size_t uncollectable)
{
    if (!callbacks_list || MP_LIST_SIZE(callbacks_list) == 0)
        return;
    MpObject *phase = mp_str_from_cstr(start ? "start" : "stop");
    MpObject *info = mp_dict_new();
    const char *keys[] = {"generation", "collected", "uncollectable"};
    int64_t values[] = {generation, (int64_t)collected, (int64_t)uncollectable};
    for (int k = 0; phase && info && k < 3; k++) {
        MpObject *v = mp_int_new(values[k]);
        if (!v || mp_dict_set_cstr(info, keys[k], v) < 0)
            MP_CLEAR(info);
        MP_XDECREF(v);
    }
    if (!phase || !info) {
        MP_XDECREF(phase);
        MP_XDECREF(info);
        mp_err_write_unraisable(callbacks_list);
        return;
    }
    for (int64_t i = 0; i < MP_LIST_SIZE(callbacks_list); i++) {
        MpObject *cb = MP_LIST_ITEMS(callbacks_list)[i];
        MP_INCREF(cb);
        MpObject *r = mp_call2(cb, phase, info);
        if (r)
            MP_DECREF(r);
        else
            mp_err_write_unraisable(cb);
        MP_DECREF(cb);
    }
    MP_DECREF(phase);
    MP_DECREF(info);
}

void mod_gc_debug_print(const char *text)
{
    mp_output_write(2, text, strlen(text));
}
