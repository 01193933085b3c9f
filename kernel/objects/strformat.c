/*
 * kernel/objects/strformat.c - the format-spec mini-language (format(), f-string
 * specs) and str.format().
 *
 * A spec is parsed once into a Spec ([[fill]align][sign][z][#][0][width]
 * [grouping][.precision][type]), the number or text is rendered without
 * padding, then pad() applies sign, alignment and fill. Messages are CPython
 * 3.11's.
 */
#include "object.h"

#include "abstract.h"
#include "errors.h"
#include "types_init.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Spec {
    char fill[5];
    int fill_len;
    char align; /* 0, '<', '>', '=', '^' */
    char sign;  /* 0, '+', '-', ' ' */
    bool alt, zero, no_neg_zero;
    int64_t width;     /* -1: none */
    char group;        /* 0, ',', '_' */
    int64_t precision; /* -1: none */
    char type;         /* 0: none */
} Spec;

static bool is_align(char c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

static int invalid_spec(const char *spec, size_t len, const char *tname)
{
    mp_err_format(mp_ValueError, "Invalid format specifier '%.*s' for object of type '%s'",
                  (int)len, spec, tname);
    return -1;
}

static int parse_spec(const char *spec, size_t len, const char *tname, Spec *s)
{
    memset(s, 0, sizeof *s);
    s->fill[0] = ' ';
    s->fill_len = 1;
    s->width = s->precision = -1;
    size_t i = 0;
    /* The fill may be any code point: find the first one's length. */
    size_t cl = 1;
    while (cl < len && ((unsigned char)spec[cl] & 0xC0) == 0x80)
        cl++;
    if (len > cl && is_align(spec[cl])) {
        memcpy(s->fill, spec, cl);
        s->fill_len = (int)cl;
        s->align = spec[cl];
        i = cl + 1;
    } else if (len > 0 && is_align(spec[0])) {
        s->align = spec[0];
        i = 1;
    }
    if (i < len && (spec[i] == '+' || spec[i] == '-' || spec[i] == ' '))
        s->sign = spec[i++];
    if (i < len && spec[i] == 'z') {
        s->no_neg_zero = true;
        i++;
    }
    if (i < len && spec[i] == '#') {
        s->alt = true;
        i++;
    }
    if (i < len && spec[i] == '0') {
        s->zero = true;
        i++;
    }
    if (i < len && spec[i] >= '0' && spec[i] <= '9') {
        s->width = 0;
        while (i < len && spec[i] >= '0' && spec[i] <= '9')
            s->width = s->width * 10 + (spec[i++] - '0');
    }
    if (i < len && (spec[i] == ',' || spec[i] == '_'))
        s->group = spec[i++];
    if (i < len && spec[i] == '.') {
        i++;
        if (i >= len || spec[i] < '0' || spec[i] > '9') {
            mp_err_set(mp_ValueError, "Format specifier missing precision");
            return -1;
        }
        s->precision = 0;
        while (i < len && spec[i] >= '0' && spec[i] <= '9')
            s->precision = s->precision * 10 + (spec[i++] - '0');
    }
    if (len - i > 1)
        return invalid_spec(spec, len, tname);
    if (i < len)
        s->type = spec[i];
    if (s->zero && !s->align) {
        s->fill[0] = '0';
        s->fill_len = 1;
        s->align = '=';
    }
    return 0;
}

static int64_t utf8_len(const char *p, size_t n)
{
    int64_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += ((unsigned char)p[i] & 0xC0) != 0x80;
    return len;
}

/* sign + prefix + body, aligned in the spec's width. */
static MpObject *pad(const Spec *s, const char *sign, const char *prefix, const char *body,
                     size_t body_len, char default_align)
{
    size_t sl = strlen(sign), pl = strlen(prefix);
    int64_t len = (int64_t)(sl + pl) + utf8_len(body, body_len);
    int64_t fill = s->width > len ? s->width - len : 0;
    char align = s->align ? s->align : default_align;
    int64_t left = align == '>' ? fill : align == '^' ? fill / 2 : 0;
    int64_t mid = align == '=' ? fill : 0;
    int64_t right = fill - left - mid;
    MpStrBuf b;
    mp_strbuf_init(&b);
    for (int64_t i = 0; i < left; i++)
        mp_strbuf_add(&b, s->fill, (size_t)s->fill_len);
    mp_strbuf_add(&b, sign, sl);
    mp_strbuf_add(&b, prefix, pl);
    for (int64_t i = 0; i < mid; i++)
        mp_strbuf_add(&b, s->fill, (size_t)s->fill_len);
    mp_strbuf_add(&b, body, body_len);
    for (int64_t i = 0; i < right; i++)
        mp_strbuf_add(&b, s->fill, (size_t)s->fill_len);
    return mp_strbuf_finish(&b);
}

/* Insert the grouping character every `every` digits of digits[0, n) into
   out; with min_len > 0, pad with zeros (grouped too) up to that length. */
static size_t group_digits(const char *digits, size_t n, char sep, int every, char *out,
                           size_t min_len)
{
    char tmp[512];
    size_t t = 0, count = 0;
    for (size_t k = n; k > 0; k--) {
        if (count && count % (size_t)every == 0)
            tmp[t++] = sep;
        tmp[t++] = digits[k - 1];
        count++;
    }
    while (t < min_len && t < sizeof tmp - 2) {
        if (count % (size_t)every == 0)
            tmp[t++] = sep;
        if (t >= min_len && tmp[t - 1] == sep) {
            tmp[t++] = '0';
            break;
        }
        tmp[t++] = '0';
        count++;
    }
    for (size_t k = 0; k < t; k++)
        out[k] = tmp[t - 1 - k];
    return t;
}

static const char *sign_str(const Spec *s, bool negative)
{
    if (negative)
        return "-";
    return s->sign == '+' ? "+" : s->sign == ' ' ? " " : "";
}

/* ==== ints ==== */

MpObject *mp_format_int(int64_t v, const char *spec, size_t len)
{
    Spec s;
    if (parse_spec(spec, len, "int", &s) < 0)
        return NULL;
    char t = s.type ? s.type : 'd';
    if (strchr("eEfFgG%", t))
        return mp_format_float((double)v, spec, len);
    if (!strchr("bcdoxXn", t))
        return mp_err_format(mp_ValueError,
                             "Unknown format code '%c' for object of type 'int'", t);
    if (s.precision >= 0)
        return mp_err_set(mp_ValueError, "Precision not allowed in integer format specifier");
    if (s.group == ',' && t != 'd')
        return mp_err_format(mp_ValueError, "Cannot specify ',' with '%c'.", t);
    if (s.group && t == 'n')
        return mp_err_format(mp_ValueError, "Cannot specify '%c' with 'n'.", s.group);
    if (t == 'c') {
        if (s.sign)
            return mp_err_set(mp_ValueError,
                              "Sign not allowed with integer format specifier 'c'");
        if (v < 0 || v > 0x10FFFF)
            return mp_err_set(mp_OverflowError, "%c arg not in range(0x110000)");
        char enc[4];
        int n = mp_utf8_encode((uint32_t)v, enc);
        return pad(&s, "", "", enc, (size_t)n, '<');
    }
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int base = t == 'b' ? 2 : t == 'o' ? 8 : (t == 'x' || t == 'X') ? 16 : 10;
    const char *dig = t == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    char raw[70];
    size_t n = 0;
    do {
        raw[n++] = dig[mag % (uint64_t)base];
        mag /= (uint64_t)base;
    } while (mag);
    for (size_t k = 0; k < n / 2; k++) {
        char c = raw[k];
        raw[k] = raw[n - 1 - k];
        raw[n - 1 - k] = c;
    }
    const char *prefix = "";
    if (s.alt)
        prefix = t == 'b' ? "0b" : t == 'o' ? "0o" : t == 'x' ? "0x" : t == 'X' ? "0X" : "";
    const char *sg = sign_str(&s, v < 0);
    char body[1000];
    size_t bl;
    if (s.group) {
        size_t min_len = 0;
        if (s.align == '=' && s.fill[0] == '0' && s.width > 0) {
            int64_t w = s.width - (int64_t)(strlen(sg) + strlen(prefix));
            min_len = w > 0 ? (size_t)w : 0;
        }
        bl = group_digits(raw, n, s.group, base == 10 ? 3 : 4, body, min_len);
    } else {
        memcpy(body, raw, n);
        bl = n;
    }
    return pad(&s, sg, prefix, body, bl, '>');
}

/* ==== floats ==== */

/* The 'r'/None-with-precision layout: p significant digits, exponent form when
   the decimal exponent is < -4 or >= p - 1 (CPython's add-dot-0 'g'). */
static void format_general_dot0(double a, int64_t p, char *out, size_t size)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*e", (int)(p - 1), a);
    char *e = strchr(tmp, 'e');
    int exp10 = atoi(e + 1);
    if (exp10 < -4 || exp10 >= p - 1) {
        *e = '\0';
        char *end = e;
        if (strchr(tmp, '.')) {
            while (end[-1] == '0')
                end--;
            if (end[-1] == '.')
                end--;
        }
        *end = '\0';
        snprintf(out, size, "%se%c%02d", tmp, exp10 < 0 ? '-' : '+', abs(exp10));
        return;
    }
    snprintf(out, size, "%.*f", (int)(p - 1 - exp10 > 0 ? p - 1 - exp10 : 0), a);
    if (strchr(out, '.')) {
        size_t n = strlen(out);
        while (out[n - 1] == '0')
            n--;
        if (out[n - 1] == '.')
            n++;
        out[n] = '\0';
    } else {
        strcat(out, ".0");
    }
}

