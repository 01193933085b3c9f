/*
 * tests/unit/test_objects_values.c - the builtin value types through their C API:
 * reprs, arithmetic, methods and sys.getsizeof sizes, against CPython 3.11's
 * output (the expected strings were produced by python3).
 */
#include "abstract.h"
#include "errors.h"
#include "object.h"
#include "types_init.h"
#include "unit.h"

#include <stdarg.h>
#include <string.h>

/* repr(o) compared with want; consumes o (NULL: the pending exception's
   "Type: message" is compared instead). */
static bool repr_is(MpObject *o, const char *want)
{
    char got[512];
    if (!o) {
        MpObject *e = mp_err_fetch();
        MpObject *s = e ? mp_exception_str(e) : NULL;
        snprintf(got, sizeof got, "%s: %s", e ? mp_type_name(e) : "?",
                 s ? MP_STR_DATA(s) : "?");
        MP_XDECREF(s);
        MP_XDECREF(e);
    } else {
        MpObject *r = mp_repr(o);
        snprintf(got, sizeof got, "%s", r ? MP_STR_DATA(r) : "<repr failed>");
        MP_XDECREF(r);
        MP_DECREF(o);
    }
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "  got  %s\n  want %s\n", got, want);
        return false;
    }
    return true;
}

static MpObject *I(int64_t v)
{
    return mp_int_new(v);
}

static MpObject *F(double v)
{
    return mp_float_new(v);
}

static MpObject *S(const char *s)
{
    return mp_str_from_cstr(s);
}

/* format(v, spec), consuming v. */
static MpObject *fmt(MpObject *v, const char *spec)
{
    MpObject *s = S(spec);
    MpObject *r = mp_format(v, s);
    MP_DECREF(v);
    MP_DECREF(s);
    return r;
}

/* a op b, consuming both operands. */
static MpObject *op(MpObject *a, MpBinaryOp o, MpObject *b)
{
    MpObject *r = mp_binary_op(a, b, o);
    MP_DECREF(a);
    MP_DECREF(b);
    return r;
}

/* o.name(args...) with up to 3 args, consuming o and the args. */
static MpObject *call(MpObject *o, const char *name, int n, MpObject *a0, MpObject *a1,
                      MpObject *a2)
{
    MpObject *args[3] = {a0, a1, a2};
    MpObject *r = mp_call_method(o, name, args, (size_t)n);
    for (int i = 0; i < n; i++)
        MP_DECREF(args[i]);
    MP_DECREF(o);
    return r;
}

/* type(arg) through the type's constructor, consuming arg. */
static MpObject *make(MpType *t, MpObject *arg)
{
    MpObject *r = t->new_(t, &arg, 1, NULL);
    MP_DECREF(arg);
    return r;
}

static size_t getsizeof(MpObject *o)
{
    size_t n = o->type->size(o) + (gc_is_gc(o) ? 16 : 0);
    MP_DECREF(o);
    return n;
}

static MpObject *list_of(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    MpObject *l = mp_list_new(n);
    for (int i = 0; i < n; i++)
        MP_LIST_ITEMS(l)[i] = va_arg(ap, MpObject *);
    va_end(ap);
    return l;
}

