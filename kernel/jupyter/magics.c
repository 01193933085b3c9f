/*
 * kernel/jupyter/magics.c - the line-magic rewriting and dispatch, %who, %pinfo
 * and help(), and the output helpers the other magic files share.
 *
 * Each magic is a C function taking the argument text; it prints or displays its
 * result and returns None (or a value, which the cell may show). The magics
 * themselves live one job per file (magics_internal.h lists them).
 */
#include "magics.h"

#include "abstract.h"
#include "args.h"
#include "display.h"
#include "errors.h"
#include "kernel.h"
#include "magics_internal.h"
#include "output.h"
#include "runtime.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef MpObject *(*MagicFn)(const char *args);

typedef struct Magic {
    const char *name;
    MagicFn fn;
} Magic;

/* ==== Helpers shared by the magic files ==== */

bool kj_is_user_name(MpObject *name)
{
    const char *s = MP_STR_DATA(name);
    return s[0] != '_' && strcmp(s, "In") != 0 && strcmp(s, "Out") != 0;
}

/* "_" followed by digits only (at least one), after the prefix. */
static bool digits_after(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(s, prefix, n) != 0 || s[n] == '\0')
        return false;
    return strspn(s + n, "0123456789") == strlen(s + n);
}

bool kj_is_history_name(const char *s)
{
    static const char *const fixed[] = {"In", "Out", "_ih", "_oh", "_",
                                        "__", "___", "_i", "_ii", "_iii"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (strcmp(s, fixed[i]) == 0)
            return true;
    return digits_after(s, "_") || digits_after(s, "_i");
}

void kj_buf_printf(MpStrBuf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        mp_strbuf_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    mp_strbuf_add(b, big, (size_t)n);
    free(big);
}

void kj_buf_html(MpStrBuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&':
            mp_strbuf_add_cstr(b, "&amp;");
            break;
        case '<':
            mp_strbuf_add_cstr(b, "&lt;");
            break;
        case '>':
            mp_strbuf_add_cstr(b, "&gt;");
            break;
        case '"':
            mp_strbuf_add_cstr(b, "&quot;");
            break;
        default:
            mp_strbuf_add_char(b, s[i]);
        }
    }
}

int kj_buf_print(MpStrBuf *b)
{
    MpObject *s = mp_strbuf_finish(b);
    if (!s)
        return -1;
    mp_output_write(1, MP_STR_DATA(s), (size_t)MP_STR_SIZE(s));
    MP_DECREF(s);
    return 0;
}

int kj_buf_display(MpStrBuf *plain, const char *mime, MpStrBuf *rich)
{
    MpObject *p = mp_strbuf_finish(plain);
    MpObject *r = mp_strbuf_finish(rich);
    MpObject *bundle = p && r ? mp_dict_new() : NULL;
    int rc = bundle && mp_dict_set_cstr(bundle, "text/plain", p) == 0 &&
                     mp_dict_set_cstr(bundle, mime, r) == 0
                 ? mp_display_show_bundle(bundle)
                 : -1;
    MP_XDECREF(bundle);
    MP_XDECREF(p);
    MP_XDECREF(r);
    return rc;
}

const char *kj_format_bytes(double bytes, char *buf, size_t size)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double mag = bytes < 0 ? -bytes : bytes;
    size_t u = 0;
    while (mag >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
        mag /= 1024;
        bytes /= 1024;
        u++;
    }
    if (u == 0)
        snprintf(buf, size, "%.0f %s", bytes, units[u]);
    else
        snprintf(buf, size, "%.1f %s", bytes, units[u]);
    return buf;
}

/* ==== %who ==== */