MpObject *mp_format_float(double v, const char *spec, size_t len)
{
    Spec s;
    if (parse_spec(spec, len, "float", &s) < 0)
        return NULL;
    char t = s.type;
    if (t && !strchr("eEfFgGn%", t))
        return mp_err_format(mp_ValueError,
                             "Unknown format code '%c' for object of type 'float'", t);
    bool neg = signbit(v) && !isnan(v);
    double a = fabs(v);
    if (t == '%')
        a *= 100.0;
    char num[700];
    int64_t prec = s.precision;
    if (!isfinite(a)) {
        bool upper = t == 'E' || t == 'F' || t == 'G';
        snprintf(num, sizeof num, "%s", isnan(a) ? (upper ? "NAN" : "nan")
                                                 : (upper ? "INF" : "inf"));
        if (t == '%')
            strcat(num, "%");
    } else if (!t) {
        if (prec < 0) {
            mp_float_format_repr(a, num, sizeof num);
        } else {
            format_general_dot0(a, prec == 0 ? 1 : prec, num, sizeof num);
        }
    } else {
        if (prec < 0)
            prec = 6;
        if (prec > 300)
            prec = 300;
        char ct = t == 'n' ? 'g' : t == '%' ? 'f' : t;
        if ((ct == 'g' || ct == 'G') && prec == 0)
            prec = 1;
        int ip = (int)prec;
        size_t room = sizeof num - 2;
        switch (ct) {
        case 'e': s.alt ? snprintf(num, room, "%#.*e", ip, a) : snprintf(num, room, "%.*e", ip, a); break;
        case 'E': s.alt ? snprintf(num, room, "%#.*E", ip, a) : snprintf(num, room, "%.*E", ip, a); break;
        case 'f': s.alt ? snprintf(num, room, "%#.*f", ip, a) : snprintf(num, room, "%.*f", ip, a); break;
        case 'F': s.alt ? snprintf(num, room, "%#.*F", ip, a) : snprintf(num, room, "%.*F", ip, a); break;
        case 'g': s.alt ? snprintf(num, room, "%#.*g", ip, a) : snprintf(num, room, "%.*g", ip, a); break;
        default: s.alt ? snprintf(num, room, "%#.*G", ip, a) : snprintf(num, room, "%.*G", ip, a); break;
        }
        if (t == '%')
            strcat(num, "%");
    }
    if (s.no_neg_zero && neg) {
        bool all_zero = true;
        for (const char *p = num; *p && *p != 'e' && *p != 'E'; p++)
            if (*p >= '1' && *p <= '9')
                all_zero = false;
        if (all_zero)
            neg = false;
    }
    const char *sg = sign_str(&s, neg);
    if (!s.group || !isfinite(a))
        return pad(&s, sg, "", num, strlen(num), '>');
    size_t intlen = strspn(num, "0123456789");
    char body[1000];
    size_t min_len = 0;
    if (s.align == '=' && s.fill[0] == '0' && s.width > 0) {
        int64_t w = s.width - (int64_t)strlen(sg) - (int64_t)(strlen(num) - intlen);
        min_len = w > 0 ? (size_t)w : 0;
    }
    size_t bl = group_digits(num, intlen, s.group, 3, body, min_len);
    size_t rest = strlen(num) - intlen;
    memcpy(body + bl, num + intlen, rest);
    return pad(&s, sg, "", body, bl + rest, '>');
}

