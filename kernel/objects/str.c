/*
 * kernel/objects/str.c - str: immutable UTF-8 text indexed by code point, the
 * interning table, and MpStrBuf.
 *
 * Every str knows its length in code points and whether it is pure ASCII; ASCII
 * strings (the common case) index in O(1), others walk the UTF-8. The empty
 * string and the 128 one-character ASCII strings are cached and interned.
 * Interned strings are held by the table for the process lifetime.
 * Methods follow CPython 3.11's names, arguments and error messages.
 */
#include "object.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "types_init.h"
#include "unicode.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MpObject *empty_str;
static MpObject *char_cache[128];

/* ==== UTF-8 ==== */

int64_t mp_utf8_decode(const char *s, int64_t *pos)
{
    const unsigned char *p = (const unsigned char *)s + *pos;
    uint32_t c = p[0];
    int n = 1;
    if (c >= 0xF0) {
        c = ((c & 0x07) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
            (p[3] & 0x3Fu);
        n = 4;
    } else if (c >= 0xE0) {
        c = ((c & 0x0F) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        n = 3;
    } else if (c >= 0xC0) {
        c = ((c & 0x1F) << 6) | (p[1] & 0x3Fu);
        n = 2;
    }
    *pos += n;
    return c;
}

int mp_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Byte offset of code point index i (0 <= i <= length). */
static int64_t cp_to_byte(const MpStr *s, int64_t i)
{
    if (mp_str_is_ascii(s))
        return i;
    int64_t b = 0;
    while (i-- > 0) {
        b++;
        while (b < s->size && ((unsigned char)s->data[b] & 0xC0) == 0x80)
            b++;
    }
    return b;
}

/* Code point index of byte offset b. */
static int64_t byte_to_cp(const MpStr *s, int64_t b)
{
    if (mp_str_is_ascii(s))
        return b;
    int64_t n = 0;
    for (int64_t i = 0; i < b; i++)
        n += ((unsigned char)s->data[i] & 0xC0) != 0x80;
    return n;
}

/* ==== Construction ==== */

/* Store the code point count and ascii flag of a new (not interned) str. */
static void set_length(MpStr *s, int64_t length, bool ascii)
{
    s->info = (uint64_t)length | (ascii ? MP_STR_ASCII : 0);
}

/* An uninitialised str of `size` bytes; str_finish sets length and ascii. */
static MpStr *str_alloc(int64_t size)
{
    if (size > (int64_t)(PTRDIFF_MAX - sizeof(MpStr) - 1)) {
        mp_err_nomemory();
        return NULL;
    }
    MpStr *s = (MpStr *)gc_alloc(&mp_str_type.gc, sizeof(MpStr) + (size_t)size + 1);
    if (!s) {
        mp_err_nomemory();
        return NULL;
    }
    s->hash = -1;
    s->size = size;
    s->data[size] = '\0';
    return s;
}

static MpObject *str_finish(MpStr *s)
{
    int64_t len = 0;
    bool ascii = true;
    for (int64_t i = 0; i < s->size; i++) {
        unsigned char c = (unsigned char)s->data[i];
        if (c >= 0x80) {
            ascii = false;
            len += (c & 0xC0) != 0x80;
        } else {
            len++;
        }
    }
    set_length(s, len, ascii);
    return &s->ob;
}

static MpObject *cached_char(unsigned char c)
{
    if (!char_cache[c]) {
        char b = (char)c;
        MpStr *s = str_alloc(1);
        if (!s)
            return NULL;
        s->data[0] = b;
        char_cache[c] = str_finish(s);
        mp_str_intern_inplace(&char_cache[c]);
    }
    MP_INCREF(char_cache[c]);
    return char_cache[c];
}

static MpObject *get_empty(void)
{
    if (!empty_str) {
        MpStr *s = str_alloc(0);
        if (!s)
            return NULL;
        empty_str = str_finish(s);
        mp_str_intern_inplace(&empty_str);
    }
    MP_INCREF(empty_str);
    return empty_str;
}

MpObject *mp_str_new(const char *data, size_t size)
{
    if (size == 0)
        return get_empty();
    if (size == 1 && (unsigned char)data[0] < 0x80)
        return cached_char((unsigned char)data[0]);
    MpStr *s = str_alloc((int64_t)size);
    if (!s)
        return NULL;
    memcpy(s->data, data, size);
    return str_finish(s);
}

MpObject *mp_str_from_cstr(const char *s)
{
    return mp_str_new(s, strlen(s));
}

/* A str of known length and ascii-ness (no scan). */
static MpObject *str_new_known(const char *data, int64_t size, int64_t length,
                               bool ascii)
{
    if (size == 0)
        return get_empty();
    if (size == 1 && ascii)
        return cached_char((unsigned char)data[0]);
    MpStr *s = str_alloc(size);
    if (!s)
        return NULL;
    memcpy(s->data, data, (size_t)size);
    set_length(s, length, ascii);
    return &s->ob;
}

MpObject *mp_str_format_c(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return mp_err_set(mp_ValueError, "bad format");
    if ((size_t)n < sizeof small)
        return mp_str_new(small, (size_t)n);
    char *big = malloc((size_t)n + 1);
    if (!big)
        return mp_err_nomemory();
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    MpObject *r = mp_str_new(big, (size_t)n);
    free(big);
    return r;
}

MpObject *mp_str_concat(MpObject *a, MpObject *b)
{
    MpStr *x = (MpStr *)a, *y = (MpStr *)b;
    if (y->size == 0) {
        MP_INCREF(a);
        return a;
    }
    if (x->size == 0) {
        MP_INCREF(b);
        return b;
    }
    int64_t size;
    if (__builtin_add_overflow(x->size, y->size, &size))
        return mp_err_nomemory();
    MpStr *s = str_alloc(size);
    if (!s)
        return NULL;
    memcpy(s->data, x->data, (size_t)x->size);
    memcpy(s->data + x->size, y->data, (size_t)y->size);
    set_length(s, mp_str_length(x) + mp_str_length(y),
               mp_str_is_ascii(x) && mp_str_is_ascii(y));
    return &s->ob;
}

static void str_dealloc(GcHead *self)
{
    gc_free(self);
}

/* CPython's compact str sizes: 48 + len + 1 for ASCII, else 72 + (len + 1) *
   bytes per code point of the widest one (1, 2 or 4). */
static size_t str_size(const GcHead *self)
{
    const MpStr *s = (const MpStr *)self;
    if (mp_str_is_ascii(s))
        return 48 + (size_t)mp_str_length(s) + 1;
    uint32_t maxc = 0;
    for (int64_t pos = 0; pos < s->size;) {
        uint32_t c = (uint32_t)mp_utf8_decode(s->data, &pos);
        if (c > maxc)
            maxc = c;
    }
    size_t kind = maxc < 0x100 ? 1 : maxc < 0x10000 ? 2 : 4;
    return 72 + ((size_t)mp_str_length(s) + 1) * kind;
}

/* ==== Hashing and interning ==== */

static int64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, p, n);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
    int64_t r = (int64_t)h;
    return r == -1 ? -2 : r;
}

int64_t mp_str_hash(MpObject *o)
{
    MpStr *s = (MpStr *)o;
    if (s->hash == -1)
        s->hash = hash_bytes(s->data, (size_t)s->size);
    return s->hash;
}

bool mp_str_equal(MpObject *a, MpObject *b)
{
    if (a == b)
        return true;
    MpStr *x = (MpStr *)a, *y = (MpStr *)b;
    if (x->size != y->size)
        return false;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash)
        return false;
    return memcmp(x->data, y->data, (size_t)x->size) == 0;
}

/* Open addressing set of interned strs (each holds one reference). */
static MpObject **intern_slots;
static size_t intern_cap, intern_count;

static MpObject **intern_find(const char *s, size_t n, int64_t h)
{
    size_t mask = intern_cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        MpObject *o = intern_slots[i];
        if (!o)
            return &intern_slots[i];
        if (((MpStr *)o)->hash == h && (size_t)MP_STR_SIZE(o) == n &&
            memcmp(MP_STR_DATA(o), s, n) == 0)
            return &intern_slots[i];
    }
}

