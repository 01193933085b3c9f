/*
 * kernel/objects/attrs.c - instance attributes: an inline table that becomes a
 * dict object only when __dict__ is asked for (CPython 3.11's managed dict,
 * which is why a cycle of two instances counts 2 in gc.collect(), not 4).
 */
#include "errors.h"
#include "object.h"

void mp_attrs_init(MpAttrs *a, GcType *owner)
{
    mp_table_init(&a->inline_table, owner);
    a->dict = NULL;
}

void mp_attrs_fini(MpAttrs *a)
{
    mp_table_fini(&a->inline_table);
    MP_CLEAR(a->dict);
}

int mp_attrs_traverse(MpAttrs *a, GcVisit visit, void *arg)
{
    if (a->dict)
        return visit(a->dict, arg);
    return mp_table_traverse(&a->inline_table, visit, arg);
}

void mp_attrs_clear(MpAttrs *a)
{
    mp_table_clear(&a->inline_table);
    MP_CLEAR(a->dict);
}

MpObject *mp_attrs_dict(MpAttrs *a)
{
    if (!a->dict) {
        MpObject *d = mp_dict_new();
        if (!d)
            return NULL;
        int64_t pos = 0;
        MpObject *k, *v;
        while (mp_table_next(&a->inline_table, &pos, &k, &v))
            if (mp_dict_set(d, k, v) < 0) {
                MP_DECREF(d);
                return NULL;
            }
        mp_table_clear(&a->inline_table);
        a->dict = d;
    }
    MP_INCREF(a->dict);
    return a->dict;
}
