/*
 * kernel/vm/vm_cases.h - the body of every instruction, included once by eval()
 * in vm.c, where CASE() and DISPATCH() are either computed-goto labels or switch
 * cases. Each body leaves the stack as opcodes.h says, or jumps to `error` with
 * an exception set.
 */

CASE(NOP)
{
    DISPATCH();
}

CASE(POP_TOP)
{
    MpObject *v = POP();
    MP_DECREF(v);
    DISPATCH();
}

CASE(COPY)
{
    MpObject *v = PEEK(arg);
    MP_INCREF(v);
    PUSH(v);
    DISPATCH();
}

CASE(SWAP)
{
    MpObject *t = TOP();
    TOP() = PEEK(arg);
    PEEK(arg) = t;
    DISPATCH();
}

CASE(LOAD_CONST)
{
    MpObject *v = consts[arg];
    MP_INCREF(v);
    PUSH(v);
    DISPATCH();
}

CASE(LOAD_FAST)
{
    MpObject *v = slots[arg];
    if (!v) {
        unbound_local(code, arg);
        goto error;
    }
    MP_INCREF(v);
    PUSH(v);
    DISPATCH();
}

CASE(STORE_FAST)
{
    MpObject *old = slots[arg];
    slots[arg] = POP();
    MP_XDECREF(old);
    DISPATCH();
}

CASE(DELETE_FAST)
{
    if (!slots[arg]) {
        unbound_local(code, arg);
        goto error;
    }
    MP_CLEAR(slots[arg]);
    DISPATCH();
}

CASE(LOAD_DEREF)
{
    MpObject *v = ((MpCell *)slots[arg])->value;
    if (!v) {
        unbound_local(code, arg);
        goto error;
    }
    MP_INCREF(v);
    PUSH(v);
    DISPATCH();
}

CASE(STORE_DEREF)
{
    MpCell *cell = (MpCell *)slots[arg];
    MpObject *old = cell->value;
    cell->value = POP();
    MP_XDECREF(old);
    DISPATCH();
}

CASE(DELETE_DEREF)
{
    MpCell *cell = (MpCell *)slots[arg];
    if (!cell->value) {
        unbound_local(code, arg);
        goto error;
    }
    MP_CLEAR(cell->value);
    DISPATCH();
}

CASE(LOAD_CLOSURE)
{
    MpObject *cell = slots[arg];
    MP_INCREF(cell);
    PUSH(cell);
    DISPATCH();
}

CASE(LOAD_GLOBAL)
{
    MpObject *v = load_global_cached(frame->globals, code, arg);
    if (!v)
        goto error;
    PUSH(v);
    DISPATCH();
}

CASE(LOAD_NAME)
{
    MpObject *v = mp_dict_get(frame->ns, names[arg]);
    if (v) {
        MP_INCREF(v);
    } else if (!(v = load_global(frame->globals, names[arg]))) {
        goto error;
    }
    PUSH(v);
    DISPATCH();
}

CASE(STORE_GLOBAL)
CASE(STORE_NAME)
{
    MpObject *ns = MP_INSTR_OP(instr) == OP_STORE_GLOBAL ? frame->globals : frame->ns;
    MpObject *v = POP();
    SAVE_FRAME();
    int r = mp_dict_set(ns, names[arg], v);
    MP_DECREF(v);
    if (r < 0)
        goto error;
    DISPATCH();
}

CASE(DELETE_GLOBAL)
CASE(DELETE_NAME)
{
    MpObject *ns = MP_INSTR_OP(instr) == OP_DELETE_GLOBAL ? frame->globals : frame->ns;
    SAVE_FRAME();
    int r = mp_dict_del(ns, names[arg]);
    if (r == 0)
        name_error(names[arg]);
    if (r <= 0)
        goto error;
    DISPATCH();
}

CASE(LOAD_ATTR)
{
    MpObject *o = TOP();
    SAVE_FRAME();
    MpObject *v = mp_getattr(o, names[arg]);
    if (!v)
        goto error;
    TOP() = v;
    MP_DECREF(o);
    DISPATCH();
}

CASE(STORE_ATTR)
{
    MpObject *o = POP();
    MpObject *v = POP();
    SAVE_FRAME();
    int r = mp_setattr(o, names[arg], v);
    MP_DECREF(o);
    MP_DECREF(v);
    if (r < 0)
        goto error;
    DISPATCH();
}