static bool intern_grow(void)
{
    if (intern_count * 2 < intern_cap)
        return true;
    size_t ncap = intern_cap ? intern_cap * 2 : 1024;
    MpObject **old = intern_slots;
    size_t ocap = intern_cap;
    intern_slots = calloc(ncap, sizeof *intern_slots);
    if (!intern_slots) {
        intern_slots = old;
        return false;
    }
    intern_cap = ncap;
    for (size_t i = 0; i < ocap; i++) {
        if (old[i]) {
            MpObject *o = old[i];
            *intern_find(MP_STR_DATA(o), (size_t)MP_STR_SIZE(o), mp_str_hash(o)) = o;
        }
    }
    free(old);
    return true;
}

void mp_str_intern_inplace(MpObject **p)
{
    MpStr *s = (MpStr *)*p;
    if (mp_str_is_interned(s) || !intern_grow())
        return;
    MpObject **slot = intern_find(s->data, (size_t)s->size, mp_str_hash(*p));
    if (*slot) {
        MP_INCREF(*slot);
        MP_SETREF(*p, *slot);
        return;
    }
    MP_INCREF(*p);
    s->info |= MP_STR_INTERNED;
    *slot = *p;
    intern_count++;
}

MpObject *mp_str_intern_borrowed(const char *cs)
{
    MpObject *o = mp_str_intern(cs);
    if (!o)
        return NULL;
    bool interned = mp_str_is_interned((MpStr *)o);
    MP_DECREF(o);
    return interned ? o : mp_err_nomemory();
}

void mp_str_fini(void)
{
    for (size_t c = 0; c < sizeof char_cache / sizeof char_cache[0]; c++)
        MP_CLEAR(char_cache[c]);
    MP_CLEAR(empty_str);
    for (size_t i = 0; i < intern_cap; i++) {
        MpObject *o = intern_slots[i];
        if (o) {
            ((MpStr *)o)->info &= ~MP_STR_INTERNED;
            intern_slots[i] = NULL;
            MP_DECREF(o);
        }
    }
    free(intern_slots);
    intern_slots = NULL;
    intern_cap = intern_count = 0;
}

MpObject *mp_str_intern(const char *cs)
{
    size_t n = strlen(cs);
    if (intern_cap) {
        MpObject *o = *intern_find(cs, n, hash_bytes(cs, n));
        if (o) {
            MP_INCREF(o);
            return o;
        }
    }
    MpObject *o = mp_str_new(cs, n);
    if (o)
        mp_str_intern_inplace(&o);
    return o;
}

/* ==== repr ==== */

/* Code point c as repr writes one it does not show: \xhh, \uhhhh or \Uhhhhhhhh. */
static void add_escaped(MpStrBuf *b, uint32_t c)
{
    char esc[12];
    if (c < 0x100)
        snprintf(esc, sizeof esc, "\\x%02x", c);
    else if (c < 0x10000)
        snprintf(esc, sizeof esc, "\\u%04x", c);
    else
        snprintf(esc, sizeof esc, "\\U%08x", c);
    mp_strbuf_add_cstr(b, esc);
}

static MpObject *str_repr(MpObject *self)
{
    MpStr *s = (MpStr *)self;
    bool has_single = memchr(s->data, '\'', (size_t)s->size) != NULL;
    bool has_double = memchr(s->data, '"', (size_t)s->size) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    MpStrBuf b;
    mp_strbuf_init(&b);
    mp_strbuf_add_char(&b, quote);
    for (int64_t pos = 0; pos < s->size;) {
        int64_t start = pos;
        uint32_t c = (uint32_t)mp_utf8_decode(s->data, &pos);
        char esc[12];
        if (c == (uint32_t)quote || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            mp_strbuf_add(&b, esc, 2);
        } else if (c == '\n') {
            mp_strbuf_add(&b, "\\n", 2);
        } else if (c == '\t') {
            mp_strbuf_add(&b, "\\t", 2);
        } else if (c == '\r') {
            mp_strbuf_add(&b, "\\r", 2);
        } else if (mp_uni_has(c, MP_UNI_PRINTABLE)) {
            mp_strbuf_add(&b, s->data + start, (size_t)(pos - start));
        } else {
            add_escaped(&b, c);
        }
    }
    mp_strbuf_add_char(&b, quote);
    return mp_strbuf_finish(&b);
}

MpObject *mp_str_ascii_escape(MpObject *str)
{
    MpStr *s = (MpStr *)str;
    if (mp_str_is_ascii(s)) {
        MP_INCREF(str);
        return str;
    }
    MpStrBuf b;
    mp_strbuf_init(&b);
    for (int64_t pos = 0; pos < s->size;) {
        uint32_t c = (uint32_t)mp_utf8_decode(s->data, &pos);
        if (c < 0x80)
            mp_strbuf_add_char(&b, (char)c);
        else
            add_escaped(&b, c);
    }
    return mp_strbuf_finish(&b);
}

static MpObject *str_str(MpObject *self)
{
    MP_INCREF(self);
    return self;
}

/* ==== MpStrBuf ==== */

void mp_strbuf_init(MpStrBuf *b)
{
    b->data = NULL;
    b->size = b->cap = 0;
    b->failed = false;
}

void mp_strbuf_add(MpStrBuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->size + n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 64;
        while (ncap < b->size + n + 1)
            ncap *= 2;
        char *d = realloc(b->data, ncap);
        if (!d) {
            b->failed = true;
            return;
        }
        b->data = d;
        b->cap = ncap;
    }
    memcpy(b->data + b->size, s, n);
    b->size += n;
}

void mp_strbuf_add_cstr(MpStrBuf *b, const char *s)
{
    mp_strbuf_add(b, s, strlen(s));
}

void mp_strbuf_add_char(MpStrBuf *b, char c)
{
    mp_strbuf_add(b, &c, 1);
}

static int add_obj(MpStrBuf *b, MpObject *s)
{
    if (!s)
        return -1;
    mp_strbuf_add(b, MP_STR_DATA(s), (size_t)MP_STR_SIZE(s));
    MP_DECREF(s);
    return 0;
}

int mp_strbuf_add_str(MpStrBuf *b, MpObject *o)
{
    if (mp_is_str(o)) {
        mp_strbuf_add(b, MP_STR_DATA(o), (size_t)MP_STR_SIZE(o));
        return 0;
    }
    return add_obj(b, mp_str(o));
}

int mp_strbuf_add_repr(MpStrBuf *b, MpObject *o)
{
    return add_obj(b, mp_repr(o));
}

MpObject *mp_strbuf_finish(MpStrBuf *b)
{
    if (b->failed) {
        mp_strbuf_free(b);
        return mp_err_nomemory();
    }
    MpObject *r = mp_str_new(b->data ? b->data : "", b->size);
    mp_strbuf_free(b);
    return r;
}

void mp_strbuf_free(MpStrBuf *b)
{
    free(b->data);
    mp_strbuf_init(b);
}

/* ==== Sequence operations ==== */

static int64_t str_len(MpObject *self)
{
    return MP_STR_LEN(self);
}

static int str_truth(MpObject *self)
{
    return MP_STR_SIZE(self) != 0;
}

static int64_t str_hash_slot(MpObject *self)
{
    return mp_str_hash(self);
}

/* The code point at index i (0 <= i < length) as a str. */
static MpObject *char_at(MpStr *s, int64_t i)
{
    if (mp_str_is_ascii(s))
        return cached_char((unsigned char)s->data[i]);
    int64_t b = cp_to_byte(s, i), e = b;
    mp_utf8_decode(s->data, &e);
    return str_new_known(s->data + b, e - b, 1, e - b == 1);
}

static MpObject *substr(MpStr *s, int64_t start, int64_t stop)
{
    if (start == 0 && stop == mp_str_length(s)) {
        MP_INCREF(&s->ob);
        return &s->ob;
    }
    int64_t b = cp_to_byte(s, start);
    int64_t e = mp_str_is_ascii(s) ? stop : b;
    if (!mp_str_is_ascii(s)) {
        for (int64_t i = start; i < stop; i++)
            mp_utf8_decode(s->data, &e);
    }
    return str_new_known(s->data + b, e - b, stop - start, mp_str_is_ascii(s));
}

