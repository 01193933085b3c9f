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
    bool alt, no_neg_zero;
    int64_t width;     /* -1: none */
    char group;        /* 0, ',', '_' */
    int64_t precision; /* -1: none */
    int64_t type;      /* a code point, 0: none */
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

/* A presentation type in CPython's messages: 'x', or '\x5' outside ASCII's
   printable range. */
static const char *type_text(int64_t type, char *buf, size_t size)
{
    if (type > 32 && type < 127)
        snprintf(buf, size, "%c", (char)type);
    else
        snprintf(buf, size, "\\x%x", (unsigned)type);
    return buf;
}

static MpObject *unknown_code(int64_t type, const char *tname)
{
    char buf[16];
    return mp_err_format(mp_ValueError,
                         "Unknown format code '%s' for object of type '%s'",
                         type_text(type, buf, sizeof buf), tname);
}

/* Digits from spec[*i] (CPython's get_integer): their count, -1 with an error
   when the value overflows. */
static int spec_integer(const char *spec, size_t len, size_t *i, int64_t *out)
{
    int n = 0;
    for (*out = 0; *i < len && spec[*i] >= '0' && spec[*i] <= '9'; (*i)++, n++) {
        int d = spec[*i] - '0';
        if (*out > (INT64_MAX - d) / 10) {
            mp_err_set(mp_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        *out = *out * 10 + d;
    }
    return n;
}

/* The grouping check CPython 3.11 makes before any type's own: ',' goes with
   d e f g E G % F or none, '_' also with b o x X. */
static int check_group(const Spec *s)
{
    if (!s->group || (s->type < 128 && strchr("defgEG%F", (int)s->type)) ||
        (s->group == '_' && s->type < 128 && strchr("boxX", (int)s->type)))
        return 0;
    char buf[16];
    mp_err_format(mp_ValueError, "Cannot specify '%c' with '%s'.", s->group,
                  type_text(s->type, buf, sizeof buf));
    return -1;
}

/* CPython 3.11's parse_internal_render_format_spec: the type defaults to
   `default_type`; `default_align` is '>' for numbers, '<' for str, which
   decides what a leading '0' does. */
static int parse_spec(const char *spec, size_t len, const char *tname,
                      char default_type, char default_align, Spec *s)
{
    memset(s, 0, sizeof *s);
    s->type = default_type;
    s->fill[0] = ' ';
    s->fill_len = 1;
    size_t i = 0;
    /* The fill may be any code point: find the first one's length. */
    size_t cl = 1;
    while (cl < len && ((unsigned char)spec[cl] & 0xC0) == 0x80)
        cl++;
    bool fill_given = len > cl && is_align(spec[cl]);
    if (fill_given) {
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
    if (!fill_given && i < len && spec[i] == '0') {
        s->fill[0] = '0';
        if (!s->align && default_align == '>')
            s->align = '=';
        i++;
    }
    int digits = spec_integer(spec, len, &i, &s->width);
    if (digits < 0)
        return -1;
    if (digits == 0)
        s->width = -1;
    if (i < len && spec[i] == ',')
        s->group = spec[i++];
    if (i < len && spec[i] == '_') {
        if (s->group) {
            mp_err_set(mp_ValueError, "Cannot specify both ',' and '_'.");
            return -1;
        }
        s->group = spec[i++];
    }
    if (i < len && spec[i] == ',' && s->group == '_') {
        mp_err_set(mp_ValueError, "Cannot specify both ',' and '_'.");
        return -1;
    }
    s->precision = -1;
    if (i < len && spec[i] == '.') {
        i++;
        if ((digits = spec_integer(spec, len, &i, &s->precision)) < 0)
            return -1;
        if (digits == 0) {
            mp_err_set(mp_ValueError, "Format specifier missing precision");
            return -1;
        }
    }
    if (i < len) {
        int64_t pos = (int64_t)i;
        s->type = mp_utf8_decode(spec, &pos);
        if ((size_t)pos < len)
            return invalid_spec(spec, len, tname);
    }
    return check_group(s);
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

MpObject *mp_format_int(int64_t v, const char *tname, const char *spec, size_t len)
{
    Spec s;
    if (parse_spec(spec, len, tname, 'd', '>', &s) < 0)
        return NULL;
    char t = s.type < 128 ? (char)s.type : 0;
    if (t && strchr("eEfFgG%", t))
        return mp_format_float((double)v, tname, spec, len);
    if (!t || !strchr("bcdoxXn", t))
        return unknown_code(s.type, tname);
    if (s.precision >= 0)
        return mp_err_set(mp_ValueError, "Precision not allowed in integer format specifier");
    if (s.no_neg_zero)
        return mp_err_set(
            mp_ValueError,
            "Negative zero coercion (z) not allowed in integer format specifier");
    if (t == 'c') {
        if (s.sign)
            return mp_err_set(mp_ValueError,
                              "Sign not allowed with integer format specifier 'c'");
        if (s.alt)
            return mp_err_set(
                mp_ValueError,
                "Alternate form (#) not allowed with integer format specifier 'c'");
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

MpObject *mp_format_float(double v, const char *tname, const char *spec, size_t len)
{
    Spec s;
    if (parse_spec(spec, len, tname, 0, '>', &s) < 0)
        return NULL;
    char t = s.type < 128 ? (char)s.type : '?';
    if (t && !strchr("eEfFgGn%", t))
        return unknown_code(s.type, tname);
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
    if (parse_spec(spec, len, "str", 's', '<', &s) < 0)
        return NULL;
    if (s.type != 's')
        return unknown_code(s.type, "str");
    if (s.sign)
        return mp_err_set(mp_ValueError,
                          s.sign == ' '
                              ? "Space not allowed in string format specifier"
                              : "Sign not allowed in string format specifier");
    if (s.no_neg_zero)
        return mp_err_set(
            mp_ValueError,
            "Negative zero coercion (z) not allowed in string format specifier");
    if (s.alt)
        return mp_err_set(mp_ValueError,
                          "Alternate form (#) not allowed in string format specifier");
    if (s.align == '=')
        return mp_err_set(mp_ValueError,
                          "'=' alignment not allowed in string format specifier");
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
        return mp_format_int(MP_INT_VALUE(o), mp_type_name(o), sp, len);
    if (t == &mp_float_type)
        return mp_format_float(MP_FLOAT_VALUE(o), "float", sp, len);
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

/* In CPython 3.11's order (Objects/stringlib/unicode_format.h), so the first
   error is the one CPython reports: scan to the next field (next_field), cut
   its name, conversion and spec (parse_field), evaluate it (output_field),
   and only then scan on. A field's name is resolved part by part
   (field_object), its spec expanded when it holds nested fields. */

typedef enum AutoNumber { AN_INIT, AN_AUTO, AN_MANUAL } AutoNumber;

typedef struct FormatArgs {
    MpObject *const *args;
    size_t nargs;
    MpObject *kwnames;
    AutoNumber numbering;
    int64_t next_auto;
} FormatArgs;

/* A replacement field cut out of the template. */
typedef struct Field {
    const char *name, *spec;
    size_t name_len, spec_len;
    int64_t conv;     /* the code point after '!', or 0 */
    bool spec_nested; /* the spec holds '{': format it first */
} Field;

/* The template's maximum nesting: a field's spec may hold fields, theirs not. */
#define FORMAT_MAX_DEPTH 2

static int format_error(const char *msg)
{
    mp_err_set(mp_ValueError, msg);
    return -1;
}

/* Cut the field starting at *pos (just after its '{'); *pos moves past its '}'.
   CPython's parse_field: '[' skips to the next ']', the spec ends at the '}'
   that balances the braces it opened. */
static int parse_field(const char *p, size_t n, size_t *pos, Field *f)
{
    size_t i = *pos;
    char c = 0;
    memset(f, 0, sizeof *f);
    f->name = p + i;
    while (i < n) {
        c = p[i++];
        if (c == '{')
            return format_error("unexpected '{' in field name");
        if (c == '[') {
            while (i < n && p[i] != ']')
                i++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!')
            break;
    }
    f->name_len = (size_t)(p + i - 1 - f->name);
    if (c != '!' && c != ':') {
        *pos = i;
        return c == '}' ? 0 : format_error("expected '}' before end of string");
    }
    if (c == '!') {
        if (i >= n)
            return format_error("end of string while looking for conversion specifier");
        int64_t at = (int64_t)i;
        f->conv = mp_utf8_decode(p, &at);
        i = (size_t)at;
        if (i < n) {
            c = p[i++];
            if (c == '}') {
                *pos = i;
                return 0;
            }
            if (c != ':')
                return format_error("expected ':' after conversion specifier");
        }
    }
    f->spec = p + i;
    for (int open = 1; i < n;) {
        c = p[i++];
        if (c == '{') {
            f->spec_nested = true;
            open++;
        } else if (c == '}' && --open == 0) {
            f->spec_len = (size_t)(p + i - 1 - f->spec);
            *pos = i;
            return 0;
        }
    }
    return format_error("unmatched '{' in format spec");
}

/* CPython's get_integer: the value of an all-ASCII-digit name, -1 for any
   other name, -2 with an error when it overflows. */
static int64_t field_integer(const char *p, size_t n)
{
    if (n == 0)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        if (v > (INT64_MAX - (p[i] - '0')) / 10) {
            format_error("Too many decimal digits in format string");
            return -2;
        }
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

static MpObject *lookup_kw(FormatArgs *fa, const char *name, size_t n)
{
    if (fa->kwnames) {
        for (int64_t i = 0; i < MP_TUPLE_SIZE(fa->kwnames); i++) {
            MpObject *k = MP_TUPLE_ITEMS(fa->kwnames)[i];
            if ((size_t)MP_STR_SIZE(k) == n && memcmp(MP_STR_DATA(k), name, n) == 0) {
                MP_INCREF(fa->args[fa->nargs + (size_t)i]);
                return fa->args[fa->nargs + (size_t)i];
            }
        }
    }
    MpObject *key = mp_str_new(name, n);
    if (key) {
        mp_err_set_value(mp_KeyError, key);
        MP_DECREF(key);
    }
    return NULL;
}

/* The object the first part of a field name names (new reference): a
   positional argument by number, or automatically numbered when empty, else a
   keyword argument. */
static MpObject *first_object(FormatArgs *fa, const char *name, size_t n)
{
    int64_t idx = field_integer(name, n);
    if (idx == -2)
        return NULL;
    if (n > 0 && idx < 0)
        return lookup_kw(fa, name, n);
    if (fa->numbering == AN_INIT)
        fa->numbering = n == 0 ? AN_AUTO : AN_MANUAL;
    if (fa->numbering == AN_MANUAL && n == 0)
        return mp_err_set(mp_ValueError,
                          "cannot switch from manual field specification "
                          "to automatic field numbering");
    if (fa->numbering == AN_AUTO && n > 0)
        return mp_err_set(mp_ValueError, "cannot switch from automatic field numbering "
                                         "to manual field specification");
    if (n == 0)
        idx = fa->next_auto++;
    if (idx >= (int64_t)fa->nargs)
        return mp_err_format(
            mp_IndexError,
            "Replacement index %lld out of range for positional args tuple",
            (long long)idx);
    MP_INCREF(fa->args[idx]);
    return fa->args[idx];
}

/* One ".attr" or "[key]" step of a field name from f[*i]; *i moves past it.
   Steals obj, returns the next object (new reference). */
static MpObject *field_step(MpObject *obj, const char *f, size_t n, size_t *i)
{
    char c = f[(*i)++];
    size_t start = *i, end;
    if (c == '.') {
        while (*i < n && f[*i] != '.' && f[*i] != '[')
            (*i)++;
        end = *i;
    } else if (c == '[') {
        while (*i < n && f[*i] != ']')
            (*i)++;
        if (*i >= n) {
            MP_DECREF(obj);
            return mp_err_set(mp_ValueError, "Missing ']' in format string");
        }
        end = (*i)++;
    } else {
        MP_DECREF(obj);
        return mp_err_set(mp_ValueError,
                          "Only '.' or '[' may follow ']' in format field specifier");
    }
    int64_t idx = c == '[' ? field_integer(f + start, end - start) : -1;
    MpObject *key = NULL;
    if (idx != -2 && start == end)
        format_error("Empty attribute in format string");
    else if (idx != -2)
        key = idx >= 0 ? mp_int_new(idx) : mp_str_new(f + start, end - start);
    MpObject *next = !key       ? NULL
                     : c == '.' ? mp_getattr(obj, key)
                                : mp_getitem(obj, key);
    MP_XDECREF(key);
    MP_DECREF(obj);
    return next;
}

/* Resolve "name.attr[key]..." to an object (new reference). */
static MpObject *field_object(FormatArgs *fa, const char *f, size_t n)
{
    size_t i = 0;
    while (i < n && f[i] != '.' && f[i] != '[')
        i++;
    MpObject *obj = first_object(fa, f, i);
    while (obj && i < n)
        obj = field_step(obj, f, n, &i);
    return obj;
}

/* !r, !s, !a applied to obj (stolen). */
static MpObject *convert(MpObject *obj, int64_t conv)
{
    MpObject *r = NULL;
    if (conv == 'r')
        r = mp_repr(obj);
    else if (conv == 's')
        r = mp_str(obj);
    else if (conv == 'a')
        r = mp_ascii(obj);
    else if (conv > 32 && conv < 127)
        mp_err_format(mp_ValueError, "Unknown conversion specifier %c", (int)conv);
    else
        mp_err_format(mp_ValueError, "Unknown conversion specifier \\x%x",
                      (unsigned)conv);
    MP_DECREF(obj);
    return r;
}

static MpObject *format_template(FormatArgs *fa, const char *p, size_t n, int depth);

/* Evaluate one field and append it: object, conversion, then its spec. */
static int output_field(FormatArgs *fa, MpStrBuf *b, const Field *f, int depth)
{
    MpObject *obj = field_object(fa, f->name, f->name_len);
    if (obj && f->conv)
        obj = convert(obj, f->conv);
    if (!obj)
        return -1;
    MpObject *spec = f->spec_nested
                         ? format_template(fa, f->spec, f->spec_len, depth - 1)
                         : mp_str_new(f->spec ? f->spec : "", f->spec_len);
    MpObject *r = spec ? mp_format(obj, spec) : NULL;
    MP_DECREF(obj);
    MP_XDECREF(spec);
    if (!r)
        return -1;
    mp_strbuf_add(b, MP_STR_DATA(r), (size_t)MP_STR_SIZE(r));
    MP_DECREF(r);
    return 0;
}

/* CPython's MarkupIterator_next: the literal text up to the next field is
   appended, a doubled brace as one; *pos moves past it. 1 when a field
   follows (its '{' consumed), 0 at the end or after an escape, -1 error. */
static int next_literal(MpStrBuf *b, const char *p, size_t n, size_t *pos)
{
    size_t start = *pos, i = *pos;
    char c = 0;
    while (i < n && (c = p[i++]) != '{' && c != '}')
        ;
    bool brace = c == '{' || c == '}', at_end = i >= n;
    size_t len = i - start;
    if (c == '}' && (at_end || p[i] != '}'))
        return format_error("Single '}' encountered in format string");
    if (c == '{' && at_end)
        return format_error("Single '{' encountered in format string");
    if (brace && p[i] == c) {
        i++; /* an escaped brace: the literal keeps one */
        brace = false;
    } else if (brace) {
        len--;
    }
    mp_strbuf_add(b, p + start, len);
    *pos = i;
    return brace;
}

static MpObject *format_template(FormatArgs *fa, const char *p, size_t n, int depth)
{
    if (depth <= 0)
        return mp_err_set(mp_ValueError, "Max string recursion exceeded");
    MpStrBuf b;
    mp_strbuf_init(&b);
    size_t i = 0;
    while (i < n) {
        Field f;
        int more = next_literal(&b, p, n, &i);
        if (more < 0 || (more && (parse_field(p, n, &i, &f) < 0 ||
                                  output_field(fa, &b, &f, depth) < 0))) {
            mp_strbuf_free(&b);
            return NULL;
        }
    }
    return mp_strbuf_finish(&b);
}

MpObject *mp_str_method_format(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    FormatArgs fa = {args, nargs, kwnames, AN_INIT, 0};
    return format_template(&fa, MP_STR_DATA(self), (size_t)MP_STR_SIZE(self),
                           FORMAT_MAX_DEPTH);
}