static MpObject *magic_who(const char *args)
{
    (void)args;
    MpObject *globals = mp_runtime_globals();
    MpObject *names = mp_list_new(0);
    if (!names)
        return NULL;
    int64_t pos = 0;
    MpObject *k, *v;
    while (mp_dict_next(globals, &pos, &k, &v))
        if (mp_is_str(k) && kj_is_user_name(k) && mp_list_append(names, k) < 0) {
            MP_DECREF(names);
            return NULL;
        }
    if (mp_list_sort(names, NULL, false) < 0) {
        MP_DECREF(names);
        return NULL;
    }
    MpStrBuf b;
    mp_strbuf_init(&b);
    if (MP_LIST_SIZE(names) == 0)
        mp_strbuf_add_cstr(&b, "Interactive namespace is empty.");
    for (int64_t i = 0; i < MP_LIST_SIZE(names); i++) {
        mp_strbuf_add_str(&b, MP_LIST_ITEMS(names)[i]);
        mp_strbuf_add_char(&b, '\t');
    }
    mp_strbuf_add_char(&b, '\n');
    MP_DECREF(names);
    MpObject *s = mp_strbuf_finish(&b);
    if (!s)
        return NULL;
    mp_output_write(1, MP_STR_DATA(s), (size_t)MP_STR_SIZE(s));
    MP_DECREF(s);
    MP_RETURN_NONE;
}

/* ==== %pinfo (name?), %pinfo2 (name??) and help() ==== */

static MpObject *page_name(const char *name, int detail)
{
    MpObject *text = kj_inspect_text(mp_runtime_globals(), name, detail);
    if (!text) {
        mp_err_clear();
        text = mp_str_format_c("Object `%s` not found.", name);
        if (!text)
            return NULL;
    }
    kj_page(text);
    MP_DECREF(text);
    MP_RETURN_NONE;
}

static MpObject *magic_pinfo(const char *args)
{
    return page_name(args, 0);
}

static MpObject *magic_pinfo2(const char *args)
{
    return page_name(args, 1);
}

static MpObject *builtin_help(MpObject *self, MpObject *const *args, size_t nargs,
                              MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("help", nargs, kwnames, 1, 1) < 0)
        return NULL;
    if (mp_is_str(args[0]))
        return page_name(MP_STR_DATA(args[0]), 1);
    /* The argument itself and the caller's stack slot are ours. */
    MpObject *text = kj_inspect_object(args[0], 1, 2);
    if (!text)
        return NULL;
    kj_page(text);
    MP_DECREF(text);
    MP_RETURN_NONE;
}

static const Magic magics[] = {
    {"who", magic_who},
    {"whos", kj_magic_whos},
    {"reset", kj_magic_reset},
    {"xdel", kj_magic_xdel},
    {"memory", kj_magic_memory},
    {"gc", kj_magic_gc},
    {"leakwatch", kj_magic_leakwatch},
    {"refgraph", kj_magic_refgraph},
    {"time", kj_magic_time},
    {"timeit", kj_magic_timeit},
    {"memit", kj_magic_memit},
    {"pinfo", magic_pinfo},
    {"pinfo2", magic_pinfo2},
};

#define NMAGICS (sizeof magics / sizeof magics[0])

const char *const *kj_magic_names(void)
{
    static const char *names[NMAGICS + 1];
    for (size_t i = 0; i < NMAGICS; i++)
        names[i] = magics[i].name;
    return names;
}

static MpObject *run_line_magic(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    (void)self;
    if (mp_args_check("run_line_magic", nargs, kwnames, 2, 2) < 0)
        return NULL;
    if (!mp_is_str(args[0]) || !mp_is_str(args[1]))
        return mp_err_set(mp_TypeError, "run_line_magic() arguments must be str");
    const char *name = MP_STR_DATA(args[0]);
    for (size_t i = 0; i < NMAGICS; i++)
        if (strcmp(magics[i].name, name) == 0)
            return magics[i].fn(MP_STR_DATA(args[1]));
    MpStrBuf b;
    mp_strbuf_init(&b);
    for (size_t i = 0; i < NMAGICS; i++) {
        mp_strbuf_add_cstr(&b, i ? ", %" : "%");
        mp_strbuf_add_cstr(&b, magics[i].name);
    }
    MpObject *known = mp_strbuf_finish(&b);
    if (!known)
        return NULL;
    mp_err_format(mp_NameError, "Line magic function `%%%s` not found. Known magics: %s",
                  name, MP_STR_DATA(known));
    MP_DECREF(known);
    return NULL;
}

