/*
 * kernel/vm/runtime.c - start-up of the runtime and running source in the main
 * module.
 */
#include "runtime.h"

#include "abstract.h"
#include "builtins.h"
#include "code.h"
#include "cstack.h"
#include "display.h"
#include "errors.h"
#include "mod_gc.h"
#include "module.h"
#include "output.h"
#include "traceback.h"
#include "vm.h"

#include <stdio.h>

static MpObject *main_module;
static MpObject *builtins_dict; /* the runtime's reference; vm.c borrows it */

/* Functions for mp_runtime_fini(), in registration order. */
#define MAX_ATEXIT 8
static void (*atexit_fns[MAX_ATEXIT])(void);
static int natexit;

static bool exception_pending(void)
{
    return mp_err_occurred();
}

/* End of every full collection, as CPython's clear_freelists. */
static void clear_freelists(void)
{
    mp_list_clear_freelist();
    mp_int_clear_freelist();
    mp_float_clear_freelist();
    mp_dict_clear_freelist();
    mp_tuple_clear_freelists();
}

int mp_runtime_init(int argc, char **argv)
{
    static const GcHooks hooks = {.exception_pending = exception_pending,
                                  .save_garbage = mod_gc_save_garbage,
                                  .on_collect = mod_gc_on_collect,
                                  .debug_print = mod_gc_debug_print,
                                  .clear_freelists = clear_freelists};
    gc_set_hooks(&hooks);
    mp_cstack_init();
    if (mp_objects_init() < 0 || mp_type_ready(&mp_code_type) < 0)
        goto fail;
    MpObject *builtins = builtins_dict = mp_dict_new();
    if (!builtins || mp_builtins_init(builtins) < 0 || vm_builtins_init(builtins) < 0 ||
        mp_display_init(builtins) < 0 ||
        mp_builtin_modules_init() < 0)
        goto fail;
    mod_sys_set_argv(argc, argv);
    main_module = mp_module_new("__main__");
    if (!main_module)
        goto fail;
    MpObject *globals = MP_MODULE_DICT(main_module);
    if (mp_dict_set_cstr(globals, "__builtins__", builtins) < 0)
        goto fail;
    if (vm_init(builtins, globals) < 0)
        goto fail;
    return 0;
fail:
    fprintf(stderr, "minipy: the runtime failed to start\n");
    if (mp_err_occurred())
        mp_runtime_print_exception(2);
    return -1;
}

MpObject *mp_runtime_globals(void)
{
    return MP_MODULE_DICT(main_module);
}

MpObject *mp_runtime_exec(const char *src, size_t len, const char *filename,
                          CompMode mode)
{
    MpCode *code = comp_compile(src, len, filename, mode);
    if (!code)
        return NULL;
    MpObject *r = vm_run_code(code, mp_runtime_globals());
    MP_DECREF(&code->ob);
    return r;
}

void mp_runtime_print_exception(int fd)
{
    MpObject *exc = mp_err_fetch();
    if (!exc)
        return;
    mp_output_flush();
    MpObject *lines = mp_traceback_format(exc);
    if (!lines) {
        mp_err_clear();
        static const char msg[] = "minipy: could not format the exception\n";
        mp_output_write(fd, msg, sizeof msg - 1);
    } else {
        for (int64_t i = 0; i < MP_LIST_SIZE(lines); i++) {
            MpObject *l = MP_LIST_ITEMS(lines)[i];
            mp_output_write(fd, MP_STR_DATA(l), (size_t)MP_STR_SIZE(l));
        }
        MP_DECREF(lines);
    }
    mp_output_flush();
    MP_DECREF(exc);
}

int mp_runtime_exit_status(void)
{
    if (!mp_err_matches(&mp_exc_SystemExit)) {
        mp_runtime_print_exception(2);
        return 1;
    }
    MpObject *exc = mp_err_fetch();
    MpObject *code = mp_system_exit_code(exc);
    MP_DECREF(exc);
    int status = 0;
    if (mp_is_int(code)) {
        status = (int)MP_INT_VALUE(code);
    } else if (code != mp_none) {
        MpObject *text = mp_str(code);
        mp_output_flush();
        if (text) {
            mp_output_write(2, MP_STR_DATA(text), (size_t)MP_STR_SIZE(text));
            mp_output_write(2, "\n", 1);
            MP_DECREF(text);
        }
        mp_err_clear();
        status = 1;
    }
    MP_DECREF(code);
    return status;
}

int mp_runtime_atexit(void (*fn)(void))
{
    if (natexit == MAX_ATEXIT)
        return -1;
    atexit_fns[natexit++] = fn;
    return 0;
}

/* As CPython's Py_FinalizeEx, in its order: exit handlers; the main module
   goes, and with it its namespace, in insertion order, unless functions keep
   it in a cycle: then the full collection finds it, __del__ methods running
   with the globals intact and no weakref callback of the garbage called.
   Then what the runtime keeps for its life (builtin modules, gc.garbage, the
   finalize registry, the pending exception), a second collection (objects a
   __del__ resurrected, whose finalizers do not run again), the builtins, and
   the static state: types must outlive every instance, so they go last. */
void mp_runtime_fini(void)
{
    while (natexit > 0)
        atexit_fns[--natexit]();
    mp_output_flush();
    if (!main_module)
        return;
    mp_err_clear();
    vm_clear_handled_exception();
    MP_CLEAR(main_module);
    gc_collect_gen(2);
    mp_module_reset();
    mp_builtins_fini();
    mp_errors_fini();
    gc_collect_gen(2);
    mp_table_clear(&((MpDict *)builtins_dict)->table);
    MP_CLEAR(builtins_dict);
    gc_collect_gen(2);
    mp_output_flush();
    vm_fini();
    mp_objects_fini();
    gc_fini();
}