/* ==== str ==== */

MpObject *mp_format_str(MpObject *str, const char *spec, size_t len)
{
    Spec s;
    if (parse_spec(spec, len, "str", &s) < 0)
        return NULL;
    if (s.type && s.type != 's')
        return mp_err_format(mp_ValueError,
                             "Unknown format code '%c' for object of type 'str'", s.type);
    if (s.sign)
        return mp_err_set(mp_ValueError, "Sign not allowed in string format specifier");
    if (s.alt)
        return mp_err_set(mp_ValueError,
                          "Alternate form (#) not allowed in string format specifier");
    if (s.align == '=')
        return mp_err_set(mp_ValueError,
                          "'=' alignment not allowed in string format specifier");
    if (s.group)
        return mp_err_format(mp_ValueError, "Cannot specify '%c' with 's'.", s.group);
    const char *d = MP_STR_DATA(str);
    size_t n = (size_t)MP_STR_SIZE(str);
    if (s.precision >= 0 && s.precision < MP_STR_LEN(str)) {
        int64_t pos = 0;
        for (int64_t k = 0; k < s.precision; k++)
            mp_utf8_decode(d, &pos);
        n = (size_t)pos;
    }
    return pad(&s, "", "", d, n, '<');
}

/* ==== format(o, spec) ==== */

