/*
 * kernel/builtins/mod_math.c - owns the math module.
 *
 * Float functions wrap libm and turn its special results into CPython's errors:
 * a NaN from a non-NaN argument is ValueError "math domain error", an infinity
 * from a finite one is OverflowError "math range error" for the functions that
 * can overflow (exp, cosh, ...) and a domain error for the others (log(0)).
 * Integer functions (factorial, comb, gcd, ...) work on 64-bit ints and raise
 * OverflowError past them, the documented deviation of Minipy's int.
 */
#include "builtins.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "module.h"

#include <math.h>
#include <stdlib.h>

__extension__ typedef unsigned __int128 u128;

/* The doubles nearest to pi and e (M_PI is not in C11). */
static const double PI = 3.141592653589793;
static const double E = 2.718281828459045;

/* ==== Argument and result helpers ==== */

static MpObject *domain_error(void)
{
    return mp_err_set(mp_ValueError, "math domain error");
}

static MpObject *range_error(void)
{
    return mp_err_set(mp_OverflowError, "math range error");
}

static MpObject *overflow_error(void)
{
    return mp_err_set(mp_OverflowError, "integer overflow");
}

/* Exactly n positional arguments converted to doubles. */
static int real_args(const char *fname, MpObject *const *args, size_t nargs,
                     MpObject *kwnames, size_t n, double *out)
{
    if (mp_args_check(fname, nargs, kwnames, n, n) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (mp_real_as_double(args[i], &out[i]) < 0)
            return -1;
    return 0;
}

/* A float result of f(x): CPython's is_error rules (see the file comment). */
static MpObject *checked_result(double x, double r, bool can_overflow)
{
    if (isnan(r) && !isnan(x))
        return domain_error();
    if (isinf(r) && isfinite(x))
        return can_overflow ? range_error() : domain_error();
    return mp_float_new(r);
}

static MpObject *math_1(const char *fname, MpObject *const *args, size_t nargs,
                        MpObject *kwnames, double (*fn)(double), bool can_overflow)
{
    double x;
    if (real_args(fname, args, nargs, kwnames, 1, &x) < 0)
        return NULL;
    return checked_result(x, fn(x), can_overflow);
}

/* One native function per libm function: math.NAME(x) = checked fn(x). */
#define MATH_FUNC1(name, fn, can_overflow)                                     \
    static MpObject *math_##name(MpObject *self, MpObject *const *args,        \
                                 size_t nargs, MpObject *kwnames)              \
    {                                                                          \
        (void)self;                                                            \
        return math_1("math." #name, args, nargs, kwnames, fn, can_overflow); \
    }

MATH_FUNC1(sqrt, sqrt, false)
MATH_FUNC1(exp, exp, true)
MATH_FUNC1(expm1, expm1, true)
MATH_FUNC1(log2, log2, false)
MATH_FUNC1(log10, log10, false)
MATH_FUNC1(log1p, log1p, false)
MATH_FUNC1(sin, sin, false)
MATH_FUNC1(cos, cos, false)
MATH_FUNC1(tan, tan, false)
MATH_FUNC1(asin, asin, false)
MATH_FUNC1(acos, acos, false)
MATH_FUNC1(atan, atan, false)
MATH_FUNC1(sinh, sinh, true)
MATH_FUNC1(cosh, cosh, true)
MATH_FUNC1(tanh, tanh, false)
MATH_FUNC1(asinh, asinh, false)
MATH_FUNC1(acosh, acosh, false)
MATH_FUNC1(atanh, atanh, false)
MATH_FUNC1(erf, erf, false)
MATH_FUNC1(erfc, erfc, false)
MATH_FUNC1(fabs, fabs, false)

static double to_degrees(double x)
{
    return x * (180.0 / PI);
}

static double to_radians(double x)
{
    return x * (PI / 180.0);
}

MATH_FUNC1(degrees, to_degrees, true)
MATH_FUNC1(radians, to_radians, false)

/* math.log(x[, base]) = log(x) / log(base). */
static MpObject *math_log(MpObject *self, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    (void)self;
    double x[2] = {0.0, 0.0};
    if (mp_args_check("log", nargs, kwnames, 1, 2) < 0)
        return NULL;
    double l[2] = {0.0, 0.0};
    for (size_t i = 0; i < nargs; i++) {
        if (mp_real_as_double(args[i], &x[i]) < 0)
            return NULL;
        l[i] = log(x[i]);
        if ((isnan(l[i]) && !isnan(x[i])) || (isinf(l[i]) && isfinite(x[i])))
            return domain_error();
    }
    double num = l[0];
    if (nargs == 1)
        return mp_float_new(num);
    double den = l[1];
    if (den == 0.0)
        return mp_err_set(mp_ZeroDivisionError, "float division by zero");
    return mp_float_new(num / den);
}

static MpObject *math_pow(MpObject *self, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    (void)self;
    double a[2];
    if (real_args("pow", args, nargs, kwnames, 2, a) < 0)
        return NULL;
    double r = pow(a[0], a[1]);
    if (isfinite(a[0]) && isfinite(a[1])) {
        if (isnan(r))
            return domain_error();
        if (isinf(r))
            return a[0] == 0.0 ? domain_error() : range_error();
    }
    return mp_float_new(r);
}

static MpObject *math_atan2(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)self;
    double a[2];
    if (real_args("atan2", args, nargs, kwnames, 2, a) < 0)
        return NULL;
    return mp_float_new(atan2(a[0], a[1]));
}