CASE(DELETE_ATTR)
{
    MpObject *o = POP();
    SAVE_FRAME();
    int r = mp_setattr(o, names[arg], NULL);
    MP_DECREF(o);
    if (r < 0)
        goto error;
    DISPATCH();
}

CASE(LOAD_METHOD)
{
    /* Push (function, self) when the attribute is a plain method of the
       class and the instance does not shadow it: no bound method object. */
    MpObject *o = TOP();
    MpType *t = mp_type(o);
    if (!t->getattr) {
        MpObject *d = mp_type_lookup(t, names[arg]);
        if (d && (d->type == &mp_function_type.gc ||
                  (d->type == &mp_method_descr_type.gc &&
                   !(((MpMethodDescr *)d)->def->flags & (MP_METH_STATIC | MP_METH_CLASS))))) {
            if (!t->attrs_offset || !mp_attrs_get(mp_object_attrs(o), names[arg])) {
                MP_INCREF(d);
                TOP() = d;
                PUSH(o);
                DISPATCH();
            }
        }
    }
    SAVE_FRAME();
    MpObject *v = mp_getattr(o, names[arg]);
    if (!v)
        goto error;
    TOP() = v;
    MP_DECREF(o);
    PUSH(NULL);
    DISPATCH();
}

CASE(BINARY_SUBSCR)
{
    MpObject *k = POP();
    MpObject *o = TOP();
    MpObject *v;
    if (o->type == &mp_list_type.gc && k->type == &mp_int_type.gc) {
        int64_t i = MP_INT_VALUE(k), n = MP_LIST_SIZE(o);
        if (i < 0)
            i += n;
        if (i >= 0 && i < n) {
            v = MP_LIST_ITEMS(o)[i];
            MP_INCREF(v);
            MP_DECREF(k);
            TOP() = v;
            MP_DECREF(o);
            DISPATCH();
        }
    }
    SAVE_FRAME();
    v = mp_getitem(o, k);
    MP_DECREF(k);
    if (!v)
        goto error;
    TOP() = v;
    MP_DECREF(o);
    DISPATCH();
}

CASE(STORE_SUBSCR)
{
    MpObject *k = POP();
    MpObject *o = POP();
    MpObject *v = POP();
    SAVE_FRAME();
    int r = mp_setitem(o, k, v);
    MP_DECREF(k);
    MP_DECREF(o);
    MP_DECREF(v);
    if (r < 0)
        goto error;
    DISPATCH();
}

CASE(DELETE_SUBSCR)
{
    MpObject *k = POP();
    MpObject *o = POP();
    SAVE_FRAME();
    int r = mp_delitem(o, k);
    MP_DECREF(k);
    MP_DECREF(o);
    if (r < 0)
        goto error;
    DISPATCH();
}

CASE(BUILD_SLICE)
{
    MpObject *step = arg == 3 ? POP() : NULL;
    MpObject *stop = POP();
    MpObject *start = TOP();
    MpObject *s = mp_slice_new(start, stop, step ? step : mp_none);
    MP_XDECREF(step);
    MP_DECREF(stop);
    if (!s)
        goto error;
    TOP() = s;
    MP_DECREF(start);
    DISPATCH();
}

