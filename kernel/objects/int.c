/*
 * kernel/objects/int.c - int and bool: 64-bit integers with Python semantics.
 *
 * Values live in an MpInt; -5..256 are static immortal objects (CPython's small
 * ints) and freed ints go to a small freelist. Arithmetic follows Python's rules
 * (floor division and modulo take the divisor's sign, int / int is a float,
 * negative powers are floats); results outside 64 bits raise OverflowError, the
 * documented deviation from CPython's arbitrary precision. Mixed int/float
 * operations return NotImplemented here and are done by float's slots.
 */
#include "object.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "types_init.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define SMALL_MIN    (-5)
#define SMALL_MAX    256
#define FREELIST_MAX 100

static MpInt small_ints[SMALL_MAX - SMALL_MIN + 1];
static MpInt *freelist[FREELIST_MAX];
static int nfree;

MpInt mp_true_obj = {MP_STATIC_OBJECT_HEAD(mp_bool_type), 1};
MpInt mp_false_obj = {MP_STATIC_OBJECT_HEAD(mp_bool_type), 0};

/* ==== Construction ==== */

void mp_int_init_cache(void)
{
    for (int i = 0; i <= SMALL_MAX - SMALL_MIN; i++) {
        small_ints[i].ob.refcnt = MP_IMMORTAL_REFCNT;
        small_ints[i].ob.type = &mp_int_type.gc;
        small_ints[i].value = i + SMALL_MIN;
    }
}

MpObject *mp_int_new(int64_t v)
{
    if (v >= SMALL_MIN && v <= SMALL_MAX) {
        MpObject *o = &small_ints[v - SMALL_MIN].ob;
        MP_INCREF(o);
        return o;
    }
    MpInt *i;
    if (nfree > 0) {
        i = freelist[--nfree];
        i->ob.refcnt = 1;
    } else {
        i = (MpInt *)gc_alloc(&mp_int_type.gc, sizeof(MpInt));
        if (!i)
            return mp_err_nomemory();
    }
    i->value = v;
    return &i->ob;
}

MpObject *mp_bool(bool b)
{
    MpObject *o = b ? mp_true : mp_false;
    MP_INCREF(o);
    return o;
}

static void int_dealloc(GcHead *self)
{
    if (nfree < FREELIST_MAX) {
        freelist[nfree++] = (MpInt *)self;
        return;
    }
    gc_free(self);
}

void mp_int_clear_freelist(void)
{
    while (nfree > 0)
        gc_free(&freelist[--nfree]->ob);
}

static MpObject *overflow(void)
{
    return mp_err_set(mp_OverflowError, "integer overflow");
}

/* ==== Arithmetic ==== */

/* Python's floor division and modulo (results take the divisor's sign). */
static void floor_divmod(int64_t x, int64_t y, int64_t *q, int64_t *r)
{
    int64_t qq = x / y, rr = x % y;
    if (rr != 0 && ((rr < 0) != (y < 0))) {
        qq -= 1;
        rr += y;
    }
    *q = qq;
    *r = rr;
}

static MpObject *int_pow(int64_t base, int64_t exp)
{
    if (exp < 0) {
        if (base == 0)
            return mp_err_set(mp_ZeroDivisionError,
                              "0.0 cannot be raised to a negative power");
        return mp_float_new(pow((double)base, (double)exp));
    }
    int64_t result = 1;
    while (exp > 0) {
        if (exp & 1) {
            if (__builtin_mul_overflow(result, base, &result))
                return overflow();
        }
        exp >>= 1;
        if (exp > 0 && __builtin_mul_overflow(base, base, &base)) {
            /* base**2 overflows: only |base| <= 1 survives, handled earlier. */
            return overflow();
        }
    }
    return mp_int_new(result);
}

