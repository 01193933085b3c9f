/*
 * kernel/vm/opcodes.h - the instruction set, as one X-macro list.
 *
 * An instruction is 32 bits: the opcode in the low 8, its argument in the high 24.
 * Jump arguments are absolute instruction indexes. Stack effects are noted as
 * (before -- after); "fn" is the callable and "self?" a receiver or NULL.
 */
#ifndef MINIPY_KERNEL_VM_OPCODES_H
#define MINIPY_KERNEL_VM_OPCODES_H

#define MP_OPCODES(X)                                                          \
    X(NOP)                /* ( -- ) */                                         \
    X(POP_TOP)            /* (v -- ) */                                        \
    X(COPY)               /* (v_n .. v_1 -- v_n .. v_1 v_n) */                  \
    X(SWAP)               /* swap TOS with the n-th item */                    \
    X(LOAD_CONST)         /* ( -- consts[arg]) */                              \
    X(LOAD_FAST)          /* ( -- locals[arg]); UnboundLocalError if unset */  \
    X(STORE_FAST)         /* (v -- ) */                                        \
    X(DELETE_FAST)                                                             \
    X(LOAD_DEREF)         /* cell/free slot arg: its contents */               \
    X(STORE_DEREF)                                                             \
    X(DELETE_DEREF)                                                            \
    X(LOAD_CLOSURE)       /* ( -- cell) */                                     \
    X(LOAD_GLOBAL)        /* names[arg] in globals, then builtins */           \
    X(STORE_GLOBAL)                                                            \
    X(DELETE_GLOBAL)                                                           \
    X(LOAD_NAME)          /* class body: namespace, globals, builtins */       \
    X(STORE_NAME)                                                              \
    X(DELETE_NAME)                                                             \
    X(LOAD_ATTR)          /* (o -- o.names[arg]) */                            \
    X(STORE_ATTR)         /* (v o -- ) */                                      \
    X(DELETE_ATTR)        /* (o -- ) */                                        \
    X(LOAD_METHOD)        /* (o -- fn self?) */                                \
    X(BINARY_SUBSCR)      /* (o k -- o[k]) */                                  \
    X(STORE_SUBSCR)       /* (v o k -- ) */                                    \
    X(DELETE_SUBSCR)      /* (o k -- ) */                                      \
    X(BUILD_SLICE)        /* (a b [c] -- slice); arg 2 or 3 */                 \
    X(BINARY_OP)          /* (a b -- a op b); arg: MpBinaryOp | 0x80 inplace */ \
    X(UNARY_OP)           /* (a -- op a); arg: MpUnaryOp */                    \
    X(UNARY_NOT)          /* (a -- not a) */                                   \
    X(COMPARE_OP)         /* (a b -- a op b); arg: MpCompareOp */              \
    X(IS_OP)              /* arg 1: is not */                                  \
    X(CONTAINS_OP)        /* arg 1: not in */                                  \
    X(BUILD_TUPLE)                                                             \
    X(BUILD_LIST)                                                              \
    X(BUILD_SET)                                                               \
    X(BUILD_MAP)          /* (k1 v1 .. kn vn -- dict) */                       \
    X(BUILD_STRING)       /* (s1 .. sn -- joined) */                           \
    X(FORMAT_VALUE)       /* (v [spec] -- str); arg: 1 str 2 repr 3 ascii, 4 has spec */ \
    X(LIST_APPEND)        /* (list@arg .. v -- list@arg ..) */                 \
    X(SET_ADD)                                                                 \
    X(MAP_ADD)            /* (dict@arg .. k v -- ) */                          \
    X(LIST_EXTEND)        /* (list@arg .. iterable -- ) */                     \
    X(SET_UPDATE)                                                              \
    X(DICT_UPDATE)                                                             \
    X(DICT_MERGE)         /* as DICT_UPDATE, duplicate keys are an error */    \
    X(LIST_TO_TUPLE)                                                           \
    X(UNPACK_SEQUENCE)    /* (seq -- v_n .. v_1) */                            \
    X(UNPACK_EX)          /* arg: before | after << 8 */                       \
    X(JUMP)                                                                    \
    X(JUMP_BACKWARD)      /* a loop's back edge: checks for interrupts */      \
    X(POP_JUMP_IF_FALSE)                                                       \
    X(POP_JUMP_IF_TRUE)                                                        \
    X(JUMP_IF_FALSE_OR_POP)                                                    \
    X(JUMP_IF_TRUE_OR_POP)                                                     \
    X(POP_JUMP_IF_NOT_NONE)                                                    \
    X(GET_ITER)           /* arg 1: the generator of a genexpr's list */       \
    X(FOR_ITER)           /* (it -- it v) or pop it and jump when exhausted */ \
    X(CALL)               /* (fn a1 .. an -- r) */                             \
    X(CALL_METHOD)        /* (fn self? a1 .. an -- r) */                       \
    X(CALL_KW)            /* (fn a1 .. an kwnames -- r); n counts kw values */ \
    X(CALL_EX)            /* (fn args kwargs? -- r); arg 1: kwargs present */  \
    X(MAKE_FUNCTION)      /* (code [closure] [kwdefaults] [defaults] -- fn) */ \
    X(MAKE_CLASS)         /* (body name b1 .. bn -- class); arg n */           \
    X(RETURN_VALUE)                                                            \
    X(IMPORT_NAME)        /* ( -- module) */                                   \
    X(IMPORT_FROM)        /* (m -- m m.names[arg]) */                          \
    X(RAISE)              /* arg 0 reraise, 1 (exc), 2 (exc cause) */          \
    X(RERAISE)            /* (exc -- ) raise exc again, keep its traceback */  \
    X(PUSH_EXC_INFO)      /* (exc -- prev exc): exc becomes the handled one */ \
    X(POP_EXCEPT)         /* (prev -- ): restore the handled exception */      \
    X(CHECK_EXC_MATCH)    /* (exc type -- exc bool) */                         \
    X(LOAD_ASSERTION_ERROR)                                                    \
    X(BEFORE_WITH)        /* (mgr -- exit enter_result) */                     \
    X(WITH_EXCEPT_START)  /* (exit prev exc -- exit prev exc suppress) */

typedef enum MpOpcode {
#define MP_OPCODE_ENUM(name) OP_##name,
    MP_OPCODES(MP_OPCODE_ENUM)
#undef MP_OPCODE_ENUM
        OP_COUNT
} MpOpcode;

#define MP_INSTR(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))
#define MP_INSTR_OP(w)    ((w)&0xffu)
#define MP_INSTR_ARG(w)   ((w) >> 8)
#define MP_MAX_ARG        0xffffffu

/* MAKE_FUNCTION flags. */
#define MP_FN_DEFAULTS   1
#define MP_FN_KWDEFAULTS 2
#define MP_FN_CLOSURE    4

extern const char *const mp_opcode_names[OP_COUNT];

#endif