CASE(BINARY_OP)
{
    MpObject *b = POP();
    MpObject *a = TOP();
    MpObject *r;
    if (a->type == &mp_int_type.gc && b->type == &mp_int_type.gc) {
        int64_t x = MP_INT_VALUE(a), y = MP_INT_VALUE(b), z;
        switch (arg & 0x7f) {
        case MP_OP_ADD:
            if (!__builtin_add_overflow(x, y, &z))
                goto int_result;
            break;
        case MP_OP_SUB:
            if (!__builtin_sub_overflow(x, y, &z))
                goto int_result;
            break;
        case MP_OP_MUL:
            if (!__builtin_mul_overflow(x, y, &z))
                goto int_result;
            break;
        case MP_OP_AND:
            z = x & y;
            goto int_result;
        case MP_OP_OR:
            z = x | y;
            goto int_result;
        case MP_OP_XOR:
            z = x ^ y;
            goto int_result;
        case MP_OP_MOD:
            if (y > 0 && x >= 0) {
                z = x % y;
                goto int_result;
            }
            break;
        case MP_OP_FLOORDIV:
            if (y > 0 && x >= 0) {
                z = x / y;
                goto int_result;
            }
            break;
        default:
            break;
        }
        goto slow_binop;
    int_result:
        r = mp_int_new(z);
        if (!r)
            goto error;
        MP_DECREF(b);
        TOP() = r;
        MP_DECREF(a);
        DISPATCH();
    } else if (a->type == &mp_float_type.gc && b->type == &mp_float_type.gc) {
        double x = MP_FLOAT_VALUE(a), y = MP_FLOAT_VALUE(b), z;
        switch (arg & 0x7f) {
        case MP_OP_ADD: z = x + y; break;
        case MP_OP_SUB: z = x - y; break;
        case MP_OP_MUL: z = x * y; break;
        case MP_OP_TRUEDIV:
            if (y == 0.0)
                goto slow_binop;
            z = x / y;
            break;
        default:
            goto slow_binop;
        }
        r = mp_float_new(z);
        if (!r)
            goto error;
        MP_DECREF(b);
        TOP() = r;
        MP_DECREF(a);
        DISPATCH();
    }
slow_binop:
    SAVE_FRAME();
    r = (arg & 0x80) ? mp_inplace_op(a, b, (MpBinaryOp)(arg & 0x7f))
                     : mp_binary_op(a, b, (MpBinaryOp)arg);
    MP_DECREF(b);
    if (!r)
        goto error;
    TOP() = r;
    MP_DECREF(a);
    DISPATCH();
}

CASE(UNARY_OP)
{
    MpObject *a = TOP();
    SAVE_FRAME();
    MpObject *r = mp_unary_op(a, (MpUnaryOp)arg);
    if (!r)
        goto error;
    TOP() = r;
    MP_DECREF(a);
    DISPATCH();
}

CASE(UNARY_NOT)
{
    MpObject *a = TOP();
    SAVE_FRAME();
    int t = mp_truthy(a);
    if (t < 0)
        goto error;
    TOP() = mp_bool(!t);
    MP_DECREF(a);
    DISPATCH();
}

CASE(COMPARE_OP)
{
    MpObject *b = POP();
    MpObject *a = TOP();
    MpObject *r;
    if (a->type == &mp_int_type.gc && b->type == &mp_int_type.gc) {
        int64_t x = MP_INT_VALUE(a), y = MP_INT_VALUE(b);
        bool t;
        switch (arg) {
        case MP_LT: t = x < y; break;
        case MP_LE: t = x <= y; break;
        case MP_EQ: t = x == y; break;
        case MP_NE: t = x != y; break;
        case MP_GT: t = x > y; break;
        default: t = x >= y; break;
        }
        r = mp_bool(t);
    } else {
        SAVE_FRAME();
        r = mp_richcompare(a, b, (MpCompareOp)arg);
        if (!r) {
            MP_DECREF(b);
            goto error;
        }
    }
    MP_DECREF(b);
    TOP() = r;
    MP_DECREF(a);
    DISPATCH();
}

CASE(IS_OP)
{
    MpObject *b = POP();
    MpObject *a = TOP();
    bool t = (a == b) ^ (arg != 0);
    TOP() = mp_bool(t);
    MP_DECREF(a);
    MP_DECREF(b);
    DISPATCH();
}

CASE(CONTAINS_OP)
{
    MpObject *container = POP();
    MpObject *item = TOP();
    SAVE_FRAME();
    int t = mp_contains(container, item);
    MP_DECREF(container);
    if (t < 0)
        goto error;
    TOP() = mp_bool(t ^ (arg != 0));
    MP_DECREF(item);
    DISPATCH();
}

CASE(BUILD_TUPLE)
CASE(BUILD_LIST)
{
    bool tuple = MP_INSTR_OP(instr) == OP_BUILD_TUPLE;
    MpObject *seq = tuple ? mp_tuple_new(arg) : mp_list_new(arg);
    if (!seq)
        goto error;
    MpObject **items = tuple ? MP_TUPLE_ITEMS(seq) : MP_LIST_ITEMS(seq);
    sp -= arg;
    for (int i = 0; i < arg; i++)
        items[i] = sp[i];
    PUSH(seq);
    DISPATCH();
}