static void test_int(void)
{
    CHECK(repr_is(op(I(7), MP_OP_FLOORDIV, I(-2)), "-4"));
    CHECK(repr_is(op(I(7), MP_OP_MOD, I(-2)), "-1"));
    CHECK(repr_is(op(I(-7), MP_OP_MOD, I(2)), "1"));
    CHECK(repr_is(op(I(2), MP_OP_POW, I(-1)), "0.5"));
    CHECK(repr_is(op(I(2), MP_OP_POW, I(62)), "4611686018427387904"));
    CHECK(repr_is(op(I(1), MP_OP_TRUEDIV, I(3)), "0.3333333333333333"));
    CHECK(repr_is(op(I(1), MP_OP_FLOORDIV, I(0)),
                  "ZeroDivisionError: integer division or modulo by zero"));
    CHECK(repr_is(op(I(1), MP_OP_MOD, I(0)), "ZeroDivisionError: integer modulo by zero"));
    CHECK(repr_is(op(I(1), MP_OP_TRUEDIV, I(0)), "ZeroDivisionError: division by zero"));
    CHECK(repr_is(op(I(0), MP_OP_POW, I(-1)),
                  "ZeroDivisionError: 0.0 cannot be raised to a negative power"));
    CHECK(repr_is(op(I(1), MP_OP_LSHIFT, I(-1)), "ValueError: negative shift count"));
    CHECK(repr_is(op(I(-1), MP_OP_RSHIFT, I(100)), "-1"));
    CHECK(repr_is(op(I(INT64_MAX), MP_OP_ADD, I(1)), "OverflowError: integer overflow"));
    CHECK(repr_is(op(mp_bool(true), MP_OP_ADD, I(1)), "2"));
    CHECK(repr_is(op(mp_bool(true), MP_OP_AND, mp_bool(false)), "False"));
    CHECK(repr_is(op(I(1), MP_OP_ADD, S("a")),
                  "TypeError: unsupported operand type(s) for +: 'int' and 'str'"));
    CHECK(repr_is(op(I(2), MP_OP_POW, S("a")),
                  "TypeError: unsupported operand type(s) for ** or pow(): 'int' and 'str'"));
    MpObject *m1 = I(-1);
    CHECK(mp_hash(m1) == -2);
    MP_DECREF(m1);
    MpObject *big = I(((int64_t)1 << 62));
    CHECK(mp_hash(big) == 2);
    MP_DECREF(big);
    CHECK(repr_is(make(&mp_int_type, S("  -1_000  ")), "-1000"));
    CHECK(repr_is(make(&mp_int_type, S("0x10")),
                  "ValueError: invalid literal for int() with base 10: '0x10'"));
    CHECK(repr_is(make(&mp_int_type, F(-3.9)), "-3"));
    MpObject *args[2] = {S("0x1f"), I(0)};
    CHECK(repr_is(mp_int_type.new_(&mp_int_type, args, 2, NULL), "31"));
    MP_DECREF(args[0]);
    MP_DECREF(args[1]);
    CHECK(repr_is(call(I(255), "bit_length", 0, NULL, NULL, NULL), "8"));
    CHECK(getsizeof(I(0)) == 28 && getsizeof(I((int64_t)1 << 30)) == 32 &&
          getsizeof(I((int64_t)1 << 60)) == 36);
}

static void test_float(void)
{
    static const struct {
        double v;
        const char *want;
    } reprs[] = {{0.1 + 0.2, "0.30000000000000004"}, {1e16, "1e+16"}, {1e15, "1000000000000000.0"},
                 {2.5e-07, "2.5e-07"}, {0.0001, "0.0001"}, {1.0, "1.0"}, {-0.0, "-0.0"},
                 {1.5e300, "1.5e+300"}, {123456789.125, "123456789.125"}, {1e22, "1e+22"},
                 {5e-324, "5e-324"}, {0.1, "0.1"}};
    for (size_t i = 0; i < sizeof reprs / sizeof reprs[0]; i++)
        CHECK(repr_is(F(reprs[i].v), reprs[i].want));
    CHECK(repr_is(op(F(1.0), MP_OP_TRUEDIV, I(0)), "ZeroDivisionError: float division by zero"));
    CHECK(repr_is(op(F(5.5), MP_OP_MOD, F(0.0)), "ZeroDivisionError: float modulo"));
    CHECK(repr_is(op(F(-7.5), MP_OP_FLOORDIV, I(2)), "-4.0"));
    CHECK(repr_is(op(F(-7.5), MP_OP_MOD, I(2)), "0.5"));
    CHECK(repr_is(op(I(3), MP_OP_MUL, F(0.5)), "1.5"));
    CHECK(repr_is(op(F(10.0), MP_OP_POW, I(400)),
                  "OverflowError: (34, 'Numerical result out of range')"));
    MpObject *a = F(1.0), *b = I(1);
    CHECK(mp_hash(a) == mp_hash(b) && mp_compare_bool(b, a, MP_EQ) == 1);
    MP_DECREF(a);
    MP_DECREF(b);
    a = F(0.5);
    CHECK(mp_hash(a) == 1152921504606846976);
    MP_DECREF(a);
    a = I(((int64_t)1 << 53) + 1);
    b = F(9007199254740992.0);
    CHECK(mp_compare_bool(a, b, MP_GT) == 1);
    MP_DECREF(a);
    MP_DECREF(b);
    CHECK(repr_is(make(&mp_float_type, S(" -1_0.5e1 ")), "-105.0"));
    CHECK(repr_is(make(&mp_float_type, S("-Infinity")), "-inf"));
    CHECK(repr_is(make(&mp_float_type, S("1x")),
                  "ValueError: could not convert string to float: '1x'"));
    CHECK(repr_is(mp_number_round(a = F(2.675), b = I(2)), "2.67"));
    MP_DECREF(a);
    MP_DECREF(b);
    CHECK(repr_is(mp_number_round(a = F(2.5), NULL), "2"));
    MP_DECREF(a);
}

