/*
 * kernel/objects/module.c - module objects and the builtin module table.
 */
#include "module.h"

#include "abstract.h"
#include "errors.h"

#include <string.h>

static int module_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpModule *m = (MpModule *)self;
    int r;
    if (m->name && (r = visit(m->name, arg)))
        return r;
    return m->dict ? visit(m->dict, arg) : 0;
}

static void module_clear(GcHead *self)
{
    MP_CLEAR(((MpModule *)self)->dict);
}

static void module_dealloc(GcHead *self)
{
    module_clear(self);
    MP_CLEAR(((MpModule *)self)->name);
    gc_free(self);
}

static size_t module_size(const GcHead *self)
{
    (void)self;
    return 56;
}

static MpObject *module_repr(MpObject *self)
{
    return mp_str_format_c("<module '%s' (built-in)>", MP_STR_DATA(((MpModule *)self)->name));
}

MpType mp_module_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "module",
           .traverse = module_traverse,
           .clear = module_clear,
           .dealloc = module_dealloc,
           .size = module_size},
    .basicsize = sizeof(MpModule),
    .flags = MP_TF_WEAKREFABLE,
    .repr = module_repr,
};

MpObject *mp_module_new(const char *name)
{
    MpModule *m = (MpModule *)gc_alloc(&mp_module_type.gc, sizeof(MpModule));
    if (!m)
        return mp_err_nomemory();
    m->name = mp_str_from_cstr(name);
    m->dict = mp_dict_new();
    if (!m->name || !m->dict || mp_dict_set_cstr(m->dict, "__name__", m->name) < 0) {
        MP_DECREF(&m->ob);
        return NULL;
    }
    gc_track(&m->ob);
    return &m->ob;
}

int mp_module_add(MpObject *module, const char *name, MpObject *value)
{
    return mp_dict_set_cstr(MP_MODULE_DICT(module), name, value);
}

int mp_module_add_new(MpObject *module, const char *name, MpObject *value)
{
    if (!value)
        return -1;
    int rc = mp_module_add(module, name, value);
    MP_DECREF(value);
    return rc;
}

int mp_module_add_functions(MpObject *module, const MpMethodDef *defs)
{
    for (; defs->name; defs++) {
        MpObject *f = mp_native_new(defs, NULL);
        if (!f)
            return -1;
        MpNative *n = (MpNative *)f;
        n->module = ((MpModule *)module)->name;
        MP_INCREF(n->module);
        int r = mp_module_add(module, defs->name, f);
        MP_DECREF(f);
        if (r < 0)
            return -1;
    }
    return 0;
}

/* ==== The builtin module table ==== */

#define MAX_MODULES 16

static struct {
    const char *name;
    MpModuleInit init;
    MpObject *module; /* cached after the first import */
} modules[MAX_MODULES];
static int nmodules;

void mp_module_register(const char *name, MpModuleInit init)
{
    MP_ASSERT(nmodules < MAX_MODULES);
    modules[nmodules].name = name;
    modules[nmodules].init = init;
    nmodules++;
}

MpObject *mp_module_import(const char *name)
{
    for (int i = 0; i < nmodules; i++) {
        if (strcmp(modules[i].name, name) != 0)
            continue;
        if (!modules[i].module && !(modules[i].module = modules[i].init()))
            return NULL;
        MP_INCREF(modules[i].module);
        return modules[i].module;
    }
    return mp_err_format(mp_ModuleNotFoundError, "No module named '%s'", name);
}

void mp_module_reset(void)
{
    for (int i = 0; i < nmodules; i++)
        MP_CLEAR(modules[i].module);
}
