/*
 * kernel/objects/unicode.c - lookups in the generated Unicode tables.
 *
 * A code point's record is found in two steps (index1 by its high bits,
 * index2 by block and low bits), as CPython's unicodectype.c does; the
 * tables come from tools/unicode/gen_unicode_db.py.
 */
#include "unicode.h"

typedef struct UniRecord {
    uint16_t flags;
    int32_t map[4]; /* by MpUniCase: delta << 1, or offset << 3 | length << 1 | 1 */
} UniRecord;

#include "unicode_db.h"

_Static_assert(UNI_ALPHA == MP_UNI_ALPHA && UNI_ID_CONTINUE == MP_UNI_ID_CONTINUE,
               "unicode_db.h and MpUniProp agree");

static const UniRecord *record(uint32_t c)
{
    if (c >= 0x110000)
        return &unicode_records[0];
    uint32_t block = unicode_index1[c >> UNI_SHIFT];
    return &unicode_records[unicode_index2[(block << UNI_SHIFT) |
                                           (c & ((1u << UNI_SHIFT) - 1))]];
}

unsigned mp_uni_props(uint32_t c)
{
    return record(c)->flags;
}

bool mp_uni_has(uint32_t c, MpUniProp p)
{
    return (record(c)->flags & p) != 0;
}

int mp_uni_map(uint32_t c, MpUniCase kind, uint32_t out[3])
{
    int32_t m = record(c)->map[kind];
    if (!(m & 1)) {
        out[0] = (uint32_t)((int32_t)c + m / 2);
        return 1;
    }
    int n = (m >> 1) & 3;
    for (int i = 0; i < n; i++)
        out[i] = unicode_ext[(m >> 3) + i];
    return n;
}