static MpObject *math_copysign(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)self;
    double a[2];
    if (real_args("copysign", args, nargs, kwnames, 2, a) < 0)
        return NULL;
    return mp_float_new(copysign(a[0], a[1]));
}

static MpObject *math_fmod(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    (void)self;
    double a[2];
    if (real_args("fmod", args, nargs, kwnames, 2, a) < 0)
        return NULL;
    if (isinf(a[1]) && isfinite(a[0]))
        return mp_float_new(a[0]);
    double r = fmod(a[0], a[1]);
    if (isnan(r) && !isnan(a[0]) && !isnan(a[1]))
        return domain_error();
    return mp_float_new(r);
}

static MpObject *math_remainder(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    double a[2];
    if (real_args("remainder", args, nargs, kwnames, 2, a) < 0)
        return NULL;
    double r = remainder(a[0], a[1]);
    if (isnan(r) && !isnan(a[0]) && !isnan(a[1]))
        return domain_error();
    return mp_float_new(r);
}

/* hypot(*coordinates): the Euclidean norm, scaled by the largest magnitude so
   squares neither overflow nor underflow. */
static MpObject *math_hypot(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)self;
    if (mp_args_no_kw("hypot", kwnames) < 0)
        return NULL;
    double max = 0.0, small[8], *v = small;
    bool any_nan = false;
    if (nargs > 8 && !(v = malloc(nargs * sizeof(double))))
        return mp_err_nomemory();
    for (size_t i = 0; i < nargs; i++) {
        if (mp_real_as_double(args[i], &v[i]) < 0) {
            if (v != small)
                free(v);
            return NULL;
        }
        v[i] = fabs(v[i]);
        any_nan |= isnan(v[i]);
        if (v[i] > max)
            max = v[i];
    }
    double r;
    if (isinf(max))
        r = max;
    else if (any_nan)
        r = NAN;
    else if (nargs == 2)
        r = hypot(v[0], v[1]);
    else if (max == 0.0 || nargs <= 1)
        r = max;
    else {
        double sum = 0.0;
        for (size_t i = 0; i < nargs; i++)
            sum += (v[i] / max) * (v[i] / max);
        r = max * sqrt(sum);
    }
    if (v != small)
        free(v);
    return mp_float_new(r);
}

/* ==== Float to int ==== */

