/*
 * kernel/objects/float.c - float: IEEE doubles with Python's repr, arithmetic,
 * hashing and parsing.
 *
 * repr is the shortest string that round-trips (found by trying %.{1..17}e),
 * laid out by Python's rules: exponent form when the decimal exponent is below
 * -4 or at least 16. float's binop takes mixed int/float operands in both
 * orders; comparisons with ints are exact, as CPython's float_richcompare.
 */
#include "object.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "types_init.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FREELIST_MAX 100

static MpFloat *freelist[FREELIST_MAX];
static int nfree;

MpObject *mp_float_new(double v)
{
    MpFloat *f;
    if (nfree > 0) {
        f = freelist[--nfree];
        f->ob.refcnt = 1;
    } else {
        f = (MpFloat *)gc_alloc(&mp_float_type.gc, sizeof(MpFloat));
        if (!f)
            return mp_err_nomemory();
    }
    f->value = v;
    return &f->ob;
}

static void float_dealloc(GcHead *self)
{
    if (nfree < FREELIST_MAX) {
        freelist[nfree++] = (MpFloat *)self;
        return;
    }
    gc_free(self);
}

void mp_float_clear_freelist(void)
{
    while (nfree > 0)
        gc_free(&freelist[--nfree]->ob);
}

/* ==== repr ==== */

