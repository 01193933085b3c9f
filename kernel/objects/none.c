/*
 * kernel/objects/none.c - the None and NotImplemented singletons.
 *
 * Both are static immortal objects; None is falsy, NotImplemented truthy.
 * Hashes are identity-based as CPython 3.11's (object.__hash__).
 */
#include "object.h"

#include "abstract.h"
#include "errors.h"

static MpObject *none_repr(MpObject *self)
{
    return mp_str_intern("None");
}

static MpObject *notimpl_repr(MpObject *self)
{
    return mp_str_intern("NotImplemented");
}

static int none_truth(MpObject *self)
{
    return 0;
}

static int64_t identity_hash(MpObject *self)
{
    /* CPython's _Py_HashPointer: rotate by 4 so aligned addresses spread. */
    uint64_t p = (uint64_t)(uintptr_t)self;
    int64_t h = (int64_t)((p >> 4) | (p << 60));
    return h == -1 ? -2 : h;
}

static void static_dealloc(GcHead *self)
{
    /* Immortal statics never reach a zero count; a bug if they do. */
    MP_ASSERT(!"deallocating a static singleton");
}

static size_t singleton_size(const GcHead *self)
{
    return 16;
}

static MpObject *none_new(MpType *type, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    if (nargs || kwnames)
        return mp_err_set(mp_TypeError, "NoneType takes no arguments");
    MP_RETURN_NONE;
}

static MpObject *notimpl_new(MpType *type, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    if (nargs || kwnames)
        return mp_err_set(mp_TypeError, "NotImplementedType takes no arguments");
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

MpType mp_none_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "NoneType", .dealloc = static_dealloc, .size = singleton_size},
    .basicsize = sizeof(MpObject),
    .new_ = none_new,
    .repr = none_repr,
    .hash = identity_hash,
    .truth = none_truth,
};

MpType mp_notimpl_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "NotImplementedType", .dealloc = static_dealloc,
           .size = singleton_size},
    .basicsize = sizeof(MpObject),
    .new_ = notimpl_new,
    .repr = notimpl_repr,
    .hash = identity_hash,
};

MpObject mp_none_obj = MP_STATIC_OBJECT_HEAD(mp_none_type);
MpObject mp_notimpl_obj = MP_STATIC_OBJECT_HEAD(mp_notimpl_type);