static MpObject *double_to_int(double d)
{
    if (isnan(d))
        return mp_err_set(mp_ValueError, "cannot convert float NaN to integer");
    if (isinf(d))
        return mp_err_set(mp_OverflowError, "cannot convert float infinity to integer");
    if (d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return overflow_error();
    return mp_int_new((int64_t)d);
}

/* floor, ceil, trunc: ints pass through, floats round, a class may define the
   dunder (__floor__, __ceil__, __trunc__). */
static MpObject *to_int(const char *fname, const char *dunder, bool trunc_msg,
                        MpObject *const *args, size_t nargs, MpObject *kwnames,
                        double (*fn)(double))
{
    if (mp_args_check(fname, nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpObject *x = args[0];
    if (mp_is_int(x))
        return mp_int_new(MP_INT_VALUE(x));
    if (x->type == &mp_float_type.gc)
        return double_to_int(fn(MP_FLOAT_VALUE(x)));
    MpObject *name = mp_str_intern(dunder);
    if (!name)
        return NULL;
    bool has = mp_type_lookup(mp_type(x), name) != NULL;
    MP_DECREF(name);
    if (has)
        return mp_call_method(x, dunder, NULL, 0);
    if (trunc_msg)
        return mp_err_format(mp_TypeError, "type %s doesn't define __trunc__ method",
                             mp_type_name(x));
    return mp_err_format(mp_TypeError, "must be real number, not %s", mp_type_name(x));
}

static MpObject *math_floor(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)self;
    return to_int("floor", "__floor__", false, args, nargs, kwnames, floor);
}

static MpObject *math_ceil(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    (void)self;
    return to_int("ceil", "__ceil__", false, args, nargs, kwnames, ceil);
}

static MpObject *math_trunc(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)self;
    return to_int("trunc", "__trunc__", true, args, nargs, kwnames, trunc);
}

static MpObject *math_modf(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    (void)self;
    double x, ip;
    if (real_args("modf", args, nargs, kwnames, 1, &x) < 0)
        return NULL;
    double frac = modf(x, &ip);
    MpObject *a = mp_float_new(frac), *b = mp_float_new(ip);
    MpObject *t = a && b ? mp_tuple_pack(2, a, b) : NULL;
    MP_XDECREF(a);
    MP_XDECREF(b);
    return t;
}

static MpObject *math_frexp(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)self;
    double x;
    int e = 0;
    if (real_args("frexp", args, nargs, kwnames, 1, &x) < 0)
        return NULL;
    double m = isfinite(x) ? frexp(x, &e) : x;
    MpObject *a = mp_float_new(m), *b = mp_int_new(e);
    MpObject *t = a && b ? mp_tuple_pack(2, a, b) : NULL;
    MP_XDECREF(a);
    MP_XDECREF(b);
    return t;
}

static MpObject *math_ldexp(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)self;
    double x;
    if (mp_args_check("ldexp", nargs, kwnames, 2, 2) < 0 ||
        mp_real_as_double(args[0], &x) < 0)
        return NULL;
    if (!mp_is_int(args[1]))
        return mp_err_set(mp_TypeError, "Expected an int as second argument to ldexp.");
    int64_t e = MP_INT_VALUE(args[1]);
    int ie = e > 100000 ? 100000 : e < -100000 ? -100000 : (int)e;
    double r = ldexp(x, ie);
    if (isinf(r) && isfinite(x))
        return range_error();
    return mp_float_new(r);
}

/* ==== Predicates ==== */

static MpObject *float_pred(const char *fname, MpObject *const *args, size_t nargs,
                            MpObject *kwnames, int which)
{
    double x;
    if (real_args(fname, args, nargs, kwnames, 1, &x) < 0)
        return NULL;
    return mp_bool(which == 0 ? isnan(x) : which == 1 ? isinf(x) : isfinite(x));
}

static MpObject *math_isnan(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)self;
    return float_pred("isnan", args, nargs, kwnames, 0);
}

static MpObject *math_isinf(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)self;
    return float_pred("isinf", args, nargs, kwnames, 1);
}

static MpObject *math_isfinite(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    (void)self;
    return float_pred("isfinite", args, nargs, kwnames, 2);
}

/* isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0), CPython's symmetric test. */
static MpObject *math_isclose(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"rel_tol", "abs_tol", NULL};
    MpObject *kw[2];
    double a, b, rel = 1e-09, abs_tol = 0.0;
    if (mp_args_count("isclose", nargs, 2, 2) < 0 ||
        mp_args_kwonly("isclose", args, nargs, kwnames, names, kw) < 0 ||
        mp_real_as_double(args[0], &a) < 0 || mp_real_as_double(args[1], &b) < 0 ||
        (kw[0] && mp_real_as_double(kw[0], &rel) < 0) ||
        (kw[1] && mp_real_as_double(kw[1], &abs_tol) < 0))
        return NULL;
    if (rel < 0.0 || abs_tol < 0.0)
        return mp_err_set(mp_ValueError, "tolerances must be non-negative");
    if (a == b)
        return mp_bool(true);
    if (isinf(a) || isinf(b))
        return mp_bool(false);
    double diff = fabs(b - a);
    return mp_bool(diff <= fabs(rel * b) || diff <= fabs(rel * a) || diff <= abs_tol);
}