CASE(BUILD_SET)
CASE(BUILD_MAP)
{
    /* Stack: arg items (a set) or arg key, value pairs (a dict), bottom first. */
    bool map = MP_INSTR_OP(instr) == OP_BUILD_MAP;
    int step = map ? 2 : 1, n = step * arg;
    MpObject *c = map ? mp_dict_new() : mp_set_new();
    if (!c)
        goto error;
    SAVE_FRAME();
    int r = 0;
    for (int i = n; i > 0 && r == 0; i -= step) {
        MpObject *item = PEEK(i);
        r = map ? mp_dict_set(c, item, PEEK(i - 1)) : mp_set_add(c, item);
    }
    for (int i = 0; i < n; i++) {
        MpObject *v = POP();
        MP_DECREF(v);
    }
    if (r < 0) {
        MP_DECREF(c);
        goto error;
    }
    PUSH(c);
    DISPATCH();
}

CASE(BUILD_STRING)
{
    MpObject *s = build_string(sp - arg, arg);
    for (int i = 0; i < arg; i++) {
        MpObject *v = POP();
        MP_DECREF(v);
    }
    if (!s)
        goto error;
    PUSH(s);
    DISPATCH();
}

CASE(FORMAT_VALUE)
{
    MpObject *spec = (arg & 4) ? POP() : NULL;
    MpObject *v = TOP();
    SAVE_FRAME();
    MpObject *r = format_value(v, arg, spec);
    MP_XDECREF(spec);
    if (!r)
        goto error;
    TOP() = r;
    MP_DECREF(v);
    DISPATCH();
}

CASE(LIST_APPEND)
{
    MpObject *v = POP();
    int r = mp_list_append(PEEK(arg), v);
    MP_DECREF(v);
    if (r < 0)
        goto error;
    DISPATCH();
}

CASE(SET_ADD)
{
    MpObject *v = POP();
    SAVE_FRAME();
    int r = mp_set_add(PEEK(arg), v);
    MP_DECREF(v);
    if (r < 0)
        goto error;
    DISPATCH();
}

CASE(MAP_ADD)
{
    MpObject *v = POP();
    MpObject *k = POP();
    SAVE_FRAME();
    int r = mp_dict_set(PEEK(arg), k, v);
    MP_DECREF(k);
    MP_DECREF(v);
    if (r < 0)
        goto error;
    DISPATCH();
}

CASE(LIST_EXTEND)
{
    MpObject *it = POP();
    SAVE_FRAME();
    MpObject *r = mp_call_method(PEEK(arg), "extend", &it, 1);
    if (!r && mp_err_matches(mp_TypeError) && !mp_type(it)->iter) {
        mp_err_clear();
        mp_err_format(mp_TypeError, "Value after * must be an iterable, not %s",
                      mp_type_name(it));
    }
    MP_DECREF(it);
    if (!r)
        goto error;
    MP_DECREF(r);
    DISPATCH();
}

CASE(SET_UPDATE)
{
    MpObject *it = POP();
    SAVE_FRAME();
    MpObject *r = mp_call_method(PEEK(arg), "update", &it, 1);
    MP_DECREF(it);
    if (!r)
        goto error;
    MP_DECREF(r);
    DISPATCH();
}

CASE(DICT_UPDATE)
{
    MpObject *other = POP();
    SAVE_FRAME();
    MpObject *r = NULL;
    if (other->type != &mp_dict_type.gc)
        mp_err_format(mp_TypeError, "'%s' object is not a mapping", mp_type_name(other));
    else
        r = mp_call_method(PEEK(arg), "update", &other, 1);
    MP_DECREF(other);
    if (!r)
        goto error;
    MP_DECREF(r);
    DISPATCH();
}