MpObject *mp_format(MpObject *o, MpObject *spec)
{
    const char *sp = spec ? MP_STR_DATA(spec) : "";
    size_t len = spec ? (size_t)MP_STR_SIZE(spec) : 0;
    MpType *t = mp_type(o);
    if (t == &mp_str_type) {
        if (len == 0) {
            MP_INCREF(o);
            return o;
        }
        return mp_format_str(o, sp, len);
    }
    if (t == &mp_int_type || (t == &mp_bool_type && len > 0))
        return mp_format_int(MP_INT_VALUE(o), sp, len);
    if (t == &mp_float_type)
        return mp_format_float(MP_FLOAT_VALUE(o), sp, len);
    MpObject *name = mp_str_intern("__format__");
    if (!name)
        return NULL;
    MpObject *meth = (t->flags & MP_TF_HEAP) ? mp_type_lookup(t, name) : NULL;
    MP_DECREF(name);
    if (meth && mp_type(meth) != &mp_method_descr_type) {
        MpObject *arg = spec;
        if (!arg && !(arg = mp_str_new("", 0)))
            return NULL;
        else if (spec)
            MP_INCREF(arg);
        MpObject *r = mp_call_method(o, "__format__", &arg, 1);
        MP_DECREF(arg);
        if (r && !mp_is_str(r)) {
            mp_err_format(mp_TypeError, "__format__ must return a str, not %s",
                          mp_type_name(r));
            MP_DECREF(r);
            return NULL;
        }
        return r;
    }
    if (len > 0)
        return mp_err_format(mp_TypeError, "unsupported format string passed to %s.__format__",
                             mp_type_name(o));
    return mp_str(o);
}