static MpObject *str_getitem(MpObject *self, MpObject *key)
{
    MpStr *s = (MpStr *)self;
    if (mp_is_int(key)) {
        int64_t i = MP_INT_VALUE(key);
        if (i < 0)
            i += mp_str_length(s);
        if (i < 0 || i >= mp_str_length(s))
            return mp_err_set(mp_IndexError, "string index out of range");
        return char_at(s, i);
    }
    if (mp_type(key) == &mp_slice_type) {
        int64_t start, stop, step;
        int64_t n = mp_slice_indices(key, mp_str_length(s), &start, &stop, &step);
        if (n < 0)
            return NULL;
        if (n == 0)
            return get_empty();
        if (step == 1)
            return substr(s, start, start + n);
        if (n == 1)
            return char_at(s, start);
        if (mp_str_is_ascii(s)) {
            MpStr *r = str_alloc(n);
            if (!r)
                return NULL;
            for (int64_t k = 0, i = start; k < n; k++, i += step)
                r->data[k] = s->data[i];
            set_length(r, n, true);
            return &r->ob;
        }
        int64_t *offs = malloc(sizeof(int64_t) * (size_t)(mp_str_length(s) + 1));
        if (!offs)
            return mp_err_nomemory();
        int64_t pos = 0;
        for (int64_t i = 0; i < mp_str_length(s); i++) {
            offs[i] = pos;
            mp_utf8_decode(s->data, &pos);
        }
        offs[mp_str_length(s)] = pos;
        MpStrBuf b;
        mp_strbuf_init(&b);
        for (int64_t k = 0, i = start; k < n; k++, i += step)
            mp_strbuf_add(&b, s->data + offs[i], (size_t)(offs[i + 1] - offs[i]));
        free(offs);
        return mp_strbuf_finish(&b);
    }
    if (mp_is_index(key)) {
        int64_t i;
        if (mp_index(key, &i) < 0)
            return NULL;
        MpObject *k = mp_int_new(i);
        if (!k)
            return NULL;
        MpObject *r = str_getitem(self, k);
        MP_DECREF(k);
        return r;
    }
    return mp_err_format(mp_TypeError, "string indices must be integers, not '%s'",
                         mp_type_name(key));
}

/* Byte offset of needle in haystack[from, to), or -1. */
static int64_t find_bytes(const char *h, int64_t from, int64_t to, const char *n,
                          int64_t nlen)
{
    if (nlen == 0)
        return from <= to ? from : -1;
    if (to - from < nlen)
        return -1;
    if (nlen == 1) {
        const char *p = memchr(h + from, n[0], (size_t)(to - from));
        return p ? p - h : -1;
    }
    const char *p = h + from, *last = h + to - nlen;
    while (p <= last) {
        p = memchr(p, n[0], (size_t)(last - p + 1));
        if (!p)
            return -1;
        if (memcmp(p + 1, n + 1, (size_t)nlen - 1) == 0)
            return p - h;
        p++;
    }
    return -1;
}

static int64_t rfind_bytes(const char *h, int64_t from, int64_t to, const char *n,
                           int64_t nlen)
{
    if (to - from < nlen)
        return -1;
    for (int64_t i = to - nlen; i >= from; i--)
        if (memcmp(h + i, n, (size_t)nlen) == 0)
            return i;
    return -1;
}

static int str_contains(MpObject *self, MpObject *item)
{
    if (!mp_is_str(item)) {
        mp_err_format(mp_TypeError, "'in <string>' requires string as left operand, not %s",
                      mp_type_name(item));
        return -1;
    }
    return find_bytes(MP_STR_DATA(self), 0, MP_STR_SIZE(self), MP_STR_DATA(item),
                      MP_STR_SIZE(item)) >= 0;
}

static MpObject *str_repeat(MpObject *str, int64_t n)
{
    MpStr *s = (MpStr *)str;
    if (n <= 0 || s->size == 0)
        return get_empty();
    if (n == 1) {
        MP_INCREF(str);
        return str;
    }
    int64_t size;
    if (__builtin_mul_overflow(s->size, n, &size))
        return mp_err_set(mp_OverflowError, "repeated string is too long");
    MpStr *r = str_alloc(size);
    if (!r)
        return NULL;
    if (s->size == 1) {
        memset(r->data, s->data[0], (size_t)size);
    } else {
        for (int64_t i = 0; i < n; i++)
            memcpy(r->data + i * s->size, s->data, (size_t)s->size);
    }
    set_length(r, mp_str_length(s) * n, mp_str_is_ascii(s));
    return &r->ob;
}

static MpObject *str_binop(MpObject *a, MpObject *b, MpBinaryOp op)
{
    if (op == MP_OP_ADD && mp_is_str(a) && mp_is_str(b))
        return mp_str_concat(a, b);
    if (op == MP_OP_MUL) {
        if (mp_is_str(a) && mp_is_int(b))
            return str_repeat(a, MP_INT_VALUE(b));
        if (mp_is_int(a) && mp_is_str(b))
            return str_repeat(b, MP_INT_VALUE(a));
    }
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

static MpObject *str_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    if (!mp_is_str(a) || !mp_is_str(b)) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    if (op == MP_EQ || op == MP_NE)
        return mp_bool(mp_str_equal(a, b) == (op == MP_EQ));
    int64_t la = MP_STR_SIZE(a), lb = MP_STR_SIZE(b);
    int c = memcmp(MP_STR_DATA(a), MP_STR_DATA(b), (size_t)(la < lb ? la : lb));
    if (c == 0)
        c = la < lb ? -1 : la > lb;
    bool r = op == MP_LT ? c < 0 : op == MP_LE ? c <= 0 : op == MP_GT ? c > 0 : c >= 0;
    return mp_bool(r);
}

/* ==== Iteration ==== */

typedef struct StrIter {
    MpObject ob;
    MpObject *str; /* NULL once exhausted */
    int64_t pos;   /* byte offset */
} StrIter;

static MpObject *str_iter(MpObject *self)
{
    StrIter *it = (StrIter *)gc_alloc(&mp_str_iter_type.gc, sizeof(StrIter));
    if (!it)
        return mp_err_nomemory();
    MP_INCREF(self);
    it->str = self;
    it->pos = 0;
    return &it->ob;
}

static MpObject *str_iter_next(MpObject *self)
{
    StrIter *it = (StrIter *)self;
    if (!it->str)
        return NULL;
    MpStr *s = (MpStr *)it->str;
    if (it->pos >= s->size) {
        MP_CLEAR(it->str);
        return NULL;
    }
    int64_t b = it->pos;
    if (mp_str_is_ascii(s)) {
        it->pos++;
        return cached_char((unsigned char)s->data[b]);
    }
    mp_utf8_decode(s->data, &it->pos);
    return str_new_known(s->data + b, it->pos - b, 1, it->pos - b == 1);
}

static MpObject *iter_self(MpObject *self)
{
    MP_INCREF(self);
    return self;
}

static void str_iter_dealloc(GcHead *self)
{
    MP_XDECREF(((StrIter *)self)->str);
    gc_free(self);
}

static size_t str_iter_size(const GcHead *self)
{
    return 32;
}

MpType mp_str_iter_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "str_ascii_iterator", .dealloc = str_iter_dealloc,
           .size = str_iter_size},
    .basicsize = sizeof(StrIter),
    .iter = iter_self,
    .iternext = str_iter_next,
};

/* ==== Method helpers ==== */

#define STR(o) ((MpStr *)(o))

/* Resolve optional start/end (ints or None) against a length, as slices do,
   with the slice's message for anything else. */
static int get_range(MpObject *start, MpObject *end, int64_t len, int64_t *s, int64_t *e)
{
    *s = 0;
    *e = len;
    if (start && start != mp_none && mp_slice_index(start, s) < 0)
        return -1;
    if (end && end != mp_none && mp_slice_index(end, e) < 0)
        return -1;
    if (*s < 0 && (*s += len) < 0)
        *s = 0;
    if (*e > len)
        *e = len;
    else if (*e < 0 && (*e += len) < 0)
        *e = 0;
    return 0;
}

