/*
 * kernel/objects/types_init.h - start-up of the builtin value types, and the
 * helper types and functions the builtin type files share among themselves.
 *
 * mp_objects_init() (type.c) calls mp_builtin_types_init() once.
 */
#ifndef MINIPY_KERNEL_OBJECTS_TYPES_INIT_H
#define MINIPY_KERNEL_OBJECTS_TYPES_INIT_H

#include "object.h"

/* Ready none, int, float, str, list, tuple, dict, set, range, slice and their
   iterator and view types; fill the small-int cache. 0 or -1. */
int mp_builtin_types_init(void);

/* Iterator and view types, readied by mp_builtin_types_init(). */
extern MpType mp_list_iter_type, mp_list_reviter_type, mp_tuple_iter_type,
    mp_str_iter_type, mp_range_iter_type, mp_set_iter_type, mp_dict_keys_type,
    mp_dict_values_type, mp_dict_items_type, mp_dict_keyiter_type,
    mp_dict_valueiter_type, mp_dict_itemiter_type, mp_dict_revkeyiter_type,
    mp_dict_revvalueiter_type, mp_dict_revitemiter_type, mp_seq_iter_type,
    mp_generator_type;

/* The hash slot of unhashable types: TypeError "unhashable type: 'list'". */
int64_t mp_hash_not_implemented(MpObject *o);

/* Fills the -5..256 cache (int.c). */
void mp_int_init_cache(void);

/* Shutdown, called by mp_objects_fini() once no object of the runtime is left:
   drop the cached one-character and empty strs and every interned str
   (str.c; an interned str still referenced from elsewhere then leaks, which
   valgrind reports) and the repr guard's stack (abstract.c). */
void mp_str_fini(void);
void mp_repr_fini(void);

/* CPython's Py_ReprEnter/Py_ReprLeave (abstract.c): 1 if o is already being
   repr'd further up the stack (print '[...]'), 0 if entered, -1 on error. */
int mp_repr_enter(MpObject *o);
void mp_repr_leave(MpObject *o);

/* Hash of an int64 as CPython's int hash (modulus 2**61 - 1, -1 -> -2). */
int64_t mp_int_hash_value(int64_t v);
/* CPython's numeric hash of a double (inf 314159; integral floats hash as int). */
int64_t mp_float_hash_value(double v, MpObject *self);

/* Shared by the sequence types: an index object to a C index ("list indices must
   be integers or slices, not str" is the caller's message). */
bool mp_is_index(MpObject *o);

/* Format helpers (strformat.c) used by mp_format for ints, floats and strs. */
MpObject *mp_format_int(int64_t v, const char *tname, const char *spec, size_t len);
MpObject *mp_format_float(double v, const char *tname, const char *spec, size_t len);
MpObject *mp_format_str(MpObject *s, const char *spec, size_t len);

/* str.format(*args, **kwargs) (strformat.c). */
MpObject *mp_str_method_format(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames);

/* MpTable internals shared by dict.c and set.c (table.c). */
MpObject *mp_table_get_hashed(MpTable *t, MpObject *key, int64_t hash);
int mp_table_set_hashed(MpTable *t, MpObject *key, int64_t hash, MpObject *value);
/* 1 removed (*value: the owned value, a new reference), 0 absent, -1 error. */
int mp_table_pop(MpTable *t, MpObject *key, MpObject **value);
/* Remove the last entry; *key and *value become the caller's references. */
bool mp_table_popitem(MpTable *t, MpObject **key, MpObject **value);
/* Insert every entry of src into dst (an empty dst is presized as CPython). */
int mp_table_copy(MpTable *dst, const MpTable *src);
/* Bytes of indices and entries as CPython's dict keys object (0 when empty). */
size_t mp_table_sizeof(const MpTable *t);

/* Lexicographic comparison of two item arrays (list and tuple). */
MpObject *mp_seq_compare(MpObject *const *a, int64_t na, MpObject *const *b, int64_t nb,
                         MpCompareOp op);

/* Iterator over the code points of a UTF-8 string. */
int64_t mp_utf8_decode(const char *s, int64_t *pos);
int mp_utf8_encode(uint32_t cp, char *out);

#endif