/* ==== str.format ==== */

typedef struct FormatArgs {
    MpObject *const *args;
    size_t nargs;
    MpObject *kwnames;
    int64_t auto_index; /* -1: manual numbering in use */
    bool manual;
} FormatArgs;

static MpObject *lookup_kw(FormatArgs *fa, const char *name, size_t n)
{
    if (fa->kwnames) {
        for (int64_t i = 0; i < MP_TUPLE_SIZE(fa->kwnames); i++) {
            MpObject *k = MP_TUPLE_ITEMS(fa->kwnames)[i];
            if ((size_t)MP_STR_SIZE(k) == n && memcmp(MP_STR_DATA(k), name, n) == 0)
                return fa->args[fa->nargs + (size_t)i];
        }
    }
    MpObject *key = mp_str_new(name, n);
    if (key) {
        mp_err_set_value(mp_KeyError, key);
        MP_DECREF(key);
    }
    return NULL;
}

static bool all_digits(const char *p, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return false;
    return true;
}

/* Resolve "name.attr[key]..." to an object (new reference). */
static MpObject *resolve_field(FormatArgs *fa, const char *f, size_t n)
{
    size_t first = 0;
    while (first < n && f[first] != '.' && f[first] != '[')
        first++;
    MpObject *obj;
    if (first == 0 || all_digits(f, first)) {
        int64_t idx;
        if (first == 0) {
            if (fa->manual)
                return mp_err_set(mp_ValueError, "cannot switch from manual field "
                                                 "specification to automatic field numbering");
            idx = fa->auto_index++;
        } else {
            if (fa->auto_index > 0)
                return mp_err_set(mp_ValueError, "cannot switch from automatic field "
                                                 "numbering to manual field specification");
            fa->manual = true;
            idx = strtoll(f, NULL, 10);
        }
        if (idx >= (int64_t)fa->nargs)
            return mp_err_format(mp_IndexError,
                                 "Replacement index %lld out of range for positional "
                                 "args tuple",
                                 (long long)idx);
        obj = fa->args[idx];
    } else {
        obj = lookup_kw(fa, f, first);
        if (!obj)
            return NULL;
    }
    MP_INCREF(obj);
    size_t i = first;
    while (i < n) {
        MpObject *next;
        if (f[i] == '.') {
            size_t j = ++i;
            while (j < n && f[j] != '.' && f[j] != '[')
                j++;
            MpObject *name = mp_str_new(f + i, j - i);
            next = name ? mp_getattr(obj, name) : NULL;
            MP_XDECREF(name);
            i = j;
        } else if (f[i] == '[') {
            size_t j = ++i;
            while (j < n && f[j] != ']')
                j++;
            if (j >= n) {
                MP_DECREF(obj);
                return mp_err_set(mp_ValueError, "Missing ']' in format string");
            }
            MpObject *key = all_digits(f + i, j - i) ? mp_int_new(strtoll(f + i, NULL, 10))
                                                     : mp_str_new(f + i, j - i);
            next = key ? mp_getitem(obj, key) : NULL;
            MP_XDECREF(key);
            i = j + 1;
        } else {
            MP_DECREF(obj);
            return mp_err_set(mp_ValueError, "Only '.' or '[' may follow ']' in format field "
                                             "specifier");
        }
        MP_DECREF(obj);
        if (!next)
            return NULL;
        obj = next;
    }
    return obj;
}

static MpObject *format_template(FormatArgs *fa, const char *p, size_t n, int depth);