static int need_str(MpObject *o, const char *what)
{
    if (mp_is_str(o))
        return 0;
    mp_err_format(mp_TypeError, "%s arg must be None or str", mp_args_bare_name(what));
    return -1;
}

static int parse(const char *fname, MpObject *const *args, size_t nargs,
                 MpObject *kwnames, int nmin, int nmax, MpObject **out)
{
    if (mp_args_no_kw(fname, kwnames) < 0 ||
        mp_args_count(fname, nargs, (size_t)nmin, (size_t)nmax) < 0)
        return -1;
    for (int i = 0; i < nmax; i++)
        out[i] = (size_t)i < nargs ? args[i] : NULL;
    return 0;
}

/* find, rfind, index, rindex, count, startswith, endswith: sub[, start[, end]],
   counted in PyArg_ParseTuple's words as CPython 3.11 does. */
static int parse_finds(const char *fname, MpObject *const *args, size_t nargs,
                       MpObject *kwnames, MpObject **out)
{
    if (mp_args_no_kw(fname, kwnames) < 0 ||
        mp_args_count_tuple(fname, nargs, 1, 3) < 0)
        return -1;
    return parse(fname, args, nargs, kwnames, 1, 3, out);
}

static MpObject *type_error_arg(const char *fname, int n, const char *want, MpObject *got)
{
    return mp_err_format(mp_TypeError, "%s() argument %d must be %s, not %s", fname, n,
                         want, mp_type_name(got));
}

/* ==== find / index / count ==== */

/* Shared by find, rfind, index, rindex: code point index or -1, -2 error. */
static int64_t find_impl(MpObject *self, MpObject *const *args, size_t nargs,
                         MpObject *kwnames, const char *fname, bool reverse)
{
    MpObject *a[3];
    if (parse_finds(fname, args, nargs, kwnames, a) < 0)
        return -2;
    if (!mp_is_str(a[0])) {
        mp_err_format(mp_TypeError, "must be str, not %s", mp_type_name(a[0]));
        return -2;
    }
    MpStr *s = STR(self);
    int64_t start, end;
    if (get_range(a[1], a[2], mp_str_length(s), &start, &end) < 0)
        return -2;
    if (start > end)
        return -1;
    int64_t bs = cp_to_byte(s, start), be = cp_to_byte(s, end);
    int64_t r = reverse ? rfind_bytes(s->data, bs, be, MP_STR_DATA(a[0]), MP_STR_SIZE(a[0]))
                        : find_bytes(s->data, bs, be, MP_STR_DATA(a[0]), MP_STR_SIZE(a[0]));
    return r < 0 ? -1 : byte_to_cp(s, r);
}

static MpObject *str_find(MpObject *self, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    int64_t r = find_impl(self, args, nargs, kwnames, "str.find", false);
    return r == -2 ? NULL : mp_int_new(r);
}

static MpObject *str_rfind(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    int64_t r = find_impl(self, args, nargs, kwnames, "str.rfind", true);
    return r == -2 ? NULL : mp_int_new(r);
}

static MpObject *str_index(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    int64_t r = find_impl(self, args, nargs, kwnames, "str.index", false);
    if (r == -1)
        return mp_err_set(mp_ValueError, "substring not found");
    return r == -2 ? NULL : mp_int_new(r);
}

static MpObject *str_rindex(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    int64_t r = find_impl(self, args, nargs, kwnames, "str.rindex", true);
    if (r == -1)
        return mp_err_set(mp_ValueError, "substring not found");
    return r == -2 ? NULL : mp_int_new(r);
}

static MpObject *str_count(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    MpObject *a[3];
    if (parse_finds("str.count", args, nargs, kwnames, a) < 0)
        return NULL;
    if (!mp_is_str(a[0]))
        return mp_err_format(mp_TypeError, "must be str, not %s", mp_type_name(a[0]));
    MpStr *s = STR(self);
    int64_t start, end;
    if (get_range(a[1], a[2], mp_str_length(s), &start, &end) < 0)
        return NULL;
    if (start > end)
        return mp_int_new(0);
    int64_t nsize = MP_STR_SIZE(a[0]);
    if (nsize == 0)
        return mp_int_new(end - start + 1);
    int64_t bs = cp_to_byte(s, start), be = cp_to_byte(s, end), n = 0;
    for (int64_t p; (p = find_bytes(s->data, bs, be, MP_STR_DATA(a[0]), nsize)) >= 0;
         bs = p + nsize)
        n++;
    return mp_int_new(n);
}

/* startswith/endswith: prefix is a str or a tuple of str. */
static MpObject *affix_impl(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames, const char *fname, bool at_end)
{
    MpObject *a[3];
    if (parse_finds(fname, args, nargs, kwnames, a) < 0)
        return NULL;
    MpStr *s = STR(self);
    int64_t start, end;
    if (get_range(a[1], a[2], mp_str_length(s), &start, &end) < 0)
        return NULL;
    MpObject *const *cands = &a[0];
    int64_t ncands = 1;
    if (mp_type(a[0]) == &mp_tuple_type) {
        cands = MP_TUPLE_ITEMS(a[0]);
        ncands = MP_TUPLE_SIZE(a[0]);
    }
    for (int64_t i = 0; i < ncands; i++) {
        MpObject *c = cands[i];
        if (!mp_is_str(c)) {
            if (cands == &a[0])
                return mp_err_format(
                    mp_TypeError, "%s first arg must be str or a tuple of str, not %s",
                    mp_args_bare_name(fname), mp_type_name(c));
            return mp_err_format(mp_TypeError,
                                 "tuple for %s must only contain str, not %s",
                                 mp_args_bare_name(fname), mp_type_name(c));
        }
        if (start > end || MP_STR_LEN(c) > end - start)
            continue;
        int64_t bs = cp_to_byte(s, start), be = cp_to_byte(s, end);
        int64_t n = MP_STR_SIZE(c);
        if (be - bs < n)
            continue;
        const char *at = at_end ? s->data + be - n : s->data + bs;
        if (memcmp(at, MP_STR_DATA(c), (size_t)n) == 0)
            return mp_bool(true);
    }
    return mp_bool(false);
}

static MpObject *str_startswith(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    return affix_impl(self, args, nargs, kwnames, "str.startswith", false);
}

static MpObject *str_endswith(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    return affix_impl(self, args, nargs, kwnames, "str.endswith", true);
}

/* ==== split / join ==== */

/* CPython's split preallocation: room for maxsplit + 1 pieces, at most 12
   (stringlib's MAX_PREALLOC), so sys.getsizeof of the result matches. */
#define SPLIT_PREALLOC 12

static int append_piece(MpObject *list, const char *p, int64_t n)
{
    MpObject *piece = mp_str_new(p, (size_t)n);
    if (!piece)
        return -1;
    int r = mp_list_append(list, piece);
    MP_DECREF(piece);
    return r;
}

/* append_piece(), except that a piece that is the whole of self is self itself,
   as CPython's stringlib gives when a split finds nothing to cut. */
static int append_piece_or_self(MpObject *list, MpObject *self, const char *p, int64_t n)
{
    if (n == MP_STR_SIZE(self))
        return mp_list_append(list, self);
    return append_piece(list, p, n);
}

/* Reverse a list in place (rsplit builds right to left). */
static void reverse_items(MpObject *list)
{
    MpObject **it = MP_LIST_ITEMS(list);
    for (int64_t i = 0, j = MP_LIST_SIZE(list) - 1; i < j; i++, j--) {
        MpObject *t = it[i];
        it[i] = it[j];
        it[j] = t;
    }
}

static bool space_at(const char *d, int64_t pos, int64_t *next)
{
    int64_t p = pos;
    uint32_t c = (uint32_t)mp_utf8_decode(d, &p);
    *next = p;
    return mp_uni_has(c, MP_UNI_SPACE);
}

/* Byte offset of the code point ending just before `end`. */
static int64_t prev_cp(const char *d, int64_t end)
{
    int64_t p = end - 1;
    while (p > 0 && ((unsigned char)d[p] & 0xC0) == 0x80)
        p--;
    return p;
}