void mp_float_format_repr(double v, char *buf, size_t bufsize)
{
    if (isnan(v)) {
        snprintf(buf, bufsize, "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, bufsize, v < 0 ? "-inf" : "inf");
        return;
    }
    char tmp[40];
    for (int prec = 0; prec < 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    /* tmp is "[-]d[.ddd]e[+-]XX": collect the digits and the decimal exponent. */
    char digits[24];
    int nd = 0;
    const char *p = tmp;
    bool neg = *p == '-';
    if (neg)
        p++;
    for (; *p != 'e'; p++)
        if (*p != '.')
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    int exp10 = atoi(p + 1); /* v = d.ddd * 10**exp10 */
    char *o = buf;
    size_t room = bufsize;
#define PUT(...)                                                               \
    do {                                                                       \
        int n_ = snprintf(o, room, __VA_ARGS__);                               \
        o += n_;                                                               \
        room -= (size_t)n_;                                                    \
    } while (0)
    if (neg)
        PUT("-");
    if (exp10 < -4 || exp10 >= 16) {
        PUT("%c", digits[0]);
        if (nd > 1)
            PUT(".%s", digits + 1);
        PUT("e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    } else if (exp10 < 0) {
        PUT("0.");
        for (int i = 0; i < -exp10 - 1; i++)
            PUT("0");
        PUT("%s", digits);
    } else {
        for (int i = 0; i <= exp10; i++)
            PUT("%c", i < nd ? digits[i] : '0');
        PUT(".");
        if (nd > exp10 + 1)
            PUT("%s", digits + exp10 + 1);
        else
            PUT("0");
    }
#undef PUT
}

static MpObject *float_repr(MpObject *self)
{
    char buf[48];
    mp_float_format_repr(MP_FLOAT_VALUE(self), buf, sizeof buf);
    return mp_str_from_cstr(buf);
}

/* ==== Hash ==== */

#define HASH_BITS    61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)

/* The numeric hash Python documents: v reduced modulo 2**61 - 1, so integral
   floats hash as the equal int; inf 314159, nan by identity. */
int64_t mp_float_hash_value(double v, MpObject *self)
{
    if (isinf(v))
        return v > 0 ? 314159 : -314159;
    if (isnan(v)) {
        uint64_t p = (uint64_t)(uintptr_t)self;
        int64_t h = (int64_t)((p >> 4) | (p << 60));
        return h == -1 ? -2 : h;
    }
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) {
        /* x * 2**28 mod P is a 28-bit rotation within 61 bits. */
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MODULUS)
            x -= HASH_MODULUS;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    int64_t h = (int64_t)x * sign;
    return h == -1 ? -2 : h;
}

static int64_t float_hash(MpObject *self)
{
    return mp_float_hash_value(MP_FLOAT_VALUE(self), self);
}

/* ==== Arithmetic ==== */

static bool as_double(MpObject *o, double *out)
{
    if (mp_type(o) == &mp_float_type) {
        *out = MP_FLOAT_VALUE(o);
        return true;
    }
    if (mp_is_int(o)) {
        *out = (double)MP_INT_VALUE(o);
        return true;
    }
    return false;
}

static MpObject *float_pow(double v, double w)
{
    if (w == 0)
        return mp_float_new(1.0);
    if (v == 0 && w < 0 && isfinite(w))
        return mp_err_set(mp_ZeroDivisionError,
                          "0.0 cannot be raised to a negative power");
    if (v < 0 && isfinite(v) && isfinite(w) && w != floor(w))
        return mp_err_set(mp_ValueError,
                          "negative number cannot be raised to a fractional power");
    errno = 0;
    double r = pow(v, w);
    if (isinf(r) && isfinite(v) && isfinite(w))
        return mp_err_set(mp_OverflowError, "(34, 'Numerical result out of range')");
    return mp_float_new(r);
}

static MpObject *float_binop(MpObject *a, MpObject *b, MpBinaryOp op)
{
    double x, y;
    if (!as_double(a, &x) || !as_double(b, &y)) {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    double mod, div;
    switch (op) {
    case MP_OP_ADD:
        return mp_float_new(x + y);
    case MP_OP_SUB:
        return mp_float_new(x - y);
    case MP_OP_MUL:
        return mp_float_new(x * y);
    case MP_OP_TRUEDIV:
        if (y == 0)
            return mp_err_set(mp_ZeroDivisionError, "float division by zero");
        return mp_float_new(x / y);
    case MP_OP_FLOORDIV:
    case MP_OP_MOD:
        if (y == 0)
            return mp_err_set(mp_ZeroDivisionError, op == MP_OP_MOD
                                                         ? "float modulo"
                                                         : "float floor division by zero");
        mod = fmod(x, y);
        div = (x - mod) / y;
        if (mod) {
            if ((y < 0) != (mod < 0)) {
                mod += y;
                div -= 1.0;
            }
        } else {
            mod = copysign(0.0, y);
        }
        if (op == MP_OP_MOD)
            return mp_float_new(mod);
        if (div) {
            double fl = floor(div);
            if (div - fl > 0.5)
                fl += 1.0;
            return mp_float_new(fl);
        }
        return mp_float_new(copysign(0.0, x / y));
    case MP_OP_POW:
        return float_pow(x, y);
    default:
        break;
    }
    MP_INCREF(mp_notimpl);
    return mp_notimpl;
}

static MpObject *float_unop(MpObject *a, MpUnaryOp op)
{
    double x = MP_FLOAT_VALUE(a);
    if (op == MP_OP_NEG)
        return mp_float_new(-x);
    if (op == MP_OP_POS)
        return mp_float_new(x);
    return mp_err_set(mp_TypeError, "bad operand type for unary ~: 'float'");
}

/* -1, 0, 1 as i compares with d (d not nan), exactly. */
static int compare_int_double(int64_t i, double d)
{
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    double t = trunc(d);
    int64_t ti = (int64_t)t;
    if (i != ti)
        return i < ti ? -1 : 1;
    double frac = d - t;
    return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

static bool cmp_result(int c, MpCompareOp op)
{
    switch (op) {
    case MP_LT: return c < 0;
    case MP_LE: return c <= 0;
    case MP_EQ: return c == 0;
    case MP_NE: return c != 0;
    case MP_GT: return c > 0;
    case MP_GE: return c >= 0;
    }
    return false;
}

/* a is a float (the VM reflects int < float to float > int). */
static MpObject *float_richcompare(MpObject *a, MpObject *b, MpCompareOp op)
{
    double x = MP_FLOAT_VALUE(a);
    int c;
    if (mp_type(b) == &mp_float_type) {
        double y = MP_FLOAT_VALUE(b);
        if (isnan(x) || isnan(y))
            return mp_bool(op == MP_NE);
        c = x < y ? -1 : x > y ? 1 : 0;
    } else if (mp_is_int(b)) {
        if (isnan(x))
            return mp_bool(op == MP_NE);
        c = -compare_int_double(MP_INT_VALUE(b), x);
    } else {
        MP_INCREF(mp_notimpl);
        return mp_notimpl;
    }
    return mp_bool(cmp_result(c, op));
}

static int float_truth(MpObject *self)
{
    return MP_FLOAT_VALUE(self) != 0.0;
}

static size_t float_size(const GcHead *self)
{
    return 24;
}

/* ==== float(x) ==== */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static MpObject *bad_float_literal(MpObject *str)
{
    MpObject *r = mp_repr(str);
    if (!r)
        return NULL;
    mp_err_format(mp_ValueError, "could not convert string to float: %s",
                  MP_STR_DATA(r));
    MP_DECREF(r);
    return NULL;
}

/* Decimal digits with single underscores between them, copied to *out. */
static bool scan_digits(const char **s, const char *end, char **out)
{
    const char *p = *s;
    if (p >= end || !isdigit((unsigned char)*p))
        return false;
    while (p < end) {
        if (isdigit((unsigned char)*p)) {
            *(*out)++ = *p++;
        } else if (*p == '_' && p + 1 < end && isdigit((unsigned char)p[1])) {
            p++;
        } else {
            break;
        }
    }
    *s = p;
    return true;
}

/* Python's float() grammar: [sign] (digits [. [digits]] | . digits) [e [sign]
   digits], or inf / infinity / nan in any case, spaces around. */
static MpObject *float_from_str(MpObject *str)
{
    const char *s = MP_STR_DATA(str), *end = s + MP_STR_SIZE(str);
    while (s < end && is_space(*s))
        s++;
    while (end > s && is_space(end[-1]))
        end--;
    size_t n = (size_t)(end - s);
    char *clean = malloc(n + 2);
    if (!clean)
        return mp_err_nomemory();
    char *o = clean;
    const char *p = s;
    if (p < end && (*p == '+' || *p == '-'))
        *o++ = *p++;
    size_t rest = (size_t)(end - p);
    bool ok = false;
    if ((rest == 3 && strncasecmp(p, "inf", 3) == 0) ||
        (rest == 8 && strncasecmp(p, "infinity", 8) == 0) ||
        (rest == 3 && strncasecmp(p, "nan", 3) == 0)) {
        memcpy(o, p, rest);
        o += rest;
        ok = true;
    } else {
        bool int_part = scan_digits(&p, end, &o), frac_part = false;
        if (p < end && *p == '.') {
            *o++ = *p++;
            frac_part = scan_digits(&p, end, &o);
        }
        ok = int_part || frac_part;
        if (ok && p < end && (*p == 'e' || *p == 'E')) {
            *o++ = *p++;
            if (p < end && (*p == '+' || *p == '-'))
                *o++ = *p++;
            ok = scan_digits(&p, end, &o);
        }
        ok = ok && p == end;
    }
    *o = '\0';
    double v = 0;
    if (ok)
        v = strtod(clean, NULL);
    free(clean);
    if (!ok)
        return bad_float_literal(str);
    return mp_float_new(v);
}

static MpObject *float_new(MpType *type, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    if (mp_args_check("float", nargs, kwnames, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        return mp_float_new(0.0);
    MpObject *x = args[0];
    if (mp_type(x) == &mp_float_type) {
        MP_INCREF(x);
        return x;
    }
    if (mp_is_int(x))
        return mp_float_new((double)MP_INT_VALUE(x));
    if (mp_is_str(x))
        return float_from_str(x);
    MpObject *name = mp_str_intern("__float__");
    if (!name)
        return NULL;
    MpObject *meth = mp_type_lookup(mp_type(x), name);
    MP_DECREF(name);
    if (meth) {
        MpObject *r = mp_call_method(x, "__float__", NULL, 0);
        if (r && mp_type(r) != &mp_float_type) {
            mp_err_format(mp_TypeError, "%s.__float__ returned non-float (type %s)",
                          mp_type_name(x), mp_type_name(r));
            MP_DECREF(r);
            return NULL;
        }
        return r;
    }
    return mp_err_format(mp_TypeError,
                         "float() argument must be a string or a real number, not '%s'",
                         mp_type_name(x));
}

/* ==== Methods ==== */

static MpObject *float_is_integer(MpObject *self, MpObject *const *args, size_t nargs,
                                  MpObject *kwnames)
{
    if (mp_args_check("float.is_integer", nargs, kwnames, 0, 0) < 0)
        return NULL;
    double x = MP_FLOAT_VALUE(self);
    return mp_bool(isfinite(x) && x == floor(x));
}

static MpObject *float_conjugate(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    if (mp_args_check("float.conjugate", nargs, kwnames, 0, 0) < 0)
        return NULL;
    return mp_float_new(MP_FLOAT_VALUE(self));
}

static MpObject *float_get_real(MpObject *self)
{
    return mp_float_new(MP_FLOAT_VALUE(self));
}

static MpObject *float_get_imag(MpObject *self)
{
    return mp_float_new(0.0);
}

static const MpMethodDef float_methods[] = {
    {"is_integer", float_is_integer, MP_METH_DEFAULT, "is_integer(self, /)"},
    {"conjugate", float_conjugate, MP_METH_DEFAULT, "conjugate(self, /)"},
    {NULL, NULL, 0, NULL},
};

static const MpGetSetDef float_getsets[] = {
    {"real", float_get_real, NULL},
    {"imag", float_get_imag, NULL},
    {NULL, NULL, NULL},
};

MpType mp_float_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "float", .dealloc = float_dealloc, .size = float_size},
    .basicsize = sizeof(MpFloat),
    .new_ = float_new,
    .repr = float_repr,
    .hash = float_hash,
    .richcompare = float_richcompare,
    .truth = float_truth,
    .binop = float_binop,
    .unop = float_unop,
    .methods = float_methods,
    .getsets = float_getsets,
};

/* ==== round() ==== */

/* round(x[, ndigits]) for ints and floats, as CPython: halves to even, an int
   when ndigits is omitted, float rounding correct via the decimal string. */
MpObject *mp_number_round(MpObject *x, MpObject *ndigits)
{
    int64_t nd = 0;
    if (ndigits && ndigits != mp_none && mp_index(ndigits, &nd) < 0)
        return NULL;
    bool has_nd = ndigits && ndigits != mp_none;
    if (mp_is_int(x)) {
        int64_t v = MP_INT_VALUE(x);
        if (!has_nd || nd >= 0)
            return mp_int_new(v);
        if (nd < -18)
            return mp_int_new(0);
        int64_t p = 1;
        for (int64_t i = 0; i < -nd; i++)
            p *= 10;
        int64_t q = v / p, r = v % p;
        if (r < 0) {
            q -= 1;
            r += p;
        }
        /* v = q*p + r with 0 <= r < p: round half to even. */
        if (r > p - r || (r == p - r && (q & 1)))
            q += 1;
        int64_t res;
        if (__builtin_mul_overflow(q, p, &res))
            return mp_err_set(mp_OverflowError, "integer overflow");
        return mp_int_new(res);
    }
    if (mp_type(x) != &mp_float_type)
        return mp_err_format(mp_TypeError, "type %s doesn't define __round__ method",
                             mp_type_name(x));
    double v = MP_FLOAT_VALUE(x);
    if (!has_nd) {
        double r = nearbyint(v); /* default rounding mode: half to even */
        if (isnan(r))
            return mp_err_set(mp_ValueError, "cannot convert float NaN to integer");
        if (isinf(r))
            return mp_err_set(mp_OverflowError,
                              "cannot convert float infinity to integer");
        if (r >= 9223372036854775808.0 || r < -9223372036854775808.0)
            return mp_err_set(mp_OverflowError, "integer overflow");
        return mp_int_new((int64_t)r);
    }
    if (!isfinite(v) || v == 0.0 || nd > 323)
        return mp_float_new(v);
    if (nd < -308)
        return mp_float_new(copysign(0.0, v));
    /* %.Nf rounds the exact binary value half-even, as CPython's dtoa does. */
    char buf[400];
    if (nd >= 0) {
        snprintf(buf, sizeof buf, "%.*f", (int)nd, v);
        return mp_float_new(strtod(buf, NULL));
    }
    double p = pow(10.0, (double)-nd);
    double y = v / p;
    double z = nearbyint(y);
    if (fabs(y - z) == 0.5)
        z = 2.0 * nearbyint(y / 2.0);
    return mp_float_new(copysign(z * p, v));
}
