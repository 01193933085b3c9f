/*
 * kernel/vm/call.c - calling any callable object from C.
 *
 * mp_call dispatches on the callable's type: Minipy functions run in the
 * interpreter, everything else through its type's call slot.
 */
#include "abstract.h"
#include "errors.h"
#include "func.h"
#include "vm.h"

#include <stdlib.h>
#include <string.h>

MpObject *mp_call(MpObject *callable, MpObject *const *args, size_t nargs,
                  MpObject *kwnames)
{
    if (callable->type == &mp_function_type.gc)
        return vm_call_function((MpFunction *)callable, args, nargs, kwnames);
    MpType *t = mp_type(callable);
    if (!t->call)
        return mp_err_format(mp_TypeError, "'%s' object is not callable", t->gc.name);
    return t->call(callable, args, nargs, kwnames);
}

MpObject *mp_call0(MpObject *callable)
{
    return mp_call(callable, NULL, 0, NULL);
}

MpObject *mp_call1(MpObject *callable, MpObject *arg)
{
    return mp_call(callable, &arg, 1, NULL);
}

MpObject *mp_call2(MpObject *callable, MpObject *a, MpObject *b)
{
    MpObject *args[2] = {a, b};
    return mp_call(callable, args, 2, NULL);
}

MpObject *mp_call_method(MpObject *o, const char *name, MpObject *const *args, size_t nargs)
{
    MpObject *m = mp_getattr_cstr(o, name);
    if (!m)
        return NULL;
    MpObject *r = mp_call(m, args, nargs, NULL);
    MP_DECREF(m);
    return r;
}

bool mp_is_callable(MpObject *o)
{
    return mp_type(o)->call != NULL || o->type == &mp_function_type.gc;
}

MpObject *vm_call_ex(MpObject *callable, MpObject *args, MpObject *kwargs)
{
    int64_t npos = MP_TUPLE_SIZE(args);
    int64_t nkw = kwargs ? MP_DICT_LEN(kwargs) : 0;
    if (nkw == 0)
        return mp_call(callable, MP_TUPLE_ITEMS(args), (size_t)npos, NULL);
    MpObject **buf = malloc((size_t)(npos + nkw) * sizeof *buf);
    MpObject *names = mp_tuple_new(nkw);
    if (!buf || !names) {
        free(buf);
        MP_XDECREF(names);
        return mp_err_nomemory();
    }
    memcpy(buf, MP_TUPLE_ITEMS(args), (size_t)npos * sizeof *buf);
    int64_t pos = 0, i = 0;
    MpObject *k, *v;
    while (mp_dict_next(kwargs, &pos, &k, &v)) {
        MP_INCREF(k);
        MP_TUPLE_ITEMS(names)[i] = k;
        buf[npos + i] = v;
        i++;
    }
    MpObject *r = mp_call(callable, buf, (size_t)npos, names);
    MP_DECREF(names);
    free(buf);
    return r;
}