static MpObject *int_binop(MpObject *a, MpObject *b, MpBinaryOp op)
{
    if (!mp_is_int(a) || !mp_is_int(b)) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    int64_t x = MP_INT_VALUE(a), y = MP_INT_VALUE(b), r, q;
    switch (op) {
    case MP_OP_ADD:
        if (__builtin_add_overflow(x, y, &r))
            return overflow();
        return mp_int_new(r);
    case MP_OP_SUB:
        if (__builtin_sub_overflow(x, y, &r))
            return overflow();
        return mp_int_new(r);
    case MP_OP_MUL:
        if (__builtin_mul_overflow(x, y, &r))
            return overflow();
        return mp_int_new(r);
    case MP_OP_TRUEDIV:
        if (y == 0)
            return mp_err_set(mp_ZeroDivisionError, "division by zero");
        return mp_float_new((double)x / (double)y);
    case MP_OP_FLOORDIV:
        if (y == 0)
            return mp_err_set(mp_ZeroDivisionError,
                              "integer division or modulo by zero");
        if (x == INT64_MIN && y == -1)
            return overflow();
        floor_divmod(x, y, &q, &r);
        return mp_int_new(q);
    case MP_OP_MOD:
        if (y == 0)
            return mp_err_set(mp_ZeroDivisionError, "integer modulo by zero");
        if (y == -1)
            return mp_int_new(0);
        floor_divmod(x, y, &q, &r);
        return mp_int_new(r);
    case MP_OP_POW:
        return int_pow(x, y);
    case MP_OP_LSHIFT:
        if (y < 0)
            return mp_err_set(mp_ValueError, "negative shift count");
        if (x == 0)
            return mp_int_new(0);
        if (y >= 63)
            return overflow();
        r = (int64_t)((uint64_t)x << y);
        if ((r >> y) != x)
            return overflow();
        return mp_int_new(r);
    case MP_OP_RSHIFT:
        if (y < 0)
            return mp_err_set(mp_ValueError, "negative shift count");
        return mp_int_new(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
    case MP_OP_AND:
        return mp_int_new(x & y);
    case MP_OP_OR:
        return mp_int_new(x | y);
    case MP_OP_XOR:
        return mp_int_new(x ^ y);
    case MP_OP_COUNT:
        break;
    }
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

/* bool & | ^ bool stay bool; everything else is int arithmetic. */
static MpObject *bool_binop(MpObject *a, MpObject *b, MpBinaryOp op)
{
    if ((op == MP_OP_AND || op == MP_OP_OR || op == MP_OP_XOR) &&
        mp_type(a) == &mp_bool_type && mp_type(b) == &mp_bool_type) {
        bool x = MP_INT_VALUE(a), y = MP_INT_VALUE(b);
        return mp_bool(op == MP_OP_AND ? (x & y) : op == MP_OP_OR ? (x | y) : (x ^ y));
    }
    return int_binop(a, b, op);
}

static MpObject *int_unop(MpObject *a, MpUnaryOp op)
{
    int64_t x = MP_INT_VALUE(a);
    switch (op) {
    case MP_OP_NEG:
        if (x == INT64_MIN)
            return overflow();
        return mp_int_new(-x);
    case MP_OP_POS:
        if (mp_type(a) == &mp_int_type) {
            MP_INCREF(a);
            return a;
        }
        return mp_int_new(x);
    case MP_OP_INVERT:
        return mp_int_new(~x);
    }
    return mp_err_set(mp_TypeError, "bad unary operator");
}

static MpObject *int_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    if (!mp_is_int(a) || !mp_is_int(b)) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    int64_t x = MP_INT_VALUE(a), y = MP_INT_VALUE(b);
    bool r = false;
    switch (op) {
    case MP_LT: r = x < y; break;
    case MP_LE: r = x <= y; break;
    case MP_EQ: r = x == y; break;
    case MP_NE: r = x != y; break;
    case MP_GT: r = x > y; break;
    case MP_GE: r = x >= y; break;
    }
    return mp_bool(r);
}

/* ==== Hash, truth, repr, size ==== */

#define HASH_MODULUS (((uint64_t)1 << 61) - 1)

int64_t mp_int_hash_value(int64_t v)
{
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int64_t h = (int64_t)(mag % HASH_MODULUS);
    if (v < 0)
        h = -h;
    return h == -1 ? -2 : h;
}

static int64_t int_hash(MpObject *self)
{
    return mp_int_hash_value(MP_INT_VALUE(self));
}

static int int_truth(MpObject *self)
{
    return MP_INT_VALUE(self) != 0;
}

/* Decimal digits written backwards from the end of buf (no printf: str(int) is hot). */
static MpObject *int_repr(MpObject *self)
{
    char buf[24];
    char *p = buf + sizeof buf;
    int64_t v = MP_INT_VALUE(self);
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag);
    if (v < 0)
        *--p = '-';
    return mp_str_new(p, (size_t)(buf + sizeof buf - p));
}