static MpObject *split_impl(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames, const char *fname, bool reverse)
{
    static const char *const names[] = {"sep", "maxsplit", NULL};
    MpObject *a[2];
    if (mp_args_parse(fname, args, nargs, kwnames, names, 0, 0, a) < 0)
        return NULL;
    int64_t maxsplit = -1;
    if (a[1] && mp_index(a[1], &maxsplit) < 0)
        return NULL;
    if (maxsplit < 0)
        maxsplit = INT64_MAX;
    MpObject *sep = a[0] && a[0] != mp_none ? a[0] : NULL;
    if (sep && !mp_is_str(sep))
        return mp_err_format(mp_TypeError, "must be str or None, not %s",
                             mp_type_name(sep));
    if (sep && MP_STR_SIZE(sep) == 0)
        return mp_err_set(mp_ValueError, "empty separator");
    MpObject *list = mp_list_new_reserved(
        sep && MP_STR_LEN(self) < MP_STR_LEN(sep) ? 1
        : maxsplit >= SPLIT_PREALLOC              ? SPLIT_PREALLOC
                                                  : maxsplit + 1);
    if (!list)
        return NULL;
    const char *d = MP_STR_DATA(self);
    int64_t size = MP_STR_SIZE(self), nsplit = 0;
    if (sep) {
        const char *sd = MP_STR_DATA(sep);
        int64_t sn = MP_STR_SIZE(sep);
        if (!reverse) {
            int64_t pos = 0, hit;
            while (nsplit < maxsplit && (hit = find_bytes(d, pos, size, sd, sn)) >= 0) {
                if (append_piece(list, d + pos, hit - pos) < 0)
                    goto error;
                pos = hit + sn;
                nsplit++;
            }
            if (append_piece_or_self(list, self, d + pos, size - pos) < 0)
                goto error;
        } else {
            int64_t end = size, hit;
            while (nsplit < maxsplit && (hit = rfind_bytes(d, 0, end, sd, sn)) >= 0) {
                if (append_piece(list, d + hit + sn, end - hit - sn) < 0)
                    goto error;
                end = hit;
                nsplit++;
            }
            if (append_piece_or_self(list, self, d, end) < 0)
                goto error;
            reverse_items(list);
        }
        return list;
    }
    if (!reverse) {
        int64_t pos = 0, nx;
        for (;;) {
            while (pos < size && space_at(d, pos, &nx))
                pos = nx;
            if (pos >= size)
                break;
            if (nsplit == maxsplit) {
                /* The rest is kept whole, trailing whitespace included. */
                if (append_piece(list, d + pos, size - pos) < 0)
                    goto error;
                break;
            }
            int64_t start = pos;
            while (pos < size && !space_at(d, pos, &nx))
                pos = nx;
            if (append_piece_or_self(list, self, d + start, pos - start) < 0)
                goto error;
            nsplit++;
        }
    } else {
        int64_t end = size, nx;
        for (;;) {
            while (end > 0 && space_at(d, prev_cp(d, end), &nx))
                end = prev_cp(d, end);
            if (end <= 0)
                break;
            if (nsplit == maxsplit) {
                if (append_piece(list, d, end) < 0)
                    goto error;
                break;
            }
            int64_t stop = end;
            while (end > 0 && !space_at(d, prev_cp(d, end), &nx))
                end = prev_cp(d, end);
            if (append_piece_or_self(list, self, d + end, stop - end) < 0)
                goto error;
            nsplit++;
        }
        reverse_items(list);
    }
    return list;
error:
    MP_DECREF(list);
    return NULL;
}

static MpObject *str_split(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    return split_impl(self, args, nargs, kwnames, "split", false);
}

static MpObject *str_rsplit(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    return split_impl(self, args, nargs, kwnames, "rsplit", true);
}

static MpObject *str_splitlines(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    static const char *const names[] = {"keepends", NULL};
    MpObject *a[1];
    if (mp_args_parse("splitlines", args, nargs, kwnames, names, 0, 0, a) < 0)
        return NULL;
    int64_t keep = 0; /* an int, as CPython's bool(accept={int}) */
    if (a[0] && mp_index(a[0], &keep) < 0)
        return NULL;
    MpObject *list = mp_list_new(0);
    if (!list)
        return NULL;
    const char *d = MP_STR_DATA(self);
    int64_t size = MP_STR_SIZE(self), pos = 0;
    while (pos < size) {
        int64_t start = pos, eol = -1, next = pos;
        while (pos < size) {
            int64_t p = pos;
            uint32_t c = (uint32_t)mp_utf8_decode(d, &p);
            if (c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D ||
                c == 0x1E || c == 0x85 || c == 0x2028 || c == 0x2029) {
                eol = pos;
                next = p;
                if (c == '\r' && next < size && d[next] == '\n')
                    next++;
                break;
            }
            pos = p;
        }
        if (eol < 0) {
            eol = next = size;
        }
        if (append_piece(list, d + start, (keep ? next : eol) - start) < 0) {
            MP_DECREF(list);
            return NULL;
        }
        pos = next;
    }
    return list;
}

static MpObject *str_join(MpObject *self, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    MpObject *a[1];
    if (parse("str.join", args, nargs, kwnames, 1, 1, a) < 0)
        return NULL;
    MpObject *seq = mp_list_sequence_fast(a[0], "can only join an iterable");
    if (!seq)
        return NULL;
    bool is_list = mp_type(seq) == &mp_list_type;
    int64_t n = is_list ? MP_LIST_SIZE(seq) : MP_TUPLE_SIZE(seq);
    MpObject **items = is_list ? MP_LIST_ITEMS(seq) : MP_TUPLE_ITEMS(seq);
    MpStr *sep = STR(self);
    int64_t size = 0, length = 0;
    bool ascii = mp_str_is_ascii(sep);
    MpObject *result = NULL;
    for (int64_t i = 0; i < n; i++) {
        if (!mp_is_str(items[i])) {
            mp_err_format(mp_TypeError, "sequence item %lld: expected str instance, %s found",
                          (long long)i, mp_type_name(items[i]));
            goto done;
        }
        size += MP_STR_SIZE(items[i]) + (i ? sep->size : 0);
        length += MP_STR_LEN(items[i]) + (i ? mp_str_length(sep) : 0);
        ascii = ascii && mp_str_is_ascii(STR(items[i]));
    }
    if (n == 1) {
        result = items[0];
        MP_INCREF(result);
        goto done;
    }
    if (size == 0) {
        result = get_empty();
        goto done;
    }
    MpStr *r = str_alloc(size);
    if (!r)
        goto done;
    char *o = r->data;
    for (int64_t i = 0; i < n; i++) {
        if (i && sep->size) {
            memcpy(o, sep->data, (size_t)sep->size);
            o += sep->size;
        }
        memcpy(o, MP_STR_DATA(items[i]), (size_t)MP_STR_SIZE(items[i]));
        o += MP_STR_SIZE(items[i]);
    }
    set_length(r, length, ascii);
    result = &r->ob;
done:
    MP_DECREF(seq);
    return result;
}

/* ==== strip ==== */

static bool in_chars(MpObject *chars, uint32_t c)
{
    if (!chars)
        return mp_uni_has(c, MP_UNI_SPACE);
    const char *d = MP_STR_DATA(chars);
    for (int64_t p = 0; p < MP_STR_SIZE(chars);)
        if ((uint32_t)mp_utf8_decode(d, &p) == c)
            return true;
    return false;
}

static MpObject *strip_impl(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames, const char *fname, bool left, bool right)
{
    MpObject *a[1];
    if (parse(fname, args, nargs, kwnames, 0, 1, a) < 0)
        return NULL;
    MpObject *chars = a[0] && a[0] != mp_none ? a[0] : NULL;
    if (chars && need_str(chars, fname) < 0)
        return NULL;
    MpStr *s = STR(self);
    int64_t b = 0, e = s->size;
    while (left && b < e) {
        int64_t p = b;
        if (!in_chars(chars, (uint32_t)mp_utf8_decode(s->data, &p)))
            break;
        b = p;
    }
    while (right && e > b) {
        int64_t q = prev_cp(s->data, e), p = q;
        if (!in_chars(chars, (uint32_t)mp_utf8_decode(s->data, &p)))
            break;
        e = q;
    }
    if (b == 0 && e == s->size) {
        MP_INCREF(self);
        return self;
    }
    return mp_str_new(s->data + b, (size_t)(e - b));
}

