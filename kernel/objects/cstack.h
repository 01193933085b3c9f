/*
 * kernel/objects/cstack.h - the native stack guard: C code that recurses on the
 * shape of user data (repr, ==, hash of nested containers, nested evals) checks
 * how much of the C stack is left before going one level deeper.
 *
 * A count of levels cannot be right for every path (frames differ in size, and
 * sys.setrecursionlimit raises any count); the stack pointer is, so the guard
 * measures it, as CPython 3.12+ does. RecursionError comes with a margin left.
 */
#ifndef MINIPY_KERNEL_OBJECTS_CSTACK_H
#define MINIPY_KERNEL_OBJECTS_CSTACK_H

#include <stdbool.h>
#include <stdint.h>

/* Record the current frame as the stack's base and size the budget from
   RLIMIT_STACK. Call once from main-thread start-up, before any guarded call. */
void mp_cstack_init(void);

/* The lowest address the guard lets the stack reach (0 before mp_cstack_init). */
extern uintptr_t mp_cstack_limit;

/* -1 with RecursionError("maximum recursion depth exceeded<where>") when the C
   stack is nearly used up, else 0. where: "" or e.g. " in comparison". */
int mp_cstack_overflow(const char *where);

/* The common case inline: one comparison of the frame address. */
static inline int mp_cstack_check(const char *where)
{
    if ((uintptr_t)__builtin_frame_address(0) < mp_cstack_limit)
        return mp_cstack_overflow(where);
    return 0;
}

#endif