/* One replacement field's body (between the braces). */
static int format_field(FormatArgs *fa, MpStrBuf *b, const char *f, size_t n, int depth)
{
    size_t name_end = 0;
    int bracket = 0;
    while (name_end < n) {
        char c = f[name_end];
        if (c == '[')
            bracket++;
        else if (c == ']')
            bracket--;
        else if (!bracket && (c == '!' || c == ':'))
            break;
        name_end++;
    }
    char conv = 0;
    size_t spec_start = name_end;
    if (name_end < n && f[name_end] == '!') {
        if (name_end + 1 >= n) {
            mp_err_set(mp_ValueError, "end of string while looking for conversion specifier");
            return -1;
        }
        conv = f[name_end + 1];
        spec_start = name_end + 2;
        if (spec_start < n && f[spec_start] != ':') {
            mp_err_set(mp_ValueError, "expected ':' after conversion specifier");
            return -1;
        }
    }
    MpObject *obj = resolve_field(fa, f, name_end);
    if (!obj)
        return -1;
    if (conv) {
        MpObject *c;
        if (conv == 'r')
            c = mp_repr(obj);
        else if (conv == 's')
            c = mp_str(obj);
        else if (conv == 'a')
            c = mp_ascii(obj);
        else {
            MP_DECREF(obj);
            mp_err_format(mp_ValueError, "Unknown conversion specifier %c", conv);
            return -1;
        }
        MP_DECREF(obj);
        if (!c)
            return -1;
        obj = c;
    }
    MpObject *spec = NULL;
    if (spec_start < n && f[spec_start] == ':') {
        if (depth >= 2) {
            MP_DECREF(obj);
            mp_err_set(mp_ValueError, "Max string recursion exceeded");
            return -1;
        }
        spec = format_template(fa, f + spec_start + 1, n - spec_start - 1, depth + 1);
        if (!spec) {
            MP_DECREF(obj);
            return -1;
        }
    }
    MpObject *r = mp_format(obj, spec);
    MP_DECREF(obj);
    MP_XDECREF(spec);
    if (!r)
        return -1;
    mp_strbuf_add(b, MP_STR_DATA(r), (size_t)MP_STR_SIZE(r));
    MP_DECREF(r);
    return 0;
}

static MpObject *format_template(FormatArgs *fa, const char *p, size_t n, int depth)
{
    MpStrBuf b;
    mp_strbuf_init(&b);
    size_t i = 0;
    while (i < n) {
        char c = p[i];
        if (c == '{') {
            if (i + 1 < n && p[i + 1] == '{') {
                mp_strbuf_add_char(&b, '{');
                i += 2;
                continue;
            }
            size_t j = i + 1;
            int level = 1;
            while (j < n) {
                if (p[j] == '{')
                    level++;
                else if (p[j] == '}' && --level == 0)
                    break;
                j++;
            }
            if (j >= n) {
                mp_strbuf_free(&b);
                return mp_err_set(mp_ValueError, "expected '}' before end of string");
            }
            if (format_field(fa, &b, p + i + 1, j - i - 1, depth) < 0) {
                mp_strbuf_free(&b);
                return NULL;
            }
            i = j + 1;
        } else if (c == '}') {
            if (i + 1 < n && p[i + 1] == '}') {
                mp_strbuf_add_char(&b, '}');
                i += 2;
                continue;
            }
            mp_strbuf_free(&b);
            return mp_err_set(mp_ValueError, "Single '}' encountered in format string");
        } else {
            size_t j = i;
            while (j < n && p[j] != '{' && p[j] != '}')
                j++;
            mp_strbuf_add(&b, p + i, j - i);
            i = j;
        }
    }
    return mp_strbuf_finish(&b);
}

MpObject *mp_str_method_format(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    FormatArgs fa = {args, nargs, kwnames, 0, false};
    return format_template(&fa, MP_STR_DATA(self), (size_t)MP_STR_SIZE(self), 0);
}