static MpObject *str_strip(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    return strip_impl(self, args, nargs, kwnames, "str.strip", true, true);
}

static MpObject *str_lstrip(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    return strip_impl(self, args, nargs, kwnames, "str.lstrip", true, false);
}

static MpObject *str_rstrip(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    return strip_impl(self, args, nargs, kwnames, "str.rstrip", false, true);
}

/* ==== replace, partition ==== */

/* Write s with the first `hits` occurrences of od replaced by nd into o. */
static void replace_fill(const MpStr *s, const char *od, int64_t on, const char *nd,
                         int64_t nn, int64_t hits, char *o)
{
    int64_t pos = 0;
    for (int64_t k = 0; k < hits; k++) {
        int64_t hit = find_bytes(s->data, pos, s->size, od, on);
        memcpy(o, s->data + pos, (size_t)(hit - pos));
        o += hit - pos;
        memcpy(o, nd, (size_t)nn);
        o += nn;
        pos = hit + on;
    }
    memcpy(o, s->data + pos, (size_t)(s->size - pos));
}

/* replace() of a non-empty needle: count the hits, then fill an exactly sized
   result (as CPython). No hit returns self. */
static MpObject *replace_nonempty(MpStr *s, const char *od, int64_t on, const MpStr *ns,
                                  int64_t count)
{
    const char *nd = ns->data;
    int64_t nn = ns->size, hits = 0;
    for (int64_t pos = 0, hit;
         hits < count && (hit = find_bytes(s->data, pos, s->size, od, on)) >= 0;
         pos = hit + on)
        hits++;
    if (hits == 0) {
        MP_INCREF(&s->ob);
        return &s->ob;
    }
    int64_t grow, size;
    if (__builtin_mul_overflow(hits, nn - on, &grow) ||
        __builtin_add_overflow(s->size, grow, &size))
        return mp_err_nomemory();
    if (size < 2) { /* "" and one ASCII character come from the caches */
        char small[2];
        replace_fill(s, od, on, nd, nn, hits, small);
        return mp_str_new(small, (size_t)size);
    }
    MpStr *r = str_alloc(size);
    if (!r)
        return NULL;
    replace_fill(s, od, on, nd, nn, hits, r->data);
    if (!mp_str_is_ascii(s) || !mp_str_is_ascii(ns))
        return str_finish(r);
    set_length(r, size, true);
    return &r->ob;
}

static MpObject *str_replace(MpObject *self, MpObject *const *args, size_t nargs,
                             MpObject *kwnames)
{
    MpObject *a[3];
    if (parse("str.replace", args, nargs, kwnames, 2, 3, a) < 0)
        return NULL;
    if (!mp_is_str(a[0]))
        return type_error_arg("replace", 1, "str", a[0]);
    if (!mp_is_str(a[1]))
        return type_error_arg("replace", 2, "str", a[1]);
    int64_t count = -1;
    if (a[2] && mp_index(a[2], &count) < 0)
        return NULL;
    if (count < 0)
        count = INT64_MAX;
    MpStr *s = STR(self);
    const char *od = MP_STR_DATA(a[0]), *nd = MP_STR_DATA(a[1]);
    int64_t on = MP_STR_SIZE(a[0]), nn = MP_STR_SIZE(a[1]);
    if (on != 0)
        return replace_nonempty(s, od, on, STR(a[1]), count);
    MpStrBuf b;
    mp_strbuf_init(&b);
    int64_t pos = 0, done = 0;
    while (done < count && pos <= s->size) {
        mp_strbuf_add(&b, nd, (size_t)nn);
        done++;
        if (pos == s->size) {
            pos++;
            break;
        }
        int64_t p = pos;
        mp_utf8_decode(s->data, &p);
        mp_strbuf_add(&b, s->data + pos, (size_t)(p - pos));
        pos = p;
    }
    if (pos <= s->size)
        mp_strbuf_add(&b, s->data + pos, (size_t)(s->size - pos));
    return mp_strbuf_finish(&b);
}

static MpObject *partition_impl(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames, const char *fname, bool reverse)
{
    MpObject *a[1];
    if (parse(fname, args, nargs, kwnames, 1, 1, a) < 0)
        return NULL;
    if (!mp_is_str(a[0]))
        return mp_err_format(mp_TypeError, "must be str, not %s", mp_type_name(a[0]));
    if (MP_STR_SIZE(a[0]) == 0)
        return mp_err_set(mp_ValueError, "empty separator");
    MpStr *s = STR(self);
    int64_t n = MP_STR_SIZE(a[0]);
    int64_t hit = reverse ? rfind_bytes(s->data, 0, s->size, MP_STR_DATA(a[0]), n)
                          : find_bytes(s->data, 0, s->size, MP_STR_DATA(a[0]), n);
    MpObject *parts[3];
    if (hit < 0) {
        MpObject *e = get_empty();
        if (!e)
            return NULL;
        MpObject *r = reverse ? mp_tuple_pack(3, e, e, self) : mp_tuple_pack(3, self, e, e);
        MP_DECREF(e);
        return r;
    }
    parts[0] = mp_str_new(s->data, (size_t)hit);
    parts[1] = a[0];
    parts[2] = mp_str_new(s->data + hit + n, (size_t)(s->size - hit - n));
    MpObject *r = parts[0] && parts[2] ? mp_tuple_pack(3, parts[0], parts[1], parts[2])
                                       : NULL;
    MP_XDECREF(parts[0]);
    MP_XDECREF(parts[2]);
    return r;
}

static MpObject *str_partition(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    return partition_impl(self, args, nargs, kwnames, "str.partition", false);
}

static MpObject *str_rpartition(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    return partition_impl(self, args, nargs, kwnames, "str.rpartition", true);
}

/* ==== Case ==== */

/* As CPython 3.11's do_upper, do_lower, do_capitalize, do_title, do_swapcase
   and do_casefold: full mappings (one code point may become up to three),
   and a capital sigma lowered at the end of a word becomes final sigma. */
typedef enum CaseMode {
    CASE_UPPER,
    CASE_LOWER,
    CASE_CAPITALIZE,
    CASE_TITLE,
    CASE_SWAP,
    CASE_FOLD
} CaseMode;

/* The first code point before byte offset `at` (forwards from `at` when
   `forward`) that is not case-ignorable, or -1 at the string's edge. */
static int64_t cp_not_ignorable(const MpStr *s, int64_t at, bool forward)
{
    while (forward ? at < s->size : at > 0) {
        int64_t p = forward ? at : prev_cp(s->data, at);
        int64_t next = p;
        uint32_t c = (uint32_t)mp_utf8_decode(s->data, &next);
        if (!mp_uni_has(c, MP_UNI_CASE_IGNORABLE))
            return c;
        at = forward ? next : p;
    }
    return -1;
}

/* Lowercase c, the code point at bytes [at, next): Unicode's Final_Sigma
   context turns U+03A3 into U+03C2 after a cased letter and not before one
   (case-ignorable code points skipped both ways). */
static int lower_at(const MpStr *s, uint32_t c, int64_t at, int64_t next,
                    uint32_t out[3])
{
    if (c == 0x3A3) {
        int64_t before = cp_not_ignorable(s, at, false);
        int64_t after = cp_not_ignorable(s, next, true);
        bool final = before >= 0 && mp_uni_has((uint32_t)before, MP_UNI_CASED) &&
                     (after < 0 || !mp_uni_has((uint32_t)after, MP_UNI_CASED));
        out[0] = final ? 0x3C2 : 0x3C3;
        return 1;
    }
    return mp_uni_map(c, MP_UNI_TO_LOWER, out);
}

/* The mapping of c at bytes [at, next) under mode; prev_cased tells whether
   the code point before it is cased (title case starts words). */
