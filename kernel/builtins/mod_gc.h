/*
 * kernel/builtins/mod_gc.h - the gc module and the hooks through which gc/ reaches
 * it during a collection (gc.garbage, gc.callbacks, debug output).
 *
 * mp_runtime_init() puts these functions in the GcHooks it installs; each returns
 * with no exception pending, as gc/ requires.
 */
#ifndef MINIPY_KERNEL_BUILTINS_MOD_GC_H
#define MINIPY_KERNEL_BUILTINS_MOD_GC_H

#include "object.h"

/* import gc: a new module (new reference) or NULL with an exception set. */
MpObject *mod_gc_init(void);
/* Shutdown: gc.set_debug(0), then drop gc.callbacks and gc.garbage (CPython's
   _PyGC_Fini); a later `import gc` makes new ones. */
void mod_gc_fini(void);

/* DEBUG_SAVEALL: append o to gc.garbage (which takes its own reference). */
void mod_gc_save_garbage(GcHead *o);
/* Call every gc.callbacks entry with (phase, info) as CPython's
   invoke_gc_callback; a callback's exception is reported as unraisable. */
void mod_gc_on_collect(bool start, int generation, size_t collected,
                       size_t uncollectable);
/* DEBUG_STATS / DEBUG_COLLECTABLE lines, to sys.stderr. */
void mod_gc_debug_print(const char *text);

#endif