CASE(DICT_MERGE)
{
    MpObject *other = POP();
    MpObject *d = PEEK(arg);
    SAVE_FRAME();
    int r = 0;
    if (other->type != &mp_dict_type.gc) {
        mp_err_format(mp_TypeError, "argument after ** must be a mapping, not %s",
                      mp_type_name(other));
        r = -1;
    }
    int64_t pos = 0;
    MpObject *k, *v;
    while (r == 0 && mp_dict_next(other, &pos, &k, &v)) {
        if (mp_dict_get(d, k)) {
            MpObject *fn = PEEK(arg + 2);
            MpObject *fname = mp_getattr_cstr(fn, "__qualname__");
            if (!fname)
                mp_err_clear();
            mp_err_format(mp_TypeError, "%s() got multiple values for keyword argument '%s'",
                          fname && mp_is_str(fname) ? MP_STR_DATA(fname) : "function",
                          mp_is_str(k) ? MP_STR_DATA(k) : "?");
            MP_XDECREF(fname);
            r = -1;
        } else if (!mp_is_str(k)) {
            mp_err_set(mp_TypeError, "keywords must be strings");
            r = -1;
        } else {
            r = mp_dict_set(d, k, v);
        }
    }
    MP_DECREF(other);
    if (r < 0)
        goto error;
    DISPATCH();
}

CASE(LIST_TO_TUPLE)
{
    MpObject *l = TOP();
    int64_t n = MP_LIST_SIZE(l);
    MpObject *t = mp_tuple_new(n);
    if (!t)
        goto error;
    for (int64_t i = 0; i < n; i++) {
        MP_INCREF(MP_LIST_ITEMS(l)[i]);
        MP_TUPLE_ITEMS(t)[i] = MP_LIST_ITEMS(l)[i];
    }
    TOP() = t;
    MP_DECREF(l);
    DISPATCH();
}

CASE(UNPACK_SEQUENCE)
{
    MpObject *seq = POP();
    SAVE_FRAME();
    int r = unpack(seq, arg, -1, 0, sp);
    MP_DECREF(seq);
    if (r < 0)
        goto error;
    sp += arg;
    DISPATCH();
}

CASE(UNPACK_EX)
{
    int before = arg & 0xff, after = arg >> 8;
    MpObject *seq = POP();
    SAVE_FRAME();
    int r = unpack(seq, before + after + 1, before, after, sp);
    MP_DECREF(seq);
    if (r < 0)
        goto error;
    sp += before + after + 1;
    DISPATCH();
}

CASE(JUMP)
{
    JUMPTO(arg);
    DISPATCH();
}

CASE(JUMP_BACKWARD)
{
    JUMPTO(arg);
    if (vm_interrupt_pending()) {
        SAVE_FRAME();
        vm_check_interrupt();
        goto error;
    }
    DISPATCH();
}

CASE(POP_JUMP_IF_FALSE)
CASE(POP_JUMP_IF_TRUE)
{
    bool jump_if = MP_INSTR_OP(instr) == OP_POP_JUMP_IF_TRUE;
    MpObject *v = POP();
    if (v == (jump_if ? mp_true : mp_false)) {
        JUMPTO(arg);
    } else if (v != (jump_if ? mp_false : mp_true)) {
        SAVE_FRAME();
        int t = mp_truthy(v);
        MP_DECREF(v);
        if (t < 0)
            goto error;
        if ((t != 0) == jump_if)
            JUMPTO(arg);
        DISPATCH();
    }
    MP_DECREF(v);
    DISPATCH();
}

CASE(JUMP_IF_FALSE_OR_POP)
CASE(JUMP_IF_TRUE_OR_POP)
{
    bool jump_if = MP_INSTR_OP(instr) == OP_JUMP_IF_TRUE_OR_POP;
    SAVE_FRAME();
    int t = mp_truthy(TOP());
    if (t < 0)
        goto error;
    if ((t != 0) == jump_if) {
        JUMPTO(arg);
    } else {
        MpObject *v = POP();
        MP_DECREF(v);
    }
    DISPATCH();
}

CASE(POP_JUMP_IF_NOT_NONE)
{
    MpObject *v = POP();
    if (v != mp_none)
        JUMPTO(arg);
    MP_DECREF(v);
    DISPATCH();
}

CASE(GET_ITER)
{
    MpObject *o = TOP();
    SAVE_FRAME();
    MpObject *it = arg ? mp_generator_new(o) : mp_iter(o);
    if (!it)
        goto error;
    TOP() = it;
    MP_DECREF(o);
    DISPATCH();
}

