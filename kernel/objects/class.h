/*
 * kernel/objects/class.h - classes made by `class` statements and their instances.
 */
#ifndef MINIPY_KERNEL_OBJECTS_CLASS_H
#define MINIPY_KERNEL_OBJECTS_CLASS_H

#include "object.h"

/* An instance of a class deriving from object: 24 bytes, its attributes one
   word (MpAttrs), as CPython 3.11's managed dict (no dict object until
   __dict__ is asked for), then the class's attrs_hint inline value slots. */
typedef struct MpInstance {
    MpObject ob;
    MpAttrs attrs; /* right after ob: mp_attrs_inline_keys() relies on it */
} MpInstance;
_Static_assert(offsetof(MpInstance, attrs) == sizeof(MpObject), "MpAttrs follows ob");

/* type(name, bases, namespace): a new heap class. Borrows its arguments; the
   namespace dict becomes the class's dict. */
MpObject *mp_class_new(MpObject *name, MpObject *bases, MpObject *ns);
/* Re-derive the slots from the class's dunder methods after its dict changed. */
void mp_class_update_slots(MpType *type);
/* Deallocate a heap class (the `type` type's dealloc). */
void mp_class_dealloc(GcHead *self);

#endif
