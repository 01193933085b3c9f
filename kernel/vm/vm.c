/*
 * kernel/vm/vm.c - the bytecode interpreter.
 *
 * Start with eval(): one loop runs every Minipy frame; a call from Minipy code to
 * Minipy code pushes a frame without recursing in C. Errors jump to `error`,
 * which records the frame in the exception's traceback and unwinds to the
 * handler the code's exception table names, or out of the frame.
 * Dispatch is a computed goto where the compiler has it, a switch otherwise;
 * both are generated from the same case bodies (vm_dispatch.h).
 */
#include "vm.h"

#include "abstract.h"
#include "class.h"
#include "code.h"
#include "cstack.h"
#include "errors.h"
#include "frame.h"
#include "module.h"
#include "opcodes.h"
#include "traceback.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static atomic_int interrupt_requested;
atomic_int *vm_interrupt_flag = &interrupt_requested;

void vm_request_interrupt(void)
{
    atomic_store(vm_interrupt_flag, 1);
}

#define STACK_SLOTS   (16u << 20) /* 128 MiB of address space, touched lazily */
#define MAX_C_DEPTH   2000        /* nested evals (Minipy called from C) */

static struct {
    MpObject **stack_base, **stack_limit;
    MpFrame *top;
    MpFrame *free_frames;
    int depth;
    int c_depth;
    int recursion_limit;
    uint64_t serial;
    MpObject *handled; /* the exception being handled (bare raise, __context__) */
    MpObject *builtins;
    MpObject *main_globals;
} vm = {.recursion_limit = 1000};

MpFrame *vm_top_frame(void)
{
    return vm.top;
}

uint32_t vm_frame_instr(const MpFrame *f)
{
    int64_t i = f->pc - f->code->instrs - 1;
    if (i >= (int64_t)f->code->ninstrs)
        i = (int64_t)f->code->ninstrs - 1;
    return i < 0 ? 0 : (uint32_t)i;
}

int vm_frame_line(const MpFrame *f)
{
    return f->code->ninstrs ? f->code->lines[vm_frame_instr(f)] : f->code->firstlineno;
}

int vm_get_recursion_limit(void)
{
    return vm.recursion_limit;
}

void vm_set_recursion_limit(int limit)
{
    vm.recursion_limit = limit;
}

int vm_check_interrupt(void)
{
    if (!vm_interrupt_pending())
        return 0;
    atomic_store(vm_interrupt_flag, 0);
    MpObject *exc = mp_exception_new(mp_KeyboardInterrupt, NULL, 0);
    if (exc) {
        mp_err_set_object(exc);
        MP_DECREF(exc);
    }
    return -1;
}

MpObject *vm_current_globals(void)
{
    return vm.top ? vm.top->globals : vm.main_globals;
}

MpObject *vm_builtins(void)
{
    return vm.builtins;
}

/* ==== Frames ==== */

static MpObject **stack_top(void)
{
    return vm.top ? vm.top->stack + vm.top->code->stacksize : vm.stack_base;
}

/* A frame for code whose slots start at `slots`. NULL with RecursionError. */
static MpFrame *push_frame(MpCode *code, MpFunction *func, MpObject **slots,
                           MpObject *globals)
{
    if (vm.depth >= vm.recursion_limit) {
        mp_err_set(mp_RecursionError, "maximum recursion depth exceeded");
        return NULL;
    }
    int nslots = mp_code_nslots(code);
    if (slots + nslots + code->stacksize > vm.stack_limit) {
        mp_err_set(mp_RecursionError, "maximum recursion depth exceeded (value stack full)");
        return NULL;
    }
    MpFrame *f = vm.free_frames;
    if (f) {
        vm.free_frames = f->back;
    } else if (!(f = malloc(sizeof *f))) {
        mp_err_nomemory();
        return NULL;
    }
    f->back = vm.top;
    f->code = code;
    f->func = func;
    f->slots = slots;
    f->stack = slots + nslots;
    f->sp = f->stack;
    f->pc = code->instrs;
    f->globals = globals;
    f->ns = NULL;
    f->ret_slot = NULL;
    f->entry = false;
    f->serial = ++vm.serial;
    vm.top = f;
    vm.depth++;
    return f;
}

