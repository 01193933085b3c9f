/*
 * kernel/vm/frame.h - activation records, shared by the interpreter loop and the
 * code that inspects the running program (tracebacks, super(), locals()).
 *
 * All frames live on one value stack. A frame's slots are its locals, then its
 * cells, then its free variables; its operand stack follows. A Minipy call made
 * by the interpreter places the callee's slots where the arguments already are,
 * so arguments move into the callee without a reference count change (CPython
 * 3.11's sys.getrefcount depends on that).
 */
#ifndef MINIPY_KERNEL_VM_FRAME_H
#define MINIPY_KERNEL_VM_FRAME_H

#include "code.h"
#include "func.h"

#include <stdint.h>

typedef struct MpFrame {
    struct MpFrame *back;
    MpCode *code;
    MpFunction *func;     /* borrowed; NULL for module code */
    MpObject **slots;     /* locals, cells, free variables */
    MpObject **stack;     /* operand stack base */
    MpObject **sp;        /* saved stack pointer while another frame runs */
    const uint32_t *pc;   /* saved next instruction while another frame runs */
    MpObject *globals;    /* borrowed */
    MpObject *ns;         /* class body namespace (borrowed), or NULL */
    MpObject **ret_slot;  /* caller's stack slot of the callable (interpreter calls) */
    bool entry;           /* returning from it returns to C */
    uint64_t serial;      /* tells frames apart in tracebacks */
} MpFrame;

/* The running frame, or NULL when no code runs. */
MpFrame *vm_top_frame(void);
/* The instruction the frame is executing (or was, when it called out). */
uint32_t vm_frame_instr(const MpFrame *f);
/* The source line the frame is executing (or was, when it called out). */
int vm_frame_line(const MpFrame *f);

#endif