static int case_map(const MpStr *s, uint32_t c, int64_t at, int64_t next, CaseMode mode,
                    bool prev_cased, uint32_t out[3])
{
    switch (mode) {
    case CASE_UPPER:
        return mp_uni_map(c, MP_UNI_TO_UPPER, out);
    case CASE_LOWER:
        return lower_at(s, c, at, next, out);
    case CASE_FOLD:
        return mp_uni_map(c, MP_UNI_TO_FOLD, out);
    case CASE_CAPITALIZE:
        return at == 0 ? mp_uni_map(c, MP_UNI_TO_TITLE, out)
                       : lower_at(s, c, at, next, out);
    case CASE_TITLE:
        return prev_cased ? lower_at(s, c, at, next, out)
                          : mp_uni_map(c, MP_UNI_TO_TITLE, out);
    case CASE_SWAP:
        if (mp_uni_has(c, MP_UNI_UPPER))
            return lower_at(s, c, at, next, out);
        if (mp_uni_has(c, MP_UNI_LOWER))
            return mp_uni_map(c, MP_UNI_TO_UPPER, out);
        break;
    }
    out[0] = c;
    return 1;
}

/* upper() and lower() of pure ASCII map byte for byte into a str of the same
   size (at least 2 bytes, so the one-character cache is not bypassed). */
static MpObject *case_ascii(const MpStr *s, bool upper)
{
    MpStr *r = str_alloc(s->size);
    if (!r)
        return NULL;
    /* The letters to flip are one run of 26; flipping is bit 5. */
    char from = upper ? 'a' : 'A';
    for (int64_t i = 0; i < s->size; i++) {
        char c = s->data[i];
        r->data[i] = (char)(c >= from && c <= from + 25 ? c ^ 0x20 : c);
    }
    set_length(r, s->size, true);
    return &r->ob;
}

static MpObject *case_impl(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames, const char *fname, CaseMode mode)
{
    MpObject *a[1];
    if (parse(fname, args, nargs, kwnames, 0, 0, a) < 0)
        return NULL;
    MpStr *s = STR(self);
    if (mp_str_is_ascii(s) && s->size >= 2 && mode != CASE_CAPITALIZE &&
        mode != CASE_TITLE && mode != CASE_SWAP)
        return case_ascii(s, mode == CASE_UPPER);
    MpStrBuf b;
    mp_strbuf_init(&b);
    bool prev_cased = false;
    for (int64_t pos = 0; pos < s->size;) {
        int64_t at = pos;
        uint32_t c = (uint32_t)mp_utf8_decode(s->data, &pos);
        uint32_t mapped[3];
        int n = case_map(s, c, at, pos, mode, prev_cased, mapped);
        for (int i = 0; i < n; i++) {
            char enc[4];
            mp_strbuf_add(&b, enc, (size_t)mp_utf8_encode(mapped[i], enc));
        }
        prev_cased = mp_uni_has(c, MP_UNI_CASED);
    }
    return mp_strbuf_finish(&b);
}

#define CASE_METHOD(cname, pyname, mode)                                       \
    static MpObject *cname(MpObject *self, MpObject *const *args, size_t nargs, \
                           MpObject *kwnames)                                  \
    {                                                                          \
        return case_impl(self, args, nargs, kwnames, "str." pyname, mode);     \
    }
CASE_METHOD(str_upper, "upper", CASE_UPPER)
CASE_METHOD(str_lower, "lower", CASE_LOWER)
CASE_METHOD(str_capitalize, "capitalize", CASE_CAPITALIZE)
CASE_METHOD(str_title, "title", CASE_TITLE)
CASE_METHOD(str_swapcase, "swapcase", CASE_SWAP)
CASE_METHOD(str_casefold, "casefold", CASE_FOLD)

/* ==== Predicates ==== */

/* isupper and islower ask for a cased code point and none of the other
   case (title case counts as the other case, as in CPython); the rest test
   every code point for one property. */
static MpObject *pred_impl(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames, const char *fname, unsigned props)
{
    MpObject *a[1];
    if (parse(fname, args, nargs, kwnames, 0, 0, a) < 0)
        return NULL;
    MpStr *s = STR(self);
    bool cased_test = props == MP_UNI_UPPER || props == MP_UNI_LOWER;
    unsigned other =
        MP_UNI_TITLE | (props == MP_UNI_UPPER ? MP_UNI_LOWER : MP_UNI_UPPER);
    bool any = false;
    for (int64_t pos = 0; pos < s->size;) {
        unsigned f = mp_uni_props((uint32_t)mp_utf8_decode(s->data, &pos));
        if (cased_test ? (f & other) != 0 : (f & props) == 0)
            return mp_bool(false);
        any = any || (f & props);
    }
    return mp_bool(any);
}

#define PRED_METHOD(cname, pyname, props)                                              \
    static MpObject *cname(MpObject *self, MpObject *const *args, size_t nargs,        \
                           MpObject *kwnames)                                          \
    {                                                                                  \
        return pred_impl(self, args, nargs, kwnames, "str." pyname, props);            \
    }
PRED_METHOD(str_isdigit, "isdigit", MP_UNI_DIGIT)
PRED_METHOD(str_isdecimal, "isdecimal", MP_UNI_DECIMAL)
PRED_METHOD(str_isnumeric, "isnumeric", MP_UNI_NUMERIC)
PRED_METHOD(str_isalpha, "isalpha", MP_UNI_ALPHA)
PRED_METHOD(str_isalnum, "isalnum",
            MP_UNI_ALPHA | MP_UNI_DECIMAL | MP_UNI_DIGIT | MP_UNI_NUMERIC)
PRED_METHOD(str_isspace, "isspace", MP_UNI_SPACE)
PRED_METHOD(str_isupper, "isupper", MP_UNI_UPPER)
PRED_METHOD(str_islower, "islower", MP_UNI_LOWER)

static MpObject *str_isidentifier(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    MpObject *a[1];
    if (parse("str.isidentifier", args, nargs, kwnames, 0, 0, a) < 0)
        return NULL;
    MpStr *s = STR(self);
    if (s->size == 0)
        return mp_bool(false);
    for (int64_t pos = 0, i = 0; pos < s->size; i++) {
        uint32_t c = (uint32_t)mp_utf8_decode(s->data, &pos);
        if (!mp_uni_has(c, i == 0 ? MP_UNI_ID_START : MP_UNI_ID_CONTINUE))
            return mp_bool(false);
    }
    return mp_bool(true);
}

/* ==== Padding ==== */

static MpObject *pad(MpObject *self, int64_t left, int64_t right, const char *fill,
                     int fill_size)
{
    if (left <= 0 && right <= 0) {
        MP_INCREF(self);
        return self;
    }
    left = left < 0 ? 0 : left;
    right = right < 0 ? 0 : right;
    MpStrBuf b;
    mp_strbuf_init(&b);
    for (int64_t i = 0; i < left; i++)
        mp_strbuf_add(&b, fill, (size_t)fill_size);
    mp_strbuf_add(&b, MP_STR_DATA(self), (size_t)MP_STR_SIZE(self));
    for (int64_t i = 0; i < right; i++)
        mp_strbuf_add(&b, fill, (size_t)fill_size);
    return mp_strbuf_finish(&b);
}

typedef enum Justify { J_LEFT, J_RIGHT, J_CENTER } Justify;

static MpObject *justify_impl(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames, const char *fname, Justify how)
{
    MpObject *a[2];
    if (parse(fname, args, nargs, kwnames, 1, 2, a) < 0)
        return NULL;
    int64_t width;
    if (mp_index(a[0], &width) < 0)
        return NULL;
    const char *fill = " ";
    int fill_size = 1;
    if (a[1]) {
        if (!mp_is_str(a[1]))
            return mp_err_format(
                mp_TypeError, "The fill character must be a unicode character, not %s",
                mp_type_name(a[1]));
        if (MP_STR_LEN(a[1]) != 1)
            return mp_err_set(mp_TypeError,
                              "The fill character must be exactly one character long");
        fill = MP_STR_DATA(a[1]);
        fill_size = (int)MP_STR_SIZE(a[1]);
    }
    int64_t marg = width - MP_STR_LEN(self);
    if (marg <= 0) {
        MP_INCREF(self);
        return self;
    }
    if (how == J_LEFT)
        return pad(self, 0, marg, fill, fill_size);
    if (how == J_RIGHT)
        return pad(self, marg, 0, fill, fill_size);
    int64_t left = marg / 2 + (marg & width & 1);
    return pad(self, left, marg - left, fill, fill_size);
}