/* Release the frame's slots and operand stack [stack, sp), then the frame. */
static void pop_frame(MpFrame *f, MpObject **sp)
{
    while (sp > f->stack) {
        MpObject *v = *--sp;
        MP_XDECREF(v);
    }
    int nslots = mp_code_nslots(f->code);
    for (int i = 0; i < nslots; i++)
        MP_CLEAR(f->slots[i]);
    vm.top = f->back;
    vm.depth--;
    f->back = vm.free_frames;
    vm.free_frames = f;
}

/* ==== Argument binding ==== */

static void name_list(MpStrBuf *b, MpObject *const *names, int n)
{
    for (int i = 0; i < n; i++) {
        if (i > 0)
            mp_strbuf_add_cstr(b, n == 2 ? " and " : i + 1 == n ? ", and " : ", ");
        mp_strbuf_add_char(b, '\'');
        mp_strbuf_add_cstr(b, MP_STR_DATA(names[i]));
        mp_strbuf_add_char(b, '\'');
    }
}

static void missing_args(MpCode *co, MpObject **slots, int from, int to, const char *kind)
{
    MpObject *names[64];
    int n = 0;
    for (int i = from; i < to && n < 64; i++)
        if (!slots[i])
            names[n++] = MP_TUPLE_ITEMS(co->varnames)[i];
    MpStrBuf b;
    mp_strbuf_init(&b);
    name_list(&b, names, n);
    MpObject *list = mp_strbuf_finish(&b);
    if (!list)
        return;
    mp_err_format(mp_TypeError, "%s() missing %d required %s argument%s: %s",
                  MP_STR_DATA(co->qualname), n, kind, n == 1 ? "" : "s", MP_STR_DATA(list));
    MP_DECREF(list);
}

/* "f() takes 2 positional arguments but 3 were given", counting the keyword-only
   arguments given as CPython 3.11 does: "... but 3 positional arguments (and 1
   keyword-only argument) were given". Called once keywords are bound. */
static void too_many_positional(MpFunction *func, MpObject **slots, size_t given)
{
    MpCode *co = func->code;
    int kwonly_given = 0;
    for (int i = co->argcount; i < co->argcount + co->kwonlyargcount; i++)
        kwonly_given += slots[i] != NULL;
    int ndef = func->defaults ? (int)MP_TUPLE_SIZE(func->defaults) : 0;
    char sig[64], kwonly[96] = "";
    if (ndef)
        snprintf(sig, sizeof sig, "from %d to %d", co->argcount - ndef, co->argcount);
    else
        snprintf(sig, sizeof sig, "%d", co->argcount);
    if (kwonly_given)
        snprintf(kwonly, sizeof kwonly, " positional argument%s (and %d keyword-only argument%s)",
                 given == 1 ? "" : "s", kwonly_given, kwonly_given == 1 ? "" : "s");
    mp_err_format(mp_TypeError, "%s() takes %s positional argument%s but %zu%s %s given",
                  MP_STR_DATA(co->qualname), sig, ndef || co->argcount != 1 ? "s" : "",
                  given, kwonly, given == 1 && !kwonly_given ? "was" : "were");
}

/* Fill the keyword-only slots left unset from func's __kwdefaults__; then, as
   CPython, name every one still missing in a single TypeError. 0 or -1. */
static int kwonly_defaults(MpFunction *func, MpObject **slots)
{
    MpCode *co = func->code;
    int end = co->argcount + co->kwonlyargcount;
    bool missing = false;
    for (int i = co->argcount; i < end; i++) {
        if (slots[i])
            continue;
        MpObject *d = func->kwdefaults
                          ? mp_dict_get(func->kwdefaults, MP_TUPLE_ITEMS(co->varnames)[i])
                          : NULL;
        MP_XINCREF(d);
        slots[i] = d;
        missing = missing || !d;
    }
    if (!missing)
        return 0;
    missing_args(co, slots, co->argcount, end, "keyword-only");
    return -1;
}

/* Move args (owned references: nargs positional then one per kwname) into the
   frame slots of f's code, CPython's rules and messages. The slots must be
   NULL except where args already sit (slots == args, the fast path). Consumes
   the args in every case. 0 or -1. */
