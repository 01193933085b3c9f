/*
 * kernel/vm/vm.h - the bytecode interpreter's public interface.
 *
 * One VM per process, running on the main thread. It executes compiled code
 * objects against a globals dict, raises KeyboardInterrupt at safe points when an
 * interrupt is requested, and keeps the recursion limit.
 */
#ifndef MINIPY_KERNEL_VM_VM_H
#define MINIPY_KERNEL_VM_VM_H

#include "func.h"
#include "object.h"

#include <stdatomic.h>

/* The flag the VM polls at safe points (loop back-edges, calls, sleeps): when
   set, it raises KeyboardInterrupt there and clears it. Set from a signal
   handler (lock-free atomics are async-signal-safe) or from another thread.
   The kernel points it at the protocol server's interrupt flag. */
extern atomic_int *vm_interrupt_flag;
static inline bool vm_interrupt_pending(void)
{
    return atomic_load_explicit(vm_interrupt_flag, memory_order_relaxed) != 0;
}
/* Ask for a KeyboardInterrupt (SIGINT handlers call this). */
void vm_request_interrupt(void);
/* Raise KeyboardInterrupt now if one was requested: -1 if raised, else 0.
   Blocking builtins (time.sleep, input) call this while they wait. */
int vm_check_interrupt(void);

int vm_get_recursion_limit(void);
/* "recursion limit must be greater or equal than 1" etc. are the caller's job. */
void vm_set_recursion_limit(int limit);

/* The globals dict of the running frame (borrowed), or the main module's. */
MpObject *vm_current_globals(void);
/* The running frame's locals as a new dict (globals() at module level). */
MpObject *vm_current_locals(void);

struct MpCode;

/* Start-up: the builtins dict every frame falls back to and the main
   module's globals. 0 or -1. */
int vm_init(MpObject *builtins, MpObject *main_globals);
/* Shutdown, with no frame running and after the last collection: drop the
   handled exception, free the frame pool and the value stack. */
void vm_fini(void);
/* The builtins dict (borrowed). */
MpObject *vm_builtins(void);
/* Run module-level code with globals as its namespace. New reference to the
   code's result (None, or a notebook cell's last value) or NULL. */
MpObject *vm_run_code(struct MpCode *code, MpObject *globals);
/* Run a class body with ns as its namespace; returns the __class__ cell or None. */
MpObject *vm_run_class_body(MpFunction *body, MpObject *ns);
/* f(*args, **kwargs): args a tuple, kwargs a dict or NULL. */
MpObject *vm_call_ex(MpObject *callable, MpObject *args, MpObject *kwargs);
/* The exception being handled by an except clause (borrowed), or NULL. */
MpObject *vm_handled_exception(void);
void vm_clear_handled_exception(void);

/* Call a Minipy function with vectorcall arguments (borrowed). */
MpObject *vm_call_function(MpFunction *f, MpObject *const *args, size_t nargs,
                           MpObject *kwnames);

#endif
