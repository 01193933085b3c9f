/*
 * kernel/objects/cstack.c - sizes the native stack budget and raises the
 * RecursionError when it runs out (see cstack.h).
 *
 * The stack grows down on every platform Minipy targets. The budget is the
 * RLIMIT_STACK soft limit (8 MiB when unlimited or unknown), less a margin for
 * the deepest unguarded C path below a check (a formatter, libc, a sanitizer's
 * bigger frames).
 */
#include "cstack.h"

#include "errors.h"

#include <sys/resource.h>

#define DEFAULT_STACK (8u << 20)
#define MAX_STACK     (256u << 20)
#define MARGIN        (512u << 10)

uintptr_t mp_cstack_limit;

void mp_cstack_init(void)
{
    struct rlimit rl;
    size_t size = DEFAULT_STACK;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        size = rl.rlim_cur > MAX_STACK ? MAX_STACK : (size_t)rl.rlim_cur;
    if (size < 2 * MARGIN)
        size = 2 * MARGIN;
    uintptr_t base = (uintptr_t)__builtin_frame_address(0);
    /* start-up runs a few frames below the true base: half a margin covers them */
    mp_cstack_limit = base - (size - MARGIN - MARGIN / 2);
}

int mp_cstack_overflow(const char *where)
{
    mp_err_format(mp_RecursionError, "maximum recursion depth exceeded%s", where);
    return -1;
}