static int bind_args(MpFunction *func, MpObject **slots, MpObject **args, size_t nargs,
                     MpObject *kwnames)
{
    MpCode *co = func->code;
    size_t nkw = kwnames ? (size_t)MP_TUPLE_SIZE(kwnames) : 0;
    int total = co->argcount + co->kwonlyargcount + !!(co->flags & MP_CO_VARARGS) +
                !!(co->flags & MP_CO_VARKW);
    MpObject *small[16], **tmp = small;
    size_t n = nargs + nkw;
    if (n > 16 && !(tmp = malloc(n * sizeof *tmp))) {
        for (size_t i = 0; i < n; i++)
            MP_DECREF(args[i]);
        mp_err_nomemory();
        return -1;
    }
    memcpy(tmp, args, n * sizeof *tmp);
    for (int i = 0; i < co->nlocals; i++)
        slots[i] = NULL;
    size_t used = 0; /* tmp[0..used) have been moved into slots */
    int rc = -1;
    size_t npos = nargs < (size_t)co->argcount ? nargs : (size_t)co->argcount;
    for (size_t i = 0; i < npos; i++)
        slots[i] = tmp[i];
    used = npos;
    MpObject *kwdict = NULL;
    int vararg_slot = co->argcount + co->kwonlyargcount;
    int varkw_slot = vararg_slot + !!(co->flags & MP_CO_VARARGS);
    if (co->flags & MP_CO_VARARGS) {
        MpObject *t = mp_tuple_new((int64_t)(nargs - npos));
        if (!t)
            goto done;
        for (size_t i = npos; i < nargs; i++)
            MP_TUPLE_ITEMS(t)[i - npos] = tmp[i];
        used = nargs;
        slots[vararg_slot] = t;
    }
    if (co->flags & MP_CO_VARKW) {
        if (!(kwdict = mp_dict_new()))
            goto done;
        slots[varkw_slot] = kwdict;
    }
    for (size_t k = 0; k < nkw; k++) {
        MpObject *name = MP_TUPLE_ITEMS(kwnames)[k];
        MpObject *value = tmp[nargs + k];
        int found = -1;
        for (int i = co->posonlyargcount; i < co->argcount + co->kwonlyargcount; i++) {
            MpObject *p = MP_TUPLE_ITEMS(co->varnames)[i];
            if (p == name || mp_str_equal(p, name)) {
                found = i;
                break;
            }
        }
        if (found < 0) {
            if (!kwdict) {
                mp_err_format(mp_TypeError, "%s() got an unexpected keyword argument '%s'",
                              MP_STR_DATA(co->qualname), MP_STR_DATA(name));
                goto done;
            }
            if (mp_dict_set(kwdict, name, value) < 0)
                goto done;
            continue;
        }
        if (slots[found]) {
            mp_err_format(mp_TypeError, "%s() got multiple values for argument '%s'",
                          MP_STR_DATA(co->qualname), MP_STR_DATA(name));
            goto done;
        }
        MP_INCREF(value);
        slots[found] = value;
    }
    if (nargs > (size_t)co->argcount && !(co->flags & MP_CO_VARARGS)) {
        too_many_positional(func, slots, nargs);
        goto done;
    }
    /* Defaults for the positional parameters left unset. */
    int ndef = func->defaults ? (int)MP_TUPLE_SIZE(func->defaults) : 0;
    int first_def = co->argcount - ndef;
    for (int i = (int)npos; i < co->argcount; i++) {
        if (slots[i])
            continue;
        if (i < first_def) {
            missing_args(co, slots, (int)npos, first_def, "positional");
            goto done;
        }
        slots[i] = MP_TUPLE_ITEMS(func->defaults)[i - first_def];
        MP_INCREF(slots[i]);
    }
    if (kwonly_defaults(func, slots) < 0)
        goto done;
    rc = 0;
done:
    for (size_t i = used; i < n; i++)
        MP_DECREF(tmp[i]);
    if (rc < 0)
        for (int i = 0; i < total; i++)
            MP_CLEAR(slots[i]);
    if (tmp != small)
        free(tmp);
    return rc;
}