static void test_str(void)
{
    CHECK(repr_is(S("it's"), "\"it's\""));
    CHECK(repr_is(S("both ' and \""), "'both \\' and \"'"));
    CHECK(repr_is(S("tab\there\n\x01\x7f"), "'tab\\there\\n\\x01\\x7f'"));
    CHECK(repr_is(S("caf\xc3\xa9\xe2\x82\xac"), "'caf\xc3\xa9\xe2\x82\xac'"));
    CHECK(repr_is(call(S("the quick  brown fox"), "split", 0, NULL, NULL, NULL),
                  "['the', 'quick', 'brown', 'fox']"));
    CHECK(repr_is(call(S("a,b,,c"), "split", 1, S(","), NULL, NULL), "['a', 'b', '', 'c']"));
    CHECK(repr_is(call(S("a b c d"), "rsplit", 2, S(" "), I(2), NULL), "['a b', 'c', 'd']"));
    CHECK(repr_is(call(S("  x  "), "strip", 0, NULL, NULL, NULL), "'x'"));
    CHECK(repr_is(call(S("aXbXc"), "replace", 3, S("X"), S("--"), I(1)), "'a--bXc'"));
    CHECK(repr_is(call(S("abc"), "replace", 2, S(""), S("-"), NULL), "'-a-b-c-'"));
    CHECK(repr_is(call(S("h\xc3\xa9llo"), "upper", 0, NULL, NULL, NULL), "'H\xc3\x89LLO'"));
    CHECK(repr_is(call(S("hello world"), "title", 0, NULL, NULL, NULL), "'Hello World'"));
    CHECK(repr_is(call(S("abcabc"), "rfind", 1, S("bc"), NULL, NULL), "4"));
    CHECK(repr_is(call(S("abc"), "index", 1, S("z"), NULL, NULL),
                  "ValueError: substring not found"));
    CHECK(repr_is(call(S("-42"), "zfill", 1, I(6), NULL, NULL), "'-00042'"));
    CHECK(repr_is(call(S("mid"), "center", 2, I(10), S("*"), NULL), "'***mid****'"));
    CHECK(repr_is(call(S("a\nb\r\nc"), "splitlines", 0, NULL, NULL, NULL), "['a', 'b', 'c']"));
    CHECK(repr_is(call(S("-"), "join", 1, list_of(3, S("a"), S("b"), S("c")), NULL, NULL),
                  "'a-b-c'"));
    CHECK(repr_is(call(S(","), "join", 1, list_of(1, I(1)), NULL, NULL),
                  "TypeError: sequence item 0: expected str instance, int found"));
    CHECK(repr_is(call(S("{} + {} = {:>4}"), "format", 3, I(1), I(2), I(3)), "'1 + 2 =    3'"));
    CHECK(repr_is(call(S("{0!r:^7}|{1:,.2f}|{2:#x}"), "format", 3, S("q"), F(1234567.891),
                       I(255)),
                  "\"  'q'  |1,234,567.89|0xff\""));
    MpObject *s = S("abcdefghij");
    MpObject *sl = mp_slice_new(NULL, NULL, I(-3));
    MP_DECREF(((MpSlice *)sl)->step); /* mp_slice_new took its own reference */
    CHECK(repr_is(mp_getitem(s, sl), "'jgda'"));
    MP_DECREF(sl);
    MP_DECREF(s);
    s = S("h\xc3\xa9llo");
    MpObject *k = I(-4);
    CHECK(repr_is(mp_getitem(s, k), "'\xc3\xa9'"));
    MP_DECREF(k);
    CHECK(MP_STR_LEN(s) == 5);
    MP_DECREF(s);
    CHECK(repr_is(op(S("ab"), MP_OP_MUL, I(3)), "'ababab'"));
    CHECK(repr_is(op(S("a"), MP_OP_ADD, I(1)),
                  "TypeError: can only concatenate str (not \"int\") to str"));
    CHECK(getsizeof(S("")) == 49 && getsizeof(S("abc")) == 52 &&
          getsizeof(S("\xc3\xa9")) == 74 && getsizeof(S("\xe2\x82\xac")) == 76);
    MpObject *i1 = mp_str_intern("spam"), *i2 = mp_str_intern("spam");
    CHECK(i1 == i2);
    MP_DECREF(i1);
    MP_DECREF(i2);
}