static MpObject *str_ljust(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    return justify_impl(self, args, nargs, kwnames, "str.ljust", J_LEFT);
}

static MpObject *str_rjust(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    return justify_impl(self, args, nargs, kwnames, "str.rjust", J_RIGHT);
}

static MpObject *str_center(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    return justify_impl(self, args, nargs, kwnames, "str.center", J_CENTER);
}

static MpObject *str_zfill(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    MpObject *a[1];
    if (parse("str.zfill", args, nargs, kwnames, 1, 1, a) < 0)
        return NULL;
    int64_t width;
    if (mp_index(a[0], &width) < 0)
        return NULL;
    MpStr *s = STR(self);
    int64_t fill = width - mp_str_length(s);
    if (fill <= 0) {
        MP_INCREF(self);
        return self;
    }
    MpStrBuf b;
    mp_strbuf_init(&b);
    int64_t skip = s->size > 0 && (s->data[0] == '+' || s->data[0] == '-');
    mp_strbuf_add(&b, s->data, (size_t)skip);
    for (int64_t i = 0; i < fill; i++)
        mp_strbuf_add_char(&b, '0');
    mp_strbuf_add(&b, s->data + skip, (size_t)(s->size - skip));
    return mp_strbuf_finish(&b);
}

static MpObject *str_expandtabs(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    static const char *const names[] = {"tabsize", NULL};
    MpObject *a[1];
    if (mp_args_parse("expandtabs", args, nargs, kwnames, names, 0, 0, a) < 0)
        return NULL;
    int64_t tab = 8;
    if (a[0] && mp_index(a[0], &tab) < 0)
        return NULL;
    MpStr *s = STR(self);
    MpStrBuf b;
    mp_strbuf_init(&b);
    int64_t col = 0;
    for (int64_t pos = 0; pos < s->size;) {
        int64_t start = pos;
        uint32_t c = (uint32_t)mp_utf8_decode(s->data, &pos);
        if (c == '\t') {
            int64_t n = tab > 0 ? tab - col % tab : 0;
            for (int64_t i = 0; i < n; i++)
                mp_strbuf_add_char(&b, ' ');
            col += n;
        } else {
            mp_strbuf_add(&b, s->data + start, (size_t)(pos - start));
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
    }
    return mp_strbuf_finish(&b);
}

/* str(object, encoding, errors): Minipy has no bytes, so with an encoding or
   errors any object fails as CPython 3.11 fails a non-bytes one. */
static MpObject *str_decode(MpObject *const *a)
{
    for (int i = 1; i < 3; i++)
        if (a[i] && !mp_is_str(a[i]))
            return mp_err_format(mp_TypeError,
                                 "str() argument '%s' must be str, not %s",
                                 i == 1 ? "encoding" : "errors",
                                 a[i] == mp_none ? "None" : mp_type_name(a[i]));
    if (!a[0])
        return get_empty();
    if (mp_is_str(a[0]))
        return mp_err_set(mp_TypeError, "decoding str is not supported");
    return mp_err_format(mp_TypeError,
                         "decoding to str: need a bytes-like object, %s found",
                         mp_type_name(a[0]));
}

static MpObject *str_new(MpType *type, MpObject *const *args, size_t nargs,
                         MpObject *kwnames)
{
    static const char *const names[] = {"object", "encoding", "errors", NULL};
    MpObject *a[3];
    if (mp_args_parse("str", args, nargs, kwnames, names, 0, 0, a) < 0)
        return NULL;
    if (a[1] || a[2])
        return str_decode(a);
    if (!a[0])
        return get_empty();
    return mp_str(a[0]);
}

static const MpMethodDef str_methods[] = {
    {"split", str_split, MP_METH_DEFAULT, "split(self, /, sep=None, maxsplit=-1)"},
    {"rsplit", str_rsplit, MP_METH_DEFAULT, "rsplit(self, /, sep=None, maxsplit=-1)"},
    {"splitlines", str_splitlines, MP_METH_DEFAULT, "splitlines(self, /, keepends=False)"},
    {"join", str_join, MP_METH_DEFAULT, "join(self, iterable, /)"},
    {"strip", str_strip, MP_METH_DEFAULT, "strip(self, chars=None, /)"},
    {"lstrip", str_lstrip, MP_METH_DEFAULT, "lstrip(self, chars=None, /)"},
    {"rstrip", str_rstrip, MP_METH_DEFAULT, "rstrip(self, chars=None, /)"},
    {"replace", str_replace, MP_METH_DEFAULT, "replace(self, old, new, count=-1, /)"},
    {"startswith", str_startswith, MP_METH_DEFAULT, "startswith(prefix[, start[, end]])"},
    {"endswith", str_endswith, MP_METH_DEFAULT, "endswith(suffix[, start[, end]])"},
    {"find", str_find, MP_METH_DEFAULT, "find(sub[, start[, end]])"},
    {"rfind", str_rfind, MP_METH_DEFAULT, "rfind(sub[, start[, end]])"},
    {"index", str_index, MP_METH_DEFAULT, "index(sub[, start[, end]])"},
    {"rindex", str_rindex, MP_METH_DEFAULT, "rindex(sub[, start[, end]])"},
    {"count", str_count, MP_METH_DEFAULT, "count(sub[, start[, end]])"},
    {"upper", str_upper, MP_METH_DEFAULT, "upper(self, /)"},
    {"lower", str_lower, MP_METH_DEFAULT, "lower(self, /)"},
    {"casefold", str_casefold, MP_METH_DEFAULT, "casefold(self, /)"},
    {"capitalize", str_capitalize, MP_METH_DEFAULT, "capitalize(self, /)"},
    {"title", str_title, MP_METH_DEFAULT, "title(self, /)"},
    {"swapcase", str_swapcase, MP_METH_DEFAULT, "swapcase(self, /)"},
    {"isdigit", str_isdigit, MP_METH_DEFAULT, "isdigit(self, /)"},
    {"isdecimal", str_isdecimal, MP_METH_DEFAULT, "isdecimal(self, /)"},
    {"isnumeric", str_isnumeric, MP_METH_DEFAULT, "isnumeric(self, /)"},
    {"isalpha", str_isalpha, MP_METH_DEFAULT, "isalpha(self, /)"},
    {"isalnum", str_isalnum, MP_METH_DEFAULT, "isalnum(self, /)"},
    {"isspace", str_isspace, MP_METH_DEFAULT, "isspace(self, /)"},
    {"isupper", str_isupper, MP_METH_DEFAULT, "isupper(self, /)"},
    {"islower", str_islower, MP_METH_DEFAULT, "islower(self, /)"},
    {"isidentifier", str_isidentifier, MP_METH_DEFAULT, "isidentifier(self, /)"},
    {"format", mp_str_method_format, MP_METH_DEFAULT, "format(*args, **kwargs)"},
    {"zfill", str_zfill, MP_METH_DEFAULT, "zfill(self, width, /)"},
    {"center", str_center, MP_METH_DEFAULT, "center(self, width, fillchar=' ', /)"},
    {"ljust", str_ljust, MP_METH_DEFAULT, "ljust(self, width, fillchar=' ', /)"},
    {"rjust", str_rjust, MP_METH_DEFAULT, "rjust(self, width, fillchar=' ', /)"},
    {"partition", str_partition, MP_METH_DEFAULT, "partition(self, sep, /)"},
    {"rpartition", str_rpartition, MP_METH_DEFAULT, "rpartition(self, sep, /)"},
    {"expandtabs", str_expandtabs, MP_METH_DEFAULT, "expandtabs(self, /, tabsize=8)"},
    {NULL, NULL, 0, NULL},
};

MpType mp_str_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "str", .dealloc = str_dealloc, .size = str_size},
    .basicsize = sizeof(MpStr),
    .new_ = str_new,
    .repr = str_repr,
    .str = str_str,
    .hash = str_hash_slot,
    .richcompare = str_richcompare,
    .truth = str_truth,
    .binop = str_binop,
    .iter = str_iter,
    .len = str_len,
    .getitem = str_getitem,
    .contains = str_contains,
    .methods = str_methods,
};