static const MpMethodDef kernel_builtins[] = {
    {"run_line_magic", run_line_magic, 0,
     "run_line_magic(name, line)\nRun the line magic %name with the rest of the line."},
    {"help", builtin_help, 0,
     "help(obj)\nShow the object's type, reference count, generation, size, signature and "
     "docstring in the pager."},
    {NULL, NULL, 0, NULL},
};

int kj_magics_init(MpObject *builtins)
{
    for (const MpMethodDef *d = kernel_builtins; d->name; d++) {
        MpObject *f = mp_native_new(d, NULL);
        int r = f ? mp_dict_set_cstr(builtins, d->name, f) : -1;
        MP_XDECREF(f);
        if (r < 0)
            return -1;
    }
    return 0;
}

/* ==== Rewriting ==== */

/* Append s[0..n) to the buffer as a Python string literal. */
static void add_literal(MpStrBuf *b, const char *s, size_t n)
{
    mp_strbuf_add_char(b, '\'');
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '\'' || ch == '\\')
            mp_strbuf_add_char(b, '\\');
        mp_strbuf_add_char(b, ch);
    }
    mp_strbuf_add_char(b, '\'');
}

/* `name?` or `name??` (a dotted name, trailing blanks allowed): the length
   of the name, else 0. */
static size_t help_line(const char *s, size_t len)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    size_t q = 0;
    while (q < 2 && q < len && s[len - 1 - q] == '?')
        q++;
    if (q == 0 || q == len)
        return 0;
    for (size_t i = 0; i < len - q; i++) {
        char ch = s[i];
        if (!(ch == '_' || ch == '.' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9')))
            return 0;
    }
    return len - q;
}

char *kj_magic_transform(const char *code)
{
    MpStrBuf b;
    mp_strbuf_init(&b);
    int depth = 0; /* open brackets: magic lines only at depth 0 */
    const char *line = code;
    while (*line) {
        size_t len = strcspn(line, "\n");
        size_t indent = strspn(line, " \t");
        size_t qlen = help_line(line + indent, len - indent);
        if (depth == 0 && qlen) {
            bool two = line[indent + qlen + 1] == '?';
            mp_strbuf_add(&b, line, indent);
            mp_strbuf_add_cstr(&b, two ? "run_line_magic('pinfo2', " : "run_line_magic('pinfo', ");
            add_literal(&b, line + indent, qlen);
            mp_strbuf_add_char(&b, ')');
        } else if (depth == 0 && indent < len && line[indent] == '%' && indent + 1 < len &&
                   line[indent + 1] != '%') {
            const char *name = line + indent + 1;
            size_t nlen = strcspn(name, " \t\n");
            const char *rest = name + nlen;
            size_t rlen = len - (size_t)(rest - line);
            while (rlen && (*rest == ' ' || *rest == '\t')) {
                rest++;
                rlen--;
            }
            mp_strbuf_add(&b, line, indent);
            mp_strbuf_add_cstr(&b, "run_line_magic(");
            add_literal(&b, name, nlen);
            mp_strbuf_add_cstr(&b, ", ");
            add_literal(&b, rest, rlen);
            mp_strbuf_add_char(&b, ')');
        } else {
            for (size_t i = 0; i < len; i++) {
                char ch = line[i];
                if (ch == '#')
                    break;
                depth += (ch == '(' || ch == '[' || ch == '{') - (ch == ')' || ch == ']' || ch == '}');
            }
            if (depth < 0)
                depth = 0;
            mp_strbuf_add(&b, line, len);
        }
        line += len;
        if (*line == '\n') {
            mp_strbuf_add_char(&b, '\n');
            line++;
        }
    }
    MpObject *s = mp_strbuf_finish(&b);
    if (!s) {
        mp_err_clear();
        return NULL;
    }
    char *out = strdup(MP_STR_DATA(s));
    MP_DECREF(s);
    return out;
}