/* ==== Sums and products ==== */

/* fsum: Shewchuk's exact summation with non-overlapping partials, then the
   correctly rounded sum of the partials (halfway cases fixed as CPython does). */
static MpObject *math_fsum(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("fsum", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpObject *it = mp_iter(args[0]);
    if (!it)
        return NULL;
    size_t n = 0, cap = 32;
    double *p = malloc(cap * sizeof(double));
    double special = 0.0, inf_sum = 0.0;
    MpObject *item, *result = NULL;
    if (!p) {
        MP_DECREF(it);
        return mp_err_nomemory();
    }
    while ((item = mp_iternext(it))) {
        double x;
        int rc = mp_real_as_double(item, &x);
        MP_DECREF(item);
        if (rc < 0)
            goto done;
        double xsave = x;
        size_t i = 0;
        for (size_t j = 0; j < n; j++) {
            double y = p[j];
            if (fabs(x) < fabs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y, lo = y - (hi - x);
            if (lo != 0.0)
                p[i++] = lo;
            x = hi;
        }
        n = i;
        if (x != 0.0) {
            if (!isfinite(x)) {
                if (isfinite(xsave)) {
                    mp_err_set(mp_OverflowError, "intermediate overflow in fsum");
                    goto done;
                }
                if (isinf(xsave))
                    inf_sum += xsave;
                special += xsave;
                n = 0;
            } else {
                if (n == cap) {
                    double *q = realloc(p, 2 * cap * sizeof(double));
                    if (!q) {
                        mp_err_nomemory();
                        goto done;
                    }
                    p = q;
                    cap *= 2;
                }
                p[n++] = x;
            }
        }
    }
    if (mp_err_occurred())
        goto done;
    if (special != 0.0) {
        if (isnan(inf_sum))
            mp_err_set(mp_ValueError, "-inf + inf in fsum");
        else
            result = mp_float_new(special);
        goto done;
    }
    double hi = 0.0, lo = 0.0;
    if (n > 0) {
        hi = p[--n];
        while (n > 0) {
            double x = hi, y = p[--n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0)
                break;
        }
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y;
            if (y == x - hi)
                hi = x;
        }
    }
    result = mp_float_new(hi);
done:
    free(p);
    MP_DECREF(it);
    return result;
}

/* prod(iterable, *, start=1) with the `*` operator. */
static MpObject *math_prod(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"start", NULL};
    MpObject *kw[1];
    if (mp_args_count("prod", nargs, 1, 1) < 0 ||
        mp_args_kwonly("prod", args, nargs, kwnames, names, kw) < 0)
        return NULL;
    MpObject *acc = kw[0] ? (MP_INCREF(kw[0]), kw[0]) : mp_int_new(1);
    MpObject *it = acc ? mp_iter(args[0]) : NULL;
    if (!it) {
        MP_XDECREF(acc);
        return NULL;
    }
    MpObject *item;
    while ((item = mp_iternext(it))) {
        MpObject *next = mp_binary_op(acc, item, MP_OP_MUL);
        MP_DECREF(item);
        MP_DECREF(acc);
        if (!(acc = next))
            break;
    }
    MP_DECREF(it);
    if (acc && mp_err_occurred())
        MP_CLEAR(acc);
    return acc;
}

/* ==== Integer functions ==== */

static int int_args(const char *fname, MpObject *const *args, size_t nargs,
                    MpObject *kwnames, size_t min, size_t max, int64_t *out)
{
    if (mp_args_check(fname, nargs, kwnames, min, max) < 0)
        return -1;
    for (size_t i = 0; i < nargs; i++)
        if (mp_index(args[i], &out[i]) < 0)
            return -1;
    return 0;
}

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static MpObject *u64_to_int(uint64_t v)
{
    return v > INT64_MAX ? overflow_error() : mp_int_new((int64_t)v);
}