CASE(FOR_ITER)
{
    MpObject *it = TOP();
    SAVE_FRAME();
    MpObject *v = mp_type(it)->iternext(it);
    if (v) {
        PUSH(v);
        DISPATCH();
    }
    if (mp_err_occurred())
        goto error;
    (void)POP();
    MP_DECREF(it);
    JUMPTO(arg);
    DISPATCH();
}

CASE(CALL)
CASE(CALL_METHOD)
CASE(CALL_KW)
{
    /* Stack: callable [self-or-NULL] args... [kwnames]. */
    int op = (int)MP_INSTR_OP(instr);
    MpObject *kwnames = NULL;
    int n = arg;
    if (op == OP_CALL_KW)
        kwnames = POP();
    size_t nkw = kwnames ? (size_t)MP_TUPLE_SIZE(kwnames) : 0;
    MpObject **args = sp - n;
    size_t nargs = (size_t)n - nkw;
    MpObject **callable_slot = args - 1;
    if (op == OP_CALL_METHOD) {
        callable_slot = args - 2;
        if (args[-1]) {
            args--;
            nargs++;
        }
    }
    MpObject *callable = *callable_slot;
    SAVE_FRAME();
    if (callable->type == &mp_function_type.gc) {
        frame->sp = callable_slot + 1;
        MpFrame *callee = enter_function((MpFunction *)callable, args, nargs, kwnames);
        MP_XDECREF(kwnames);
        if (!callee) {
            sp = callable_slot;
            MP_DECREF(callable);
            goto error;
        }
        callee->ret_slot = callable_slot;
        frame = callee;
        LOAD_FRAME();
        if (vm_interrupt_pending()) {
            vm_check_interrupt();
            goto error;
        }
        DISPATCH();
    }
    MpObject *r;
    if (callable->type == &mp_method_descr_type.gc && nargs > 0 &&
        !(((MpMethodDescr *)callable)->def->flags & (MP_METH_STATIC | MP_METH_CLASS)) &&
        mp_is_instance_of(args[0], ((MpMethodDescr *)callable)->owner)) {
        r = ((MpMethodDescr *)callable)->def->fn(args[0], args + 1, nargs - 1, kwnames);
    } else if (callable->type == &mp_native_type.gc) {
        MpNative *nat = (MpNative *)callable;
        r = nat->def->fn(nat->self, args, nargs, kwnames);
    } else {
        r = mp_call(callable, args, nargs, kwnames);
    }
    size_t total = nargs + nkw;
    for (size_t i = 0; i < total; i++)
        MP_DECREF(args[i]);
    MP_XDECREF(kwnames);
    sp = callable_slot;
    MP_DECREF(callable);
    if (!r)
        goto error;
    PUSH(r);
    DISPATCH();
}

CASE(CALL_EX)
{
    MpObject *kwargs = (arg & 1) ? POP() : NULL;
    MpObject *pargs = POP();
    MpObject *callable = TOP();
    SAVE_FRAME();
    MpObject *r = vm_call_ex(callable, pargs, kwargs);
    MP_DECREF(pargs);
    MP_XDECREF(kwargs);
    if (!r)
        goto error;
    TOP() = r;
    MP_DECREF(callable);
    DISPATCH();
}

CASE(MAKE_FUNCTION)
{
    MpCode *fcode = (MpCode *)POP();
    MpObject *closure = (arg & MP_FN_CLOSURE) ? POP() : NULL;
    MpObject *kwdefaults = (arg & MP_FN_KWDEFAULTS) ? POP() : NULL;
    MpObject *defaults = (arg & MP_FN_DEFAULTS) ? POP() : NULL;
    MpFunction *fn = (MpFunction *)mp_function_new(fcode, frame->globals, vm.builtins);
    MP_DECREF(&fcode->ob);
    if (!fn) {
        MP_XDECREF(closure);
        MP_XDECREF(kwdefaults);
        MP_XDECREF(defaults);
        goto error;
    }
    fn->closure = closure;
    fn->kwdefaults = kwdefaults;
    fn->defaults = defaults;
    PUSH(&fn->ob);
    DISPATCH();
}

CASE(MAKE_CLASS)
{
    MpObject **base = sp - arg - 2;
    SAVE_FRAME();
    MpObject *cls = make_class(base[0], base[1], base + 2, arg);
    while (sp > base) {
        MpObject *v = POP();
        MP_DECREF(v);
    }
    if (!cls)
        goto error;
    PUSH(cls);
    DISPATCH();
}

