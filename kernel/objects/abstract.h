/*
 * kernel/objects/abstract.h - operations on any object, dispatched through type slots.
 *
 * What the VM and the builtins call: repr/str/hash, comparisons, truth,
 * arithmetic with CPython's reflected-operand rules and error messages, items,
 * iteration, containment, attributes and calls.
 */
#ifndef MINIPY_KERNEL_OBJECTS_ABSTRACT_H
#define MINIPY_KERNEL_OBJECTS_ABSTRACT_H

#include "object.h"

MpObject *mp_repr(MpObject *o);
MpObject *mp_str(MpObject *o);
/* ascii(o): repr(o) with its non-ASCII code points escaped. */
MpObject *mp_ascii(MpObject *o);
/* -1 with an exception: "unhashable type: 'list'". */
int64_t mp_hash(MpObject *o);
/* Rich comparison with CPython's reflection and fallbacks (== falls back to
   identity; < between unrelated types raises TypeError "'<' not supported
   between instances of 'int' and 'str'"). */
MpObject *mp_richcompare(MpObject *a, MpObject *b, MpCompareOp op);
/* The same as a truth value: 1, 0, or -1 on error. Identity implies equality
   for MP_EQ as CPython's PyObject_RichCompareBool. */
int mp_compare_bool(MpObject *a, MpObject *b, MpCompareOp op);
/* 1 true, 0 false, -1 error. */
int mp_truthy(MpObject *o);

/* a op b: "unsupported operand type(s) for +: 'int' and 'str'". */
MpObject *mp_binary_op(MpObject *a, MpObject *b, MpBinaryOp op);
/* a op= b: the type's inplace slot first, then mp_binary_op. */
MpObject *mp_inplace_op(MpObject *a, MpObject *b, MpBinaryOp op);
/* "bad operand type for unary -: 'str'". */
MpObject *mp_unary_op(MpObject *a, MpUnaryOp op);
/* The operator's symbol: "+", "//", "**", ... */
const char *mp_binary_op_symbol(MpBinaryOp op);

/* len(o); -1 with an exception ("object of type 'int' has no len()"). */
int64_t mp_len(MpObject *o);
/* CPython's PyObject_LengthHint: len(o) when o's type has a length (a
   TypeError from it falls through), else o.__length_hint__() (NotImplemented
   or a TypeError: dflt), else dflt. -1 with an exception set. */
int64_t mp_length_hint(MpObject *o, int64_t dflt);
MpObject *mp_getitem(MpObject *o, MpObject *key);
int mp_setitem(MpObject *o, MpObject *key, MpObject *value);
int mp_delitem(MpObject *o, MpObject *key);
/* iter(o): "'int' object is not iterable". */
MpObject *mp_iter(MpObject *o);
/* Next item, or NULL: exhausted when no exception is set. */
MpObject *mp_iternext(MpObject *it);
/* fn(target, item) for each item of iterable (items borrowed for the call),
   stopping at the first -1. 0 or -1. */
int mp_iter_each(MpObject *iterable, int (*fn)(MpObject *target, MpObject *item),
                 MpObject *target);
/* __iter__ of every iterator: itself (new reference). */
MpObject *mp_iter_self(MpObject *self);

/* The layout prefix of an iterator over one container (CPython's it_seq):
   the container, owned, NULL once exhausted. Its type's traverse, clear and
   dealloc can be the three below. */
typedef struct MpIterRef {
    MpObject ob;
    MpObject *seq;
} MpIterRef;
int mp_iter_ref_traverse(GcHead *self, GcVisit visit, void *arg);
void mp_iter_ref_clear(GcHead *self);
void mp_iter_ref_dealloc(GcHead *self);
/* item in container: 1, 0, -1. */
int mp_contains(MpObject *container, MpObject *item);

/* format(o, spec) for f-strings and str.format: ints (d x X o b , _ width
   fill align sign), floats (f e g % , precision), str (width fill align),
   others: str(o) when spec is empty, else TypeError as CPython. */
MpObject *mp_format(MpObject *o, MpObject *spec);

/* Convert to a C integer ("'str' object cannot be interpreted as an integer"). */
int mp_index(MpObject *o, int64_t *out);
/* float(o) value for int/float (TypeError otherwise). */
int mp_to_double(MpObject *o, double *out);

/* Attribute access (kernel/objects/type.c): slots first, then the generic
   lookup with descriptors (methods bind, property, classmethod, staticmethod). */
MpObject *mp_getattr(MpObject *o, MpObject *name);
MpObject *mp_getattr_cstr(MpObject *o, const char *name);
int mp_setattr(MpObject *o, MpObject *name, MpObject *value); /* NULL: delete */
/* 1 found (*out new ref), 0 absent (no exception), -1 error. */
int mp_lookup_attr(MpObject *o, MpObject *name, MpObject **out);
MpObject *mp_generic_getattr(MpObject *o, MpObject *name);
int mp_generic_setattr(MpObject *o, MpObject *name, MpObject *value);

/* Calls (kernel/vm/call.c). */
MpObject *mp_call(MpObject *callable, MpObject *const *args, size_t nargs,
                  MpObject *kwnames);
MpObject *mp_call0(MpObject *callable);
MpObject *mp_call1(MpObject *callable, MpObject *arg);
MpObject *mp_call2(MpObject *callable, MpObject *a, MpObject *b);
/* Call o.name(args...). */
MpObject *mp_call_method(MpObject *o, const char *name, MpObject *const *args,
                         size_t nargs);
bool mp_is_callable(MpObject *o);

#endif