static uint64_t magnitude(int64_t v)
{
    return v < 0 ? -(uint64_t)v : (uint64_t)v;
}

/* gcd(*integers) and lcm(*integers), folded left to right. */
static MpObject *gcd_lcm(const char *fname, MpObject *const *args, size_t nargs,
                         MpObject *kwnames, bool lcm)
{
    if (mp_args_no_kw(fname, kwnames) < 0)
        return NULL;
    uint64_t acc = lcm ? 1 : 0;
    for (size_t i = 0; i < nargs; i++) {
        int64_t v;
        if (mp_index(args[i], &v) < 0)
            return NULL;
        uint64_t m = magnitude(v);
        if (!lcm) {
            acc = gcd_u64(acc, m);
        } else if (acc == 0 || m == 0) {
            acc = 0;
        } else if (__builtin_mul_overflow(acc / gcd_u64(acc, m), m, &acc)) {
            return overflow_error();
        }
    }
    return u64_to_int(acc);
}

static MpObject *math_gcd(MpObject *self, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    (void)self;
    return gcd_lcm("gcd", args, nargs, kwnames, false);
}

static MpObject *math_lcm(MpObject *self, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    (void)self;
    return gcd_lcm("lcm", args, nargs, kwnames, true);
}

/* n * (n-1) * ... * (n-k+1), or OverflowError. */
static MpObject *falling_product(int64_t n, int64_t k)
{
    int64_t r = 1;
    for (int64_t i = 0; i < k; i++)
        if (__builtin_mul_overflow(r, n - i, &r))
            return overflow_error();
    return mp_int_new(r);
}

static MpObject *math_factorial(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    int64_t n;
    if (int_args("factorial", args, nargs, kwnames, 1, 1, &n) < 0)
        return NULL;
    if (n < 0)
        return mp_err_set(mp_ValueError, "factorial() not defined for negative values");
    return falling_product(n, n);
}

static int check_n_k(int64_t n, int64_t k)
{
    if (n < 0) {
        mp_err_set(mp_ValueError, "n must be a non-negative integer");
        return -1;
    }
    if (k < 0) {
        mp_err_set(mp_ValueError, "k must be a non-negative integer");
        return -1;
    }
    return 0;
}

static MpObject *math_perm(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    (void)self;
    int64_t v[2];
    if (mp_args_count("perm", nargs, 1, 2) < 0)
        return NULL;
    bool all = nargs == 1 || args[1] == mp_none; /* perm(n) == factorial(n) */
    if (int_args("perm", args, all ? 1 : nargs, kwnames, 1, 2, v) < 0)
        return NULL;
    if (all)
        v[1] = v[0];
    if (check_n_k(v[0], v[1]) < 0)
        return NULL;
    return v[1] > v[0] ? mp_int_new(0) : falling_product(v[0], v[1]);
}

/* comb(n, k) = n! / (k! (n-k)!), built up as C(n, i+1) = C(n, i) * (n-i) / (i+1)
   (exact at every step); 128-bit intermediates. */
static MpObject *math_comb(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    (void)self;
    int64_t v[2];
    if (int_args("comb", args, nargs, kwnames, 2, 2, v) < 0 || check_n_k(v[0], v[1]) < 0)
        return NULL;
    int64_t n = v[0], k = v[1];
    if (k > n)
        return mp_int_new(0);
    if (k > n - k)
        k = n - k;
    u128 r = 1;
    for (int64_t i = 0; i < k; i++) {
        r = r * (u128)(n - i) / (u128)(i + 1);
        if (r > INT64_MAX)
            return overflow_error();
    }
    return mp_int_new((int64_t)r);
}

static MpObject *math_isqrt(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)self;
    int64_t n;
    if (int_args("isqrt", args, nargs, kwnames, 1, 1, &n) < 0)
        return NULL;
    if (n < 0)
        return mp_err_set(mp_ValueError, "isqrt() argument must be nonnegative");
    uint64_t r = (uint64_t)sqrt((double)n);
    while ((u128)r * r > (u128)n)
        r--;
    while ((u128)(r + 1) * (r + 1) <= (u128)n)
        r++;
    return mp_int_new((int64_t)r);
}