/* Cells for captured locals (arguments move into theirs) and the closure. */
static int init_cells(MpFunction *func, MpObject **slots)
{
    MpCode *co = func->code;
    for (int i = 0; i < co->ncells; i++) {
        int a = co->cell2arg[i];
        MpObject *cell = mp_cell_new(a >= 0 ? slots[a] : NULL);
        if (!cell)
            return -1;
        if (a >= 0)
            MP_CLEAR(slots[a]);
        slots[co->nlocals + i] = cell;
    }
    for (int i = 0; i < co->nfree; i++) {
        MpObject *cell = MP_TUPLE_ITEMS(func->closure)[i];
        MP_INCREF(cell);
        slots[co->nlocals + co->ncells + i] = cell;
    }
    return 0;
}

/* Set up a frame for func whose (owned) arguments are at args; the frame's
   slots start at args. On failure the arguments are released. */
static MpFrame *enter_function(MpFunction *func, MpObject **args, size_t nargs,
                               MpObject *kwnames)
{
    MpCode *co = func->code;
    MpFrame *f = push_frame(co, func, args, func->globals);
    if (!f) {
        size_t n = nargs + (kwnames ? (size_t)MP_TUPLE_SIZE(kwnames) : 0);
        for (size_t i = 0; i < n; i++)
            MP_DECREF(args[i]);
        return NULL;
    }
    bool fast = !kwnames && nargs == (size_t)co->argcount &&
                !(co->flags & (MP_CO_VARARGS | MP_CO_VARKW)) && co->kwonlyargcount == 0;
    if (fast) {
        for (int i = co->argcount; i < co->nlocals; i++)
            args[i] = NULL;
    } else if (bind_args(func, args, args, nargs, kwnames) < 0) {
        pop_frame(f, f->stack);
        return NULL;
    }
    int extra = co->ncells + co->nfree;
    for (int i = 0; i < extra; i++)
        args[co->nlocals + i] = NULL;
    if (extra && init_cells(func, args) < 0) {
        pop_frame(f, f->stack);
        return NULL;
    }
    return f;
}

/* ==== Helpers of the loop ==== */

static MpObject *name_error(MpObject *name)
{
    mp_err_format(mp_NameError, "name '%s' is not defined", MP_STR_DATA(name));
    mp_err_add_name_context(name);
    return NULL;
}

static MpObject *load_global(MpObject *globals, MpObject *name)
{
    MpObject *v = mp_table_get_str(&((MpDict *)globals)->table, name);
    if (!v)
        v = mp_table_get_str(&((MpDict *)vm.builtins)->table, name);
    if (!v)
        return name_error(name);
    MP_INCREF(v);
    return v;
}

/* LOAD_GLOBAL of the code's name i: load_global() through code->global_cache,
   which is made on first use (without it every load takes the slow path). */
static MpObject *load_global_cached(MpObject *globals, MpCode *code, int i)
{
    MpTable *g = &((MpDict *)globals)->table, *b = &((MpDict *)vm.builtins)->table;
    MpGlobalCache *c = code->global_cache ? &code->global_cache[i] : NULL;
    if (c && g->keys->version != 0 && c->globals_version == g->keys->version &&
        (c->builtins_version == 0 || c->builtins_version == b->keys->version)) {
        MpTableKeys *k = c->builtins_version ? b->keys : g->keys;
        MpObject *v = mp_table_entries(k)[c->index].value;
        MP_INCREF(v);
        return v;
    }
    MpObject *name = MP_TUPLE_ITEMS(code->names)[i];
    if (!c && (code->global_cache = calloc((size_t)MP_TUPLE_SIZE(code->names), sizeof *c)))
        c = &code->global_cache[i];
    MpTable *where = g;
    int64_t ix = mp_table_index_str(g, name);
    if (ix < 0) {
        where = b;
        ix = mp_table_index_str(b, name);
    }
    if (ix < 0)
        return name_error(name);
    if (c)
        *c = (MpGlobalCache){mp_table_keys_version(g),
                             where == b ? mp_table_keys_version(b) : 0, ix};
    MpObject *v = mp_table_entries(where->keys)[ix].value;
    MP_INCREF(v);
    return v;
}

