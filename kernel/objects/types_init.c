/*
 * kernel/objects/types_init.c - readies the builtin value types at start-up.
 *
 * One list of every static type defined by none.c, int.c, float.c, str.c,
 * list.c, tuple.c, dict.c, set.c, range.c, slice.c and abstract.c, so a new
 * type cannot be forgotten in one place and readied in another.
 */
#include "types_init.h"

int mp_builtin_types_init(void)
{
    static MpType *const types[] = {
        &mp_none_type,
        &mp_notimpl_type,
        &mp_int_type,
        &mp_bool_type,
        &mp_float_type,
        &mp_str_type,
        &mp_list_type,
        &mp_tuple_type,
        &mp_dict_type,
        &mp_set_type,
        &mp_range_type,
        &mp_slice_type,
        &mp_list_iter_type,
        &mp_list_reviter_type,
        &mp_tuple_iter_type,
        &mp_str_iter_type,
        &mp_range_iter_type,
        &mp_set_iter_type,
        &mp_dict_keys_type,
        &mp_dict_values_type,
        &mp_dict_items_type,
        &mp_dict_keyiter_type,
        &mp_dict_valueiter_type,
        &mp_dict_itemiter_type,
        &mp_dict_revkeyiter_type,
        &mp_dict_revvalueiter_type,
        &mp_dict_revitemiter_type,
        &mp_seq_iter_type,
        &mp_generator_type,
    };
    mp_int_init_cache();
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (mp_type_ready(types[i]) < 0)
            return -1;
    return 0;
}