static MpObject *bool_repr(MpObject *self)
{
    return mp_str_intern(MP_INT_VALUE(self) ? "True" : "False");
}

/* CPython: 24 bytes of header plus 4 per 30-bit digit, at least one digit. */
static size_t int_size(const GcHead *self)
{
    int64_t v = ((const MpInt *)self)->value;
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    size_t digits = 1;
    while (mag >= ((uint64_t)1 << 30)) {
        mag >>= 30;
        digits++;
    }
    return 24 + 4 * digits;
}

/* ==== int(x, base) ==== */

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static MpObject *invalid_literal(MpObject *str, int base)
{
    MpObject *r = mp_repr(str);
    if (!r)
        return NULL;
    mp_err_format(mp_ValueError, "invalid literal for int() with base %d: %s", base,
                  MP_STR_DATA(r));
    MP_DECREF(r);
    return NULL;
}

/* Parse a str as int() does: spaces around, a sign, a base prefix matching
   `base` (or choosing it when base is 0), single underscores between digits. */
static MpObject *int_from_str(MpObject *str, int base)
{
    const char *s = MP_STR_DATA(str), *end = s + MP_STR_SIZE(str);
    int orig_base = base;
    while (s < end && is_space(*s))
        s++;
    while (end > s && is_space(end[-1]))
        end--;
    bool neg = false;
    if (s < end && (*s == '+' || *s == '-'))
        neg = *s++ == '-';
    bool prefixed = false;
    if (end - s >= 2 && s[0] == '0') {
        char p = (char)tolower((unsigned char)s[1]);
        int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            base = pb;
            s += 2;
            prefixed = true;
        }
    }
    bool zero_lead_ok = true;
    if (base == 0) {
        base = 10;
        zero_lead_ok = false; /* "010" is not a valid base-0 literal */
    }
    if (s == end)
        return invalid_literal(str, orig_base);
    uint64_t acc = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    bool overflowed = false, prev_digit = prefixed, all_zero = true;
    const char *first = s;
    for (; s < end; s++) {
        if (*s == '_') {
            if (!prev_digit)
                return invalid_literal(str, orig_base);
            prev_digit = false;
            continue;
        }
        int d = digit_value(*s);
        if (d >= base)
            return invalid_literal(str, orig_base);
        if (d != 0)
            all_zero = false;
        prev_digit = true;
        if (acc > (limit - (uint64_t)d) / (uint64_t)base)
            overflowed = true;
        else
            acc = acc * (uint64_t)base + (uint64_t)d;
    }
    if (!prev_digit || *first == '_')
        return invalid_literal(str, orig_base);
    if (!zero_lead_ok && !prefixed && *first == '0' && !all_zero)
        return invalid_literal(str, orig_base);
    if (overflowed)
        return overflow();
    int64_t v = neg ? (int64_t)(0 - acc) : (int64_t)acc;
    return mp_int_new(v);
}

/* int(float): truncate toward zero. */
static MpObject *int_from_double(double d)
{
    if (isnan(d))
        return mp_err_set(mp_ValueError, "cannot convert float NaN to integer");
    if (isinf(d))
        return mp_err_set(mp_OverflowError, "cannot convert float infinity to integer");
    double t = trunc(d);
    if (t >= 9223372036854775808.0 || t < -9223372036854775808.0)
        return overflow();
    return mp_int_new((int64_t)t);
}

/* Call a special method (__int__, __index__, __float__) on an instance of a
   class defining it. 1 and *out set, 0 when the type has none, -1 error. */
static int call_special(MpObject *o, const char *name, MpObject **out)
{
    MpObject *n = mp_str_intern(name);
    if (!n)
        return -1;
    MpObject *meth = mp_type_lookup(mp_type(o), n);
    MP_DECREF(n);
    if (!meth)
        return 0;
    *out = mp_call_method(o, name, NULL, 0);
    return *out ? 1 : -1;
}