/* ==== The module ==== */

static const MpMethodDef math_functions[] = {
    {"sqrt", math_sqrt, 0, "sqrt(x, /)"},
    {"exp", math_exp, 0, "exp(x, /)"},
    {"expm1", math_expm1, 0, "expm1(x, /)"},
    {"log", math_log, 0, "log(x, [base=math.e])"},
    {"log2", math_log2, 0, "log2(x, /)"},
    {"log10", math_log10, 0, "log10(x, /)"},
    {"log1p", math_log1p, 0, "log1p(x, /)"},
    {"pow", math_pow, 0, "pow(x, y, /)"},
    {"sin", math_sin, 0, "sin(x, /)"},
    {"cos", math_cos, 0, "cos(x, /)"},
    {"tan", math_tan, 0, "tan(x, /)"},
    {"asin", math_asin, 0, "asin(x, /)"},
    {"acos", math_acos, 0, "acos(x, /)"},
    {"atan", math_atan, 0, "atan(x, /)"},
    {"atan2", math_atan2, 0, "atan2(y, x, /)"},
    {"sinh", math_sinh, 0, "sinh(x, /)"},
    {"cosh", math_cosh, 0, "cosh(x, /)"},
    {"tanh", math_tanh, 0, "tanh(x, /)"},
    {"asinh", math_asinh, 0, "asinh(x, /)"},
    {"acosh", math_acosh, 0, "acosh(x, /)"},
    {"atanh", math_atanh, 0, "atanh(x, /)"},
    {"erf", math_erf, 0, "erf(x, /)"},
    {"erfc", math_erfc, 0, "erfc(x, /)"},
    {"hypot", math_hypot, 0, "hypot(*coordinates)"},
    {"degrees", math_degrees, 0, "degrees(x, /)"},
    {"radians", math_radians, 0, "radians(x, /)"},
    {"fabs", math_fabs, 0, "fabs(x, /)"},
    {"copysign", math_copysign, 0, "copysign(x, y, /)"},
    {"fmod", math_fmod, 0, "fmod(x, y, /)"},
    {"remainder", math_remainder, 0, "remainder(x, y, /)"},
    {"floor", math_floor, 0, "floor(x, /)"},
    {"ceil", math_ceil, 0, "ceil(x, /)"},
    {"trunc", math_trunc, 0, "trunc(x, /)"},
    {"modf", math_modf, 0, "modf(x, /)"},
    {"frexp", math_frexp, 0, "frexp(x, /)"},
    {"ldexp", math_ldexp, 0, "ldexp(x, i, /)"},
    {"isnan", math_isnan, 0, "isnan(x, /)"},
    {"isinf", math_isinf, 0, "isinf(x, /)"},
    {"isfinite", math_isfinite, 0, "isfinite(x, /)"},
    {"isclose", math_isclose, 0, "isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)"},
    {"fsum", math_fsum, 0, "fsum(seq, /)"},
    {"prod", math_prod, 0, "prod(iterable, /, *, start=1)"},
    {"gcd", math_gcd, 0, "gcd(*integers)"},
    {"lcm", math_lcm, 0, "lcm(*integers)"},
    {"factorial", math_factorial, 0, "factorial(n, /)"},
    {"perm", math_perm, 0, "perm(n, k=None, /)"},
    {"comb", math_comb, 0, "comb(n, k, /)"},
    {"isqrt", math_isqrt, 0, "isqrt(n, /)"},
    {NULL, NULL, 0, NULL},
};

MpObject *mod_math_init(void)
{
    MpObject *m = mp_module_new("math");
    if (!m)
        return NULL;
    if (mp_module_add_functions(m, math_functions) < 0 ||
        mp_module_add_new(m, "pi", mp_float_new(PI)) < 0 ||
        mp_module_add_new(m, "e", mp_float_new(E)) < 0 ||
        mp_module_add_new(m, "tau", mp_float_new(2.0 * PI)) < 0 ||
        mp_module_add_new(m, "inf", mp_float_new(INFINITY)) < 0 ||
        mp_module_add_new(m, "nan", mp_float_new(NAN)) < 0) {
        MP_DECREF(m);
        return NULL;
    }
    return m;
}