CASE(RETURN_VALUE)
{
    MpObject *r = POP();
    bool entry = frame->entry;
    MpObject **ret = frame->ret_slot;
    pop_frame(frame, sp);
    if (entry) {
        vm.c_depth--;
        return r;
    }
    frame = vm.top;
    LOAD_FRAME();
    sp = ret;
    MP_DECREF(*sp);
    PUSH(r);
    DISPATCH();
}

CASE(IMPORT_NAME)
{
    SAVE_FRAME();
    MpObject *m = mp_module_import(MP_STR_DATA(names[arg]));
    if (!m)
        goto error;
    PUSH(m);
    DISPATCH();
}

CASE(IMPORT_FROM)
{
    MpObject *m = TOP();
    SAVE_FRAME();
    MpObject *v = mp_getattr(m, names[arg]);
    if (!v) {
        if (!mp_err_matches(mp_AttributeError))
            goto error;
        mp_err_clear();
        mp_err_format(mp_ImportError, "cannot import name '%s' from '%s' (unknown location)",
                      MP_STR_DATA(names[arg]), MP_STR_DATA(((MpModule *)m)->name));
        goto error;
    }
    PUSH(v);
    DISPATCH();
}

CASE(RAISE)
{
    SAVE_FRAME();
    if (arg == 0) {
        if (!vm.handled) {
            mp_err_set(mp_RuntimeError, "No active exception to reraise");
            goto error;
        }
        mp_err_set_object(vm.handled);
        goto exception_unwind;
    }
    MpObject *cause = arg == 2 ? POP() : NULL;
    MpObject *exc = POP();
    SAVE_FRAME();
    do_raise(exc, cause);
    MP_DECREF(exc);
    MP_XDECREF(cause);
    goto error;
}

CASE(RERAISE)
{
    MpObject *exc = POP();
    mp_err_set_object(exc);
    MP_DECREF(exc);
    SAVE_FRAME();
    goto exception_unwind;
}

CASE(PUSH_EXC_INFO)
{
    MpObject *exc = TOP();
    MpObject *prev = vm.handled ? vm.handled : (MP_INCREF(mp_none), mp_none);
    MP_INCREF(exc);
    vm.handled = exc;
    TOP() = prev;
    PUSH(exc);
    DISPATCH();
}

CASE(POP_EXCEPT)
{
    MpObject *prev = POP();
    MpObject *old = vm.handled;
    if (prev == mp_none) {
        MP_DECREF(prev);
        prev = NULL;
    }
    vm.handled = prev;
    MP_XDECREF(old);
    DISPATCH();
}

CASE(CHECK_EXC_MATCH)
{
    MpObject *t = TOP();
    if (!exc_match_type(t)) {
        SAVE_FRAME();
        mp_err_set(mp_TypeError,
                   "catching classes that do not inherit from BaseException is not allowed");
        goto error;
    }
    bool m = exc_matches(PEEK(2), t);
    TOP() = mp_bool(m);
    MP_DECREF(t);
    DISPATCH();
}

CASE(LOAD_ASSERTION_ERROR)
{
    MP_INCREF(&mp_exc_AssertionError.ob);
    PUSH(&mp_exc_AssertionError.ob);
    DISPATCH();
}

CASE(BEFORE_WITH)
{
    MpObject *mgr = TOP();
    MpObject *exit = NULL;
    SAVE_FRAME();
    MpObject *res = before_with(mgr, &exit);
    if (!res)
        goto error;
    TOP() = exit;
    MP_DECREF(mgr);
    PUSH(res);
    DISPATCH();
}

CASE(WITH_EXCEPT_START)
{
    MpObject *exc = TOP();
    MpObject *exit = PEEK(3);
    SAVE_FRAME();
    MpObject *tb = mp_traceback_object(exc);
    if (!tb)
        goto error;
    MpObject *args[3] = {&mp_type(exc)->ob, exc, tb};
    MpObject *r = mp_call(exit, args, 3, NULL);
    MP_DECREF(tb);
    if (!r)
        goto error;
    PUSH(r);
    DISPATCH();
}