static void test_format(void)
{
    CHECK(repr_is(fmt(I(-255), "#010x"), "'-0x00000ff'"));
    CHECK(repr_is(fmt(F(100.0), ".3"), "'1e+02'"));
    CHECK(repr_is(fmt(F(-1234.5), "012,.1f"), "'-0,001,234.5'"));
    CHECK(repr_is(fmt(I(1234567), "_x"), "'12_d687'"));
    CHECK(repr_is(fmt(F(0.5), "%"), "'50.000000%'"));
    CHECK(repr_is(fmt(S("abc"), "=5"),
                  "ValueError: '=' alignment not allowed in string format specifier"));
    CHECK(repr_is(fmt(I(5), "abc"),
                  "ValueError: Invalid format specifier 'abc' for object of type 'int'"));
}

static void test_list_tuple(void)
{
    MpObject *l = mp_list_new(0);
    size_t sizes[] = {56, 88, 88, 88, 88, 120, 120, 120, 120, 184};
    for (int i = 0; i < 10; i++) {
        MP_INCREF(l);
        CHECK(getsizeof(l) == sizes[i]);
        MpObject *x = I(9 - i);
        mp_list_append(l, x);
        MP_DECREF(x);
    }
    CHECK(mp_list_sort(l, NULL, false) == 0);
    MP_INCREF(l);
    CHECK(repr_is(l, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"));
    MpObject *sl = mp_slice_new(I(1), I(9), I(3));
    MP_DECREF(((MpSlice *)sl)->start);
    MP_DECREF(((MpSlice *)sl)->stop);
    MP_DECREF(((MpSlice *)sl)->step);
    CHECK(mp_delitem(l, sl) == 0);
    MP_DECREF(sl);
    MP_INCREF(l);
    CHECK(repr_is(l, "[0, 2, 3, 5, 6, 8, 9]"));
    CHECK(mp_list_append(l, l) == 0);
    MP_INCREF(l);
    CHECK(repr_is(l, "[0, 2, 3, 5, 6, 8, 9, [...]]"));
    MP_INCREF(l);
    CHECK(repr_is(call(l, "pop", 0, NULL, NULL, NULL), "[0, 2, 3, 5, 6, 8, 9]"));
    CHECK(repr_is(make(&mp_list_type, mp_range_new(0, 10, 1)),
                  "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"));
    CHECK(getsizeof(make(&mp_list_type, mp_range_new(0, 10, 1))) == 136);
    MpObject *mixed = list_of(2, S("a"), I(1));
    CHECK(mp_list_sort(mixed, NULL, false) == -1);
    CHECK(repr_is(NULL, "TypeError: '<' not supported between instances of 'int' and 'str'"));
    MP_DECREF(mixed);
    MP_DECREF(l);

    MpObject *t = mp_tuple_pack(0);
    CHECK(repr_is(t, "()"));
    MpObject *one = I(1);
    t = mp_tuple_pack(1, one);
    MP_INCREF(t);
    CHECK(getsizeof(t) == 48);
    CHECK(repr_is(t, "(1,)"));
    MpObject *two = I(2);
    t = mp_tuple_pack(2, one, two);
    CHECK(mp_hash(t) == -3550055125485641917);
    MP_DECREF(t);
    MP_DECREF(one);
    MP_DECREF(two);
}

static void test_dict_set(void)
{
    MpObject *d = mp_dict_new();
    MP_INCREF(d);
    CHECK(getsizeof(d) == 64);
    CHECK(!gc_is_tracked(d));
    char key[2] = "a";
    for (int i = 0; i < 6; i++) {
        key[0] = (char)('a' + i);
        MpObject *v = I(i);
        mp_dict_set_cstr(d, key, v);
        MP_DECREF(v);
        MP_INCREF(d);
        CHECK(getsizeof(d) == (i < 5 ? 184u : 272u));
    }
    CHECK(!gc_is_tracked(d));
    MP_INCREF(d);
    CHECK(repr_is(d, "{'a': 0, 'b': 1, 'c': 2, 'd': 3, 'e': 4, 'f': 5}"));
    MpObject *l = mp_list_new(0);
    mp_dict_set_cstr(d, "l", l);
    CHECK(gc_is_tracked(d));
    MP_DECREF(l);
    MpObject *k = S("zz");
    CHECK(repr_is(mp_getitem(d, k), "KeyError: 'zz'"));
    MP_DECREF(k);
    MP_INCREF(d);
    CHECK(repr_is(call(d, "keys", 0, NULL, NULL, NULL),
                  "dict_keys(['a', 'b', 'c', 'd', 'e', 'f', 'l'])"));
    MP_DECREF(d);

    MpObject *di = mp_dict_new();
    MpObject *one = I(1);
    mp_dict_set(di, one, one);
    MP_DECREF(one);
    CHECK(getsizeof(di) == 224);

    MpObject *s = mp_set_new();
    int64_t vals[] = {3, 1, 2, 100, 9};
    for (int i = 0; i < 5; i++) {
        MpObject *v = I(vals[i]);
        mp_set_add(s, v);
        MP_DECREF(v);
        if (i == 2) {
            MP_INCREF(s);
            CHECK(getsizeof(s) == 216);
        }
    }
    MP_INCREF(s);
    CHECK(repr_is(s, "{1, 2, 3, 100, 9}"));
    CHECK(getsizeof(s) == 728);
    MpObject *big = mp_set_new();
    for (int i = 0; i < 20; i++) {
        MpObject *v = I(i * 7);
        mp_set_add(big, v);
        MP_DECREF(v);
    }
    MP_INCREF(big);
    CHECK(getsizeof(big) == 2264);
    MP_INCREF(big);
    CHECK(repr_is(big, "{0, 133, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, 98, 105, "
                       "112, 119, 126}"));
    MP_INCREF(big);
    CHECK(repr_is(call(big, "discard", 1, I(7), NULL, NULL), "None"));
    MP_INCREF(big);
    CHECK(repr_is(call(big, "add", 1, I(1000), NULL, NULL), "None"));
    MP_INCREF(big);
    CHECK(repr_is(call(big, "pop", 0, NULL, NULL, NULL), "0"));
    MP_INCREF(big);
    CHECK(repr_is(call(big, "pop", 0, NULL, NULL, NULL), "133"));
    CHECK(repr_is(big, "{14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, 98, 1000, 105, 112, "
                       "119, 126}"));
    MpObject *e = mp_set_new();
    CHECK(repr_is(e, "set()"));
}

static void test_range_slice(void)
{
    MpObject *r = mp_range_new(0, 10, 3);
    MP_INCREF(r);
    CHECK(repr_is(r, "range(0, 10, 3)"));
    CHECK(mp_len(r) == 4);
    MpObject *nine = I(9);
    CHECK(mp_contains(r, nine) == 1);
    MP_DECREF(nine);
    CHECK(getsizeof(r) == 48);
    MpObject *sl = mp_slice_new(NULL, NULL, NULL);
    int64_t a, b, c;
    CHECK(mp_slice_indices(sl, 5, &a, &b, &c) == 5 && a == 0 && b == 5 && c == 1);
    CHECK(repr_is(sl, "slice(None, None, None)"));
}

int main(void)
{
    if (mp_objects_init() < 0)
        return 99;
    test_int();
    test_float();
    test_str();
    test_format();
    test_list_tuple();
    test_dict_set();
    test_range_slice();
    return UNIT_DONE();
}
