/*
 * kernel/objects/unicode.h - Unicode character properties and full case
 * mappings for str's methods, for every code point.
 *
 * The data is generated from CPython's unicodedata by
 * tools/unicode/gen_unicode_db.py (kernel/objects/unicode_db.h).
 */
#ifndef MINIPY_KERNEL_OBJECTS_UNICODE_H
#define MINIPY_KERNEL_OBJECTS_UNICODE_H

#include <stdbool.h>
#include <stdint.h>

/* The properties str's is*() methods and repr test, one bit each. */
typedef enum MpUniProp {
    MP_UNI_ALPHA = 0x1,
    MP_UNI_DECIMAL = 0x2,
    MP_UNI_DIGIT = 0x4,
    MP_UNI_NUMERIC = 0x8,
    MP_UNI_SPACE = 0x10,
    MP_UNI_LOWER = 0x20,
    MP_UNI_UPPER = 0x40,
    MP_UNI_TITLE = 0x80,
    MP_UNI_CASED = 0x100,
    MP_UNI_CASE_IGNORABLE = 0x200,
    MP_UNI_PRINTABLE = 0x400,
    MP_UNI_ID_START = 0x800,     /* XID_Start or '_' */
    MP_UNI_ID_CONTINUE = 0x1000, /* XID_Continue */
} MpUniProp;

typedef enum MpUniCase {
    MP_UNI_TO_UPPER,
    MP_UNI_TO_LOWER,
    MP_UNI_TO_TITLE,
    MP_UNI_TO_FOLD
} MpUniCase;

/* Code point c's MpUniProp bits (as str.isalpha() etc. on chr(c)). */
unsigned mp_uni_props(uint32_t c);
/* Whether c has property p. */
bool mp_uni_has(uint32_t c, MpUniProp p);
/* The full case mapping of c (SpecialCasing included: 'ß' upper is "SS"),
   without context (final sigma is the caller's): up to 3 code points in out,
   their count. */
int mp_uni_map(uint32_t c, MpUniCase kind, uint32_t out[3]);

#endif