static MpObject *int_new(MpType *type, MpObject *const *args, size_t nargs,
                         MpObject *kwnames)
{
    static const char *const names[] = {"x", "base", NULL};
    MpObject *a[2];
    if (mp_args_parse("int", args, nargs, kwnames, names, 1, 0, a) < 0)
        return NULL;
    MpObject *x = a[0], *b = a[1];
    if (!x) {
        if (b)
            return mp_err_set(mp_TypeError, "int() missing string argument");
        return mp_int_new(0);
    }
    if (b) {
        int64_t base;
        if (mp_index(b, &base) < 0)
            return NULL;
        if ((base != 0 && base < 2) || base > 36)
            return mp_err_set(mp_ValueError, "int() base must be >= 2 and <= 36, or 0");
        if (!mp_is_str(x))
            return mp_err_set(mp_TypeError,
                              "int() can't convert non-string with explicit base");
        return int_from_str(x, (int)base);
    }
    if (mp_type(x) == &mp_int_type) {
        MP_INCREF(x);
        return x;
    }
    if (mp_is_int(x))
        return mp_int_new(MP_INT_VALUE(x));
    if (mp_type(x) == &mp_float_type)
        return int_from_double(MP_FLOAT_VALUE(x));
    if (mp_is_str(x))
        return int_from_str(x, 10);
    MpObject *r;
    int found = call_special(x, "__int__", &r);
    if (found == 0)
        found = call_special(x, "__index__", &r);
    if (found < 0)
        return NULL;
    if (found) {
        if (!mp_is_int(r)) {
            mp_err_format(mp_TypeError, "__int__ returned non-int (type %s)",
                          mp_type_name(r));
            MP_DECREF(r);
            return NULL;
        }
        return r;
    }
    return mp_err_format(mp_TypeError,
                         "int() argument must be a string, a bytes-like object or a "
                         "real number, not '%s'",
                         mp_type_name(x));
}

static MpObject *bool_new(MpType *type, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    if (mp_args_check("bool", nargs, kwnames, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        return mp_bool(false);
    int t = mp_truthy(args[0]);
    return t < 0 ? NULL : mp_bool(t);
}

/* ==== Methods and attributes ==== */

static MpObject *int_bit_length(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    if (mp_args_check("int.bit_length", nargs, kwnames, 0, 0) < 0)
        return NULL;
    int64_t v = MP_INT_VALUE(self);
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    return mp_int_new(mag ? 64 - __builtin_clzll(mag) : 0);
}

static MpObject *int_bit_count(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("int.bit_count", nargs, kwnames, 0, 0) < 0)
        return NULL;
    int64_t v = MP_INT_VALUE(self);
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    return mp_int_new(__builtin_popcountll(mag));
}

static MpObject *int_conjugate(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    if (mp_args_check("int.conjugate", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return mp_int_new(MP_INT_VALUE(self));
}

static MpObject *int_get_self(MpObject *self)
{
    return mp_int_new(MP_INT_VALUE(self));
}

static MpObject *int_get_zero(MpObject *self)
{
    return mp_int_new(0);
}

static MpObject *int_get_one(MpObject *self)
{
    return mp_int_new(1);
}

static const MpMethodDef int_methods[] = {
    {"bit_length", int_bit_length, MP_METH_DEFAULT, "bit_length(self, /)"},
    {"bit_count", int_bit_count, MP_METH_DEFAULT, "bit_count(self, /)"},
    {"conjugate", int_conjugate, MP_METH_DEFAULT, "conjugate(self, /)"},
    {NULL, NULL, 0, NULL},
};

static const MpGetSetDef int_getsets[] = {
    {"real", int_get_self, NULL},
    {"imag", int_get_zero, NULL},
    {"numerator", int_get_self, NULL},
    {"denominator", int_get_one, NULL},
    {NULL, NULL, NULL},
};

MpType mp_int_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "int", .dealloc = int_dealloc, .size = int_size},
    .basicsize = sizeof(MpInt),
    .new_ = int_new,
    .repr = int_repr,
    .hash = int_hash,
    .richcompare = int_richcompare,
    .truth = int_truth,
    .binop = int_binop,
    .unop = int_unop,
    .methods = int_methods,
    .getsets = int_getsets,
};

static void bool_dealloc(GcHead *self)
{
    MP_ASSERT(!"deallocating True or False");
}

MpType mp_bool_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "bool", .dealloc = bool_dealloc, .size = int_size},
    .base = &mp_int_type,
    .basicsize = sizeof(MpInt),
    .new_ = bool_new,
    .repr = bool_repr,
    .hash = int_hash,
    .richcompare = int_richcompare,
    .truth = int_truth,
    .binop = bool_binop,
    .unop = int_unop,
    .methods = int_methods,
    .getsets = int_getsets,
};