static void unbound_local(MpCode *co, int slot)
{
    if (slot < co->nlocals) {
        mp_err_format(mp_UnboundLocalError,
                      "cannot access local variable '%s' where it is not associated with a value",
                      MP_STR_DATA(MP_TUPLE_ITEMS(co->varnames)[slot]));
    } else if (slot < co->nlocals + co->ncells) {
        mp_err_format(mp_UnboundLocalError,
                      "cannot access local variable '%s' where it is not associated with a value",
                      MP_STR_DATA(MP_TUPLE_ITEMS(co->cellvars)[slot - co->nlocals]));
    } else {
        MpObject *name = MP_TUPLE_ITEMS(co->freevars)[slot - co->nlocals - co->ncells];
        mp_err_format(mp_NameError,
                      "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                      MP_STR_DATA(name));
        mp_err_add_name_context(name);
    }
}

/* Unpack seq into n values written at out[n-1] .. out[0] (first item on top).
   With star >= 0: `star` items before, after items after, a list between. */
static int unpack(MpObject *seq, int n, int star, int after, MpObject **out)
{
    if ((seq->type == &mp_tuple_type.gc || seq->type == &mp_list_type.gc) && star < 0) {
        int64_t size = seq->type == &mp_tuple_type.gc ? MP_TUPLE_SIZE(seq) : MP_LIST_SIZE(seq);
        MpObject **items =
            seq->type == &mp_tuple_type.gc ? MP_TUPLE_ITEMS(seq) : MP_LIST_ITEMS(seq);
        if (size == n) {
            for (int i = 0; i < n; i++) {
                MP_INCREF(items[i]);
                out[n - 1 - i] = items[i];
            }
            return 0;
        }
    }
    MpObject *it = mp_iter(seq);
    if (!it) {
        if (mp_err_matches(mp_TypeError)) {
            mp_err_clear();
            mp_err_format(mp_TypeError, "cannot unpack non-iterable %s object",
                          mp_type_name(seq));
        }
        return -1;
    }
    int before = star >= 0 ? star : n;
    int got = 0;
    for (; got < before; got++) {
        MpObject *v = mp_iternext(it);
        if (!v) {
            if (!mp_err_occurred()) {
                if (star >= 0)
                    mp_err_format(mp_ValueError,
                                  "not enough values to unpack (expected at least %d, got %d)",
                                  before + after, got);
                else
                    mp_err_format(mp_ValueError,
                                  "not enough values to unpack (expected %d, got %d)", n, got);
            }
            goto fail;
        }
        out[n - 1 - got] = v;
    }
    if (star < 0) {
        MpObject *extra = mp_iternext(it);
        if (extra) {
            MP_DECREF(extra);
            mp_err_format(mp_ValueError, "too many values to unpack (expected %d)", n);
            goto fail;
        }
        if (mp_err_occurred())
            goto fail;
        MP_DECREF(it);
        return 0;
    }
    MpObject *rest = mp_list_new(0);
    if (!rest)
        goto fail;
    MpObject *v;
    while ((v = mp_iternext(it))) {
        int r = mp_list_append(rest, v);
        MP_DECREF(v);
        if (r < 0) {
            MP_DECREF(rest);
            goto fail;
        }
    }
    if (mp_err_occurred() || MP_LIST_SIZE(rest) < after) {
        if (!mp_err_occurred())
            mp_err_format(mp_ValueError,
                          "not enough values to unpack (expected at least %d, got %d)",
                          before + after, before + (int)MP_LIST_SIZE(rest));
        MP_DECREF(rest);
        goto fail;
    }
    int64_t rn = MP_LIST_SIZE(rest);
    for (int i = 0; i < after; i++) {
        /* Move the last `after` items out of the list. */
        out[after - 1 - i] = MP_LIST_ITEMS(rest)[rn - after + i];
    }
    ((MpList *)rest)->size = rn - after;
    out[after] = rest;
    got = n;
    MP_DECREF(it);
    return 0;
fail:
    for (int i = 0; i < got && star < 0; i++)
        MP_DECREF(out[n - 1 - i]);
    if (star >= 0)
        for (int i = 0; i < got; i++)
            MP_DECREF(out[n - 1 - i]);
    MP_DECREF(it);
    return -1;
}

static bool exc_match_type(MpObject *t)
{
    if (mp_is_exception_type(t))
        return true;
    if (t->type != &mp_tuple_type.gc)
        return false;
    for (int64_t i = 0; i < MP_TUPLE_SIZE(t); i++)
        if (!mp_is_exception_type(MP_TUPLE_ITEMS(t)[i]))
            return false;
    return true;
}

static bool exc_matches(MpObject *exc, MpObject *t)
{
    if (t->type != &mp_tuple_type.gc)
        return mp_is_instance_of(exc, (MpType *)t);
    for (int64_t i = 0; i < MP_TUPLE_SIZE(t); i++)
        if (mp_is_instance_of(exc, (MpType *)MP_TUPLE_ITEMS(t)[i]))
            return true;
    return false;
}

/* raise exc [from cause]: instantiate classes, check types, set __cause__. */
static void do_raise(MpObject *exc, MpObject *cause)
{
    MpObject *value;
    if (mp_is_exception_type(exc)) {
        value = mp_call0(exc);
        if (!value)
            return;
        if (!mp_is_instance_of(value, mp_BaseException)) {
            mp_err_format(mp_TypeError,
                          "calling %s should have returned an instance of BaseException, not %s",
                          ((MpType *)exc)->gc.name, mp_type_name(value));
            MP_DECREF(value);
            return;
        }
    } else if (mp_is_instance_of(exc, mp_BaseException)) {
        MP_INCREF(exc);
        value = exc;
    } else {
        mp_err_set(mp_TypeError, "exceptions must derive from BaseException");
        return;
    }
    if (cause) {
        MpObject *c = NULL;
        if (mp_is_exception_type(cause)) {
            c = mp_call0(cause);
            if (!c) {
                MP_DECREF(value);
                return;
            }
        } else if (mp_is_instance_of(cause, mp_BaseException)) {
            MP_INCREF(cause);
            c = cause;
        } else if (cause != mp_none) {
            mp_err_set(mp_TypeError, "exception causes must derive from BaseException");
            MP_DECREF(value);
            return;
        }
        MP_SETREF(((MpException *)value)->cause, c);
        ((MpException *)value)->suppress_context = true;
    }
    mp_err_set_object(value);
    MP_DECREF(value);
}

static MpObject *build_string(MpObject **items, int n)
{
    MpStrBuf b;
    mp_strbuf_init(&b);
    for (int i = 0; i < n; i++)
        mp_strbuf_add(&b, MP_STR_DATA(items[i]), (size_t)MP_STR_SIZE(items[i]));
    return mp_strbuf_finish(&b);
}

static MpObject *format_value(MpObject *v, int flags, MpObject *spec)
{
    MpObject *conv = NULL;
    if ((flags & 3) == 1)
        conv = mp_str(v);
    else if ((flags & 3) == 2)
        conv = mp_repr(v);
    else if ((flags & 3) == 3)
        conv = mp_ascii(v);
    if ((flags & 3) && !conv)
        return NULL;
    MpObject *x = conv ? conv : v;
    MpObject *r;
    if (!spec && mp_is_str(x)) {
        MP_INCREF(x);
        r = x;
    } else if (!spec) {
        r = mp_str(x);
    } else {
        r = mp_format(x, spec);
    }
    MP_XDECREF(conv);
    return r;
}

/* Run a class body with a fresh namespace, then make the class. */
static MpObject *make_class(MpObject *body, MpObject *name, MpObject **bases, int nbases)
{
    MpObject *ns = mp_dict_new();
    if (!ns)
        return NULL;
    MpObject *r = vm_run_class_body((MpFunction *)body, ns);
    if (!r) {
        MP_DECREF(ns);
        return NULL;
    }
    MpObject *btuple = mp_tuple_new(nbases);
    if (!btuple) {
        MP_DECREF(r);
        MP_DECREF(ns);
        return NULL;
    }
    for (int i = 0; i < nbases; i++) {
        MP_INCREF(bases[i]);
        MP_TUPLE_ITEMS(btuple)[i] = bases[i];
    }
    MpObject *cls = mp_class_new(name, btuple, ns);
    MP_DECREF(btuple);
    MP_DECREF(ns);
    if (cls && r->type == &mp_cell_type.gc) {
        MP_INCREF(cls);
        MP_SETREF(((MpCell *)r)->value, cls);
    }
    MP_DECREF(r);
    return cls;
}

static MpObject *before_with(MpObject *mgr, MpObject **exit_out)
{
    MpObject *enter = NULL, *exit = NULL;
    MpObject *enter_name = mp_str_intern("__enter__"), *exit_name = mp_str_intern("__exit__");
    int a = mp_lookup_attr(mgr, enter_name, &enter);
    int b = a > 0 ? mp_lookup_attr(mgr, exit_name, &exit) : 0;
    MP_DECREF(enter_name);
    MP_DECREF(exit_name);
    if (a <= 0 || b <= 0) {
        MP_XDECREF(enter);
        if (a >= 0 && b >= 0)
            mp_err_format(mp_TypeError,
                          "'%s' object does not support the context manager protocol%s",
                          mp_type_name(mgr), a ? " (missed __exit__ method)" : "");
        return NULL;
    }
    MpObject *r = mp_call0(enter);
    MP_DECREF(enter);
    if (!r) {
        MP_DECREF(exit);
        return NULL;
    }
    *exit_out = exit;
    return r;
}

/* The pending exception escapes frame f: move f's locals into its traceback
   entry, so they live as long as the exception (CPython's frames do). */
static void keep_locals(MpFrame *f)
{
    MpObject *exc = mp_err_peek();
    int n = mp_code_nslots(f->code);
    if (!exc || n == 0 || !mp_is_instance_of(exc, mp_BaseException))
        return;
    MpObject *t = mp_tuple_new(n);
    if (!t) {
        mp_err_clear();
        mp_err_set_object(exc);
        return;
    }
    for (int i = 0; i < n; i++) {
        MpObject *v = f->slots[i] ? f->slots[i] : (MP_INCREF(mp_none), mp_none);
        f->slots[i] = NULL;
        MP_TUPLE_ITEMS(t)[i] = v;
    }
    mp_traceback_keep_locals(exc, f->serial, t);
    MP_DECREF(t);
}

/* Record frame f's current line in the pending exception's traceback, once
   per frame. */
static void add_traceback(MpFrame *f)
{
    MpObject *exc = mp_err_peek();
    if (!exc)
        return;
    if (vm.handled && vm.handled != exc && !((MpException *)exc)->context) {
        MP_INCREF(vm.handled);
        ((MpException *)exc)->context = vm.handled;
    }
    mp_traceback_add(exc, f->code, vm_frame_line(f), vm_frame_instr(f), f->serial);
}

/* ==== The loop ==== */

#if defined(__GNUC__) && !defined(MP_NO_COMPUTED_GOTO)
#define USE_COMPUTED_GOTO 1
#else
#define USE_COMPUTED_GOTO 0
#endif

#define PUSH(v)     (*sp++ = (v))
#define POP()       (*--sp)
#define TOP()       (sp[-1])
#define PEEK(n)     (sp[-(n)])
#define JUMPTO(t)   (pc = code->instrs + (t))
#define LOAD_FRAME()                                                           \
    do {                                                                       \
        code = frame->code;                                                    \
        slots = frame->slots;                                                  \
        consts = MP_TUPLE_ITEMS(code->consts);                                 \
        names = MP_TUPLE_ITEMS(code->names);                                   \
        pc = frame->pc;                                                        \
        sp = frame->sp;                                                        \
    } while (0)
#define SAVE_FRAME()                                                           \
    do {                                                                       \
        frame->pc = pc;                                                        \
        frame->sp = sp;                                                        \
    } while (0)

/* Computed gotos are a GNU extension: -Wpedantic is silenced for this
   function only (Lua keeps its jump table apart the same way). */
#if USE_COMPUTED_GOTO
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#endif
static MpObject *eval(MpFrame *frame)
{
    MpCode *code;
    MpObject **slots, **consts, **names, **sp;
    const uint32_t *pc;
    uint32_t instr;
    int arg;

    if (++vm.c_depth > MAX_C_DEPTH || mp_cstack_check("") < 0) {
        vm.c_depth--;
        if (!mp_err_occurred())
            mp_err_set(mp_RecursionError, "maximum recursion depth exceeded");
        pop_frame(frame, frame->sp);
        return NULL;
    }
    frame->entry = true;
    LOAD_FRAME();
    if (vm_interrupt_pending()) {
        frame->pc = pc + 1;
        vm_check_interrupt();
        goto error;
    }

#if USE_COMPUTED_GOTO
    static void *const targets[OP_COUNT] = {
#define MP_OPCODE_TARGET(name) &&L_##name,
        MP_OPCODES(MP_OPCODE_TARGET)
#undef MP_OPCODE_TARGET
    };
#define CASE(name) L_##name:
#define DISPATCH()                                                             \
    do {                                                                       \
        instr = *pc++;                                                         \
        arg = (int)MP_INSTR_ARG(instr);                                        \
        goto *targets[MP_INSTR_OP(instr)];                                     \
    } while (0)
    DISPATCH();
#else
#define CASE(name) case OP_##name:
#define DISPATCH() continue
    for (;;) {
        instr = *pc++;
        arg = (int)MP_INSTR_ARG(instr);
        switch (MP_INSTR_OP(instr)) {
#endif

#include "vm_cases.h"

#if !USE_COMPUTED_GOTO
        default:
            mp_err_format(mp_RuntimeError, "unknown opcode %u", MP_INSTR_OP(instr));
            goto error;
        }
    }
#endif

error:
    SAVE_FRAME();
    add_traceback(frame);
exception_unwind:
    for (;;) {
        int64_t at = pc - code->instrs - 1;
        const MpExcEntry *h = NULL;
        for (uint32_t i = 0; i < code->nexc; i++) {
            const MpExcEntry *e = &code->exc_table[i];
            if (at >= e->start && at < e->end) {
                h = e;
                break;
            }
        }
        if (h) {
            MpObject **target = frame->stack + h->depth;
            while (sp > target) {
                MpObject *v = POP();
                MP_XDECREF(v);
            }
            PUSH(mp_err_fetch());
            JUMPTO(h->target);
            DISPATCH();
        }
        bool entry = frame->entry;
        MpObject **ret = frame->ret_slot;
        keep_locals(frame);
        pop_frame(frame, sp);
        if (entry) {
            vm.c_depth--;
            return NULL;
        }
        frame = vm.top;
        LOAD_FRAME();
        sp = ret;
        MP_DECREF(*sp);
        SAVE_FRAME();
        add_traceback(frame);
    }
}
#if USE_COMPUTED_GOTO
#pragma GCC diagnostic pop
#endif

/* ==== Entry points ==== */

MpObject *vm_call_function(MpFunction *f, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    MpObject **base = stack_top();
    size_t n = nargs + (kwnames ? (size_t)MP_TUPLE_SIZE(kwnames) : 0);
    int need = mp_code_nslots(f->code) > (int)n ? mp_code_nslots(f->code) : (int)n;
    if (base + need + f->code->stacksize > vm.stack_limit)
        return mp_err_set(mp_RecursionError, "maximum recursion depth exceeded");
    for (size_t i = 0; i < n; i++) {
        MP_INCREF(args[i]);
        base[i] = args[i];
    }
    MpFrame *frame = enter_function(f, base, nargs, kwnames);
    if (!frame)
        return NULL;
    return eval(frame);
}

MpObject *vm_run_class_body(MpFunction *body, MpObject *ns)
{
    MpObject **base = stack_top();
    MpFrame *frame = enter_function(body, base, 0, NULL);
    if (!frame)
        return NULL;
    frame->ns = ns;
    return eval(frame);
}

MpObject *vm_run_code(MpCode *code, MpObject *globals)
{
    MpObject **base = stack_top();
    MpFrame *frame = push_frame(code, NULL, base, globals);
    if (!frame)
        return NULL;
    for (int i = 0; i < mp_code_nslots(code); i++)
        base[i] = NULL;
    return eval(frame);
}

MpObject *vm_handled_exception(void)
{
    return vm.handled;
}

void vm_clear_handled_exception(void)
{
    MP_CLEAR(vm.handled);
}

void vm_fini(void)
{
    MP_ASSERT(!vm.top);
    MP_CLEAR(vm.handled);
    while (vm.free_frames) {
        MpFrame *f = vm.free_frames;
        vm.free_frames = f->back;
        free(f);
    }
    if (vm.stack_base)
        munmap(vm.stack_base, STACK_SLOTS * sizeof(MpObject *));
    vm.stack_base = vm.stack_limit = NULL;
    vm.builtins = vm.main_globals = NULL;
}

int vm_init(MpObject *builtins, MpObject *main_globals)
{
    if (!vm.stack_base) {
        void *p = mmap(NULL, STACK_SLOTS * sizeof(MpObject *), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED)
            return -1;
        vm.stack_base = p;
        vm.stack_limit = vm.stack_base + STACK_SLOTS;
    }
    vm.builtins = builtins;
    vm.main_globals = main_globals;
    return 0;
}
