/*
 * kernel/jupyter/magics_ns.c - the magics over the user's names: %whos (with
 * refcounts, generations, shallow and retained sizes), %reset and %xdel with
 * IPython 8's semantics for the output history.
 */
#include "magics_internal.h"

#include "abstract.h"
#include "errors.h"
#include "output.h"
#include "runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== %whos ==== */

typedef enum SortKey { SORT_NAME, SORT_REFCOUNT, SORT_SIZE, SORT_RETAINED } SortKey;

typedef struct Row {
    const KjBinding *b;
    size_t size;
    char gen[12];
    char *info; /* malloc'd short repr */
} Row;

static SortKey sort_key;

static int compare_rows(const void *pa, const void *pb)
{
    const Row *a = pa, *b = pb;
    size_t x = 0, y = 0;
    switch (sort_key) {
    case SORT_NAME:
        break;
    case SORT_REFCOUNT:
        x = (size_t)a->b->refcnt;
        y = (size_t)b->b->refcnt;
        break;
    case SORT_SIZE:
        x = a->size;
        y = b->size;
        break;
    case SORT_RETAINED:
        x = a->b->retained;
        y = b->b->retained;
        break;
    }
    if (x != y)
        return x < y ? 1 : -1; /* largest first */
    return strcmp(MP_STR_DATA(a->b->name), MP_STR_DATA(b->b->name));
}

static const char *generation_text(const MpObject *o, char *buf, size_t size)
{
    int g = gc_generation_of(o);
    if (g == GC_GEN_UNTRACKED)
        return "untracked";
    if (g == GC_GEN_FROZEN)
        return "frozen";
    snprintf(buf, size, "%d", g);
    return buf;
}

/* IPython's Data/Info: n=len for dict, list and tuple, else the repr with its
   middle elided past 50 characters. malloc'd, NULL when out of memory. */
static char *short_info(MpObject *v)
{
    MpType *t = mp_type(v);
    if (t == &mp_list_type || t == &mp_dict_type || t == &mp_tuple_type) {
        char buf[32];
        snprintf(buf, sizeof buf, "n=%lld", (long long)mp_len(v));
        return strdup(buf);
    }
    MpObject *r = mp_repr(v);
    if (!r) {
        MpObject *exc = mp_err_fetch();
        char buf[96];
        snprintf(buf, sizeof buf, "<repr raised %s>", exc ? mp_type_name(exc) : "?");
        MP_XDECREF(exc);
        return strdup(buf);
    }
    const char *s = MP_STR_DATA(r);
    size_t n = (size_t)MP_STR_SIZE(r);
    char *out;
    if (n < 50) {
        out = strdup(s);
    } else {
        /* cut at UTF-8 character starts */
        size_t head = 25, tail = n - 20;
        while (head > 0 && (s[head] & 0xC0) == 0x80)
            head--;
        while (tail < n && (s[tail] & 0xC0) == 0x80)
            tail++;
        out = malloc(head + 5 + (n - tail) + 1);
        if (out)
            snprintf(out, head + 5 + (n - tail) + 1, "%.*s<...>%s", (int)head, s,
                     s + tail);
    }
    MP_DECREF(r);
    return out;
}

static const char *const columns[] = {"Variable", "Type",     "Refs",     "Gen",
                                      "Size",     "Retained", "Data/Info"};
#define NCOLS (sizeof columns / sizeof columns[0])

static void row_cells(const Row *r, char cells[NCOLS][64])
{
    snprintf(cells[0], 64, "%s", MP_STR_DATA(r->b->name));
    snprintf(cells[1], 64, "%s", mp_type_name(r->b->value));
    snprintf(cells[2], 64, "%lld", (long long)r->b->refcnt);
    snprintf(cells[3], 64, "%s", r->gen);
    snprintf(cells[4], 64, "%zu", r->size);
    snprintf(cells[5], 64, "%zu", r->b->retained);
}

static int show_table(Row *rows, size_t n)
{
    size_t width[NCOLS];
    for (size_t c = 0; c < NCOLS; c++)
        width[c] = strlen(columns[c]);
    char cells[NCOLS][64];
    for (size_t i = 0; i < n; i++) {
        row_cells(&rows[i], cells);
        for (size_t c = 0; c + 1 < NCOLS; c++)
            if (strlen(cells[c]) > width[c])
                width[c] = strlen(cells[c]);
    }
    MpStrBuf plain, html;
    mp_strbuf_init(&plain);
    mp_strbuf_init(&html);
    size_t total = 0;
    mp_strbuf_add_cstr(&html, "<table class=\"minipy-whos\">\n<thead><tr>");
    for (size_t c = 0; c < NCOLS; c++) {
        if (c + 1 < NCOLS)
            kj_buf_printf(&plain, "%-*s   ", (int)width[c], columns[c]);
        else
            kj_buf_printf(&plain, "%s\n", columns[c]);
        total += width[c] + (c + 1 < NCOLS ? 3 : 0);
        kj_buf_printf(&html, "<th>%s</th>", columns[c]);
    }
    mp_strbuf_add_cstr(&html, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < total; i++)
        mp_strbuf_add_char(&plain, '-');
    mp_strbuf_add_char(&plain, '\n');
    for (size_t i = 0; i < n; i++) {
        row_cells(&rows[i], cells);
        mp_strbuf_add_cstr(&html, "<tr>");
        for (size_t c = 0; c + 1 < NCOLS; c++) {
            /* numbers right-aligned */
            bool num = c >= 2 && c != 3;
            kj_buf_printf(&plain, num ? "%*s   " : "%-*s   ", (int)width[c], cells[c]);
            mp_strbuf_add_cstr(&html, num ? "<td style=\"text-align:right\">" : "<td>");
            kj_buf_html(&html, cells[c], strlen(cells[c]));
            mp_strbuf_add_cstr(&html, "</td>");
        }
        mp_strbuf_add_cstr(&plain, rows[i].info);
        mp_strbuf_add_char(&plain, '\n');
        mp_strbuf_add_cstr(&html, "<td><code>");
        kj_buf_html(&html, rows[i].info, strlen(rows[i].info));
        mp_strbuf_add_cstr(&html, "</code></td></tr>\n");
    }
    mp_strbuf_add_cstr(&html, "</tbody></table>");
    /* no trailing newline in the text/plain of a display */
    if (plain.size > 0)
        plain.size--;
    return kj_buf_display(&plain, "text/html", &html);
}

static int parse_sort(const char *args, SortKey *key)
{
    static const char *const names[] = {"name", "refcount", "size", "retained"};
    *key = SORT_NAME;
    while (*args == ' ' || *args == '\t')
        args++;
    if (*args == '\0')
        return 0;
    if (strncmp(args, "-s", 2) == 0) {
        const char *v = args + 2;
        v += strspn(v, " \t");
        size_t len = strcspn(v, " \t");
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (len == strlen(names[i]) && strncmp(v, names[i], len) == 0 &&
                v[len + strspn(v + len, " \t")] == '\0') {
                *key = (SortKey)i;
                return 0;
            }
    }
    mp_err_format(mp_ValueError,
                  "%%whos: unknown arguments '%s' (usage: %%whos [-s "
                  "retained|refcount|size|name])",
                  args);
    return -1;
}

MpObject *kj_magic_whos(const char *args)
{
    SortKey key;
    if (parse_sort(args, &key) < 0)
        return NULL;
    KjNamespace ns;
    if (kj_namespace_scan(mp_runtime_globals(), &ns) < 0)
        return NULL;
    Row *rows = calloc(ns.n + 1, sizeof *rows);
    size_t n = 0;
    int rc = rows ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < ns.n; i++) {
        KjBinding *b = &ns.items[i];
        if (b->history || !kj_is_user_name(b->name))
            continue;
        Row *r = &rows[n++];
        r->b = b;
        r->size = gc_shallow_size(b->value);
        char gen[12];
        snprintf(r->gen, sizeof r->gen, "%s",
                 generation_text(b->value, gen, sizeof gen));
        r->info = short_info(b->value);
        if (!r->info)
            rc = -1;
    }
    if (rc == 0 && n == 0) {
        static const char empty[] = "Interactive namespace is empty.\n";
        mp_output_write(1, empty, sizeof empty - 1);
    } else if (rc == 0) {
        sort_key = key;
        qsort(rows, n, sizeof *rows, compare_rows);
        rc = show_table(rows, n);
    } else {
        mp_err_nomemory();
    }
    for (size_t i = 0; rows && i < n; i++)
        free(rows[i].info);
    free(rows);
    kj_namespace_fini(&ns);
    if (rc < 0)
        return NULL;
    MP_RETURN_NONE;
}

/* ==== Deleting names ==== */

/* The keys of a dict (a new list) for which pick(key, value, arg). */
static MpObject *names_where(MpObject *dict,
                             bool (*pick)(MpObject *, MpObject *, void *), void *arg)
{
    MpObject *names = mp_list_new(0);
    int64_t pos = 0;
    MpObject *k, *v;
    while (names && mp_dict_next(dict, &pos, &k, &v))
        if (pick(k, v, arg) && mp_list_append(names, k) < 0)
            MP_CLEAR(names);
    return names;
}

static void print_text(const char *s)
{
    mp_output_write(1, s, strlen(s));
}

static int delete_names(MpObject *globals, MpObject *names)
{
    for (int64_t i = 0; i < MP_LIST_SIZE(names); i++)
        if (mp_dict_del(globals, MP_LIST_ITEMS(names)[i]) < 0)
            return -1;
    return 0;
}

static bool is_output_number(MpObject *name, MpObject *value, void *arg)
{
    (void)value;
    (void)arg;
    if (!mp_is_str(name))
        return false;
    const char *s = MP_STR_DATA(name);
    return s[0] == '_' && s[1] != '\0' && strspn(s + 1, "0123456789") == strlen(s + 1);
}

static bool is_input_number(MpObject *name, MpObject *value, void *arg)
{
    (void)value;
    (void)arg;
    if (!mp_is_str(name))
        return false;
    const char *s = MP_STR_DATA(name);
    return strncmp(s, "_i", 2) == 0 && s[2] != '\0' &&
           strspn(s + 2, "0123456789") == strlen(s + 2);
}

/* The user's names: everything but the history and the module's dunders. */
static bool is_reset_name(MpObject *name, MpObject *value, void *arg)
{
    (void)value;
    (void)arg;
    if (!mp_is_str(name))
        return false;
    const char *s = MP_STR_DATA(name);
    size_t n = strlen(s);
    bool dunder = n > 4 && strncmp(s, "__", 2) == 0 && strcmp(s + n - 2, "__") == 0;
    return !dunder && !kj_is_history_name(s);
}

static bool is_same_object(MpObject *name, MpObject *value, void *arg)
{
    (void)name;
    return value == arg;
}

static int set_empty(MpObject *globals, const char *const *names, size_t n)
{
    MpObject *empty = mp_str_from_cstr("");
    int rc = empty ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = mp_dict_set_cstr(globals, names[i], empty);
    MP_XDECREF(empty);
    return rc;
}

/* IPython's DisplayHook.flush: _N deleted, Out cleared, _/__/___ emptied. */
static int flush_output(MpObject *globals, bool announce)
{
    static const char *const rolling[] = {"_", "__", "___"};
    MpObject *out = mp_dict_get_cstr(globals, "Out");
    if (announce) {
        char msg[64];
        snprintf(msg, sizeof msg, "Flushing output cache (%lld entries)\n",
                 out && mp_type(out) == &mp_dict_type ? (long long)MP_DICT_LEN(out)
                                                      : 0LL);
        mp_output_write(1, msg, strlen(msg));
    }
    MpObject *names = names_where(globals, is_output_number, NULL);
    int rc = names ? delete_names(globals, names) : -1;
    MP_XDECREF(names);
    if (rc == 0 && out && mp_type(out) == &mp_dict_type) {
        MpObject *r = mp_call_method(out, "clear", NULL, 0);
        rc = r ? 0 : -1;
        MP_XDECREF(r);
    }
    return rc == 0 ? set_empty(globals, rolling, 3) : -1;
}

/* IPython's reset 'in': _iN deleted, _i/_ii/_iii emptied, In kept at its
   length with empty strings. */
static int flush_input(MpObject *globals)
{
    static const char *const rolling[] = {"_i", "_ii", "_iii"};
    static const char msg[] = "Flushing input history\n";
    mp_output_write(1, msg, sizeof msg - 1);
    MpObject *names = names_where(globals, is_input_number, NULL);
    int rc = names ? delete_names(globals, names) : -1;
    MP_XDECREF(names);
    MpObject *in = mp_dict_get_cstr(globals, "In");
    MpObject *empty = mp_str_from_cstr("");
    if (!empty)
        rc = -1;
    for (int64_t i = 0;
         rc == 0 && in && mp_type(in) == &mp_list_type && i < MP_LIST_SIZE(in); i++)
        MP_SETREF(MP_LIST_ITEMS(in)[i], (MP_INCREF(empty), empty));
    MP_XDECREF(empty);
    return rc == 0 ? set_empty(globals, rolling, 3) : -1;
}

static bool confirmed(void)
{
    static const char prompt[] =
        "Once deleted, variables cannot be recovered. Proceed (y/[n])? ";
    MpObject *ans = mp_input_read(prompt, sizeof prompt - 1);
    if (!ans) {
        /* As IPython: without a stdin channel there is no one to ask. */
        if (mp_err_matches(mp_KeyboardInterrupt))
            return false;
        mp_err_clear();
        return true;
    }
    const char *s = MP_STR_DATA(ans);
    bool yes = strcmp(s, "y") == 0 || strcmp(s, "Y") == 0 || strcmp(s, "yes") == 0;
    MP_DECREF(ans);
    return yes;
}

MpObject *kj_magic_reset(const char *args)
{
    bool force = false, in = false, out = false, all_names = true;
    char word[32];
    const char *p = args;
    while (*(p += strspn(p, " \t"))) {
        size_t len = strcspn(p, " \t");
        snprintf(word, sizeof word, "%.*s", (int)len, p);
        if (strcmp(word, "-f") == 0)
            force = true;
        else if (strcmp(word, "in") == 0)
            in = true, all_names = false;
        else if (strcmp(word, "out") == 0)
            out = true, all_names = false;
        else if (strcmp(word, "all") == 0)
            in = out = true, all_names = false;
        else
            return mp_err_format(mp_ValueError,
                                 "%%reset: unknown argument '%s' (usage: %%reset [-f] "
                                 "[in|out|all])",
                                 word);
        p += len;
    }
    if (!force && !confirmed()) {
        if (mp_err_occurred())
            return NULL;
        static const char msg[] = "Nothing done.\n";
        mp_output_write(1, msg, sizeof msg - 1);
        MP_RETURN_NONE;
    }
    MpObject *globals = mp_runtime_globals();
    int rc = 0;
    if (all_names) {
        /* IPython's hard reset: the output cache goes quietly, then every user
           name and the _iN inputs (In itself stays, as IPython keeps it). */
        static const char *const rolling[] = {"_i", "_ii", "_iii"};
        MpObject *names = names_where(globals, is_reset_name, NULL);
        MpObject *inputs = names_where(globals, is_input_number, NULL);
        rc = flush_output(globals, false) == 0 && names && inputs &&
                     delete_names(globals, names) == 0 && delete_names(globals, inputs) == 0
                 ? set_empty(globals, rolling, 3)
                 : -1;
        MP_XDECREF(names);
        MP_XDECREF(inputs);
    }
    if (rc == 0 && in)
        rc = flush_input(globals);
    if (rc == 0 && out)
        rc = flush_output(globals, true);
    if (rc < 0)
        return NULL;
    gc_collect_gen(2);
    MP_RETURN_NONE;
}

/* ==== %xdel ==== */

/* IPython's del_var: the name, every other name bound to the same object and
   every Out entry holding it; -n deletes by name only. */
MpObject *kj_magic_xdel(const char *args)
{
    const char *p = args + strspn(args, " \t");
    bool by_name = false;
    if (strncmp(p, "-n", 2) == 0 && (p[2] == ' ' || p[2] == '\t')) {
        by_name = true;
        p += 2 + strspn(p + 2, " \t");
    }
    size_t len = strcspn(p, " \t");
    MpObject *name = mp_str_new(p, len);
    if (!name)
        return NULL;
    MpObject *globals = mp_runtime_globals();
    MpObject *obj = mp_dict_get(globals, name);
    int rc = 0;
    if (strcmp(MP_STR_DATA(name), "__builtins__") == 0) {
        print_text("ValueError: Refusing to delete __builtins__\n");
    } else if (!obj && mp_err_occurred()) {
        rc = -1;
    } else if (!obj) {
        /* IPython's %xdel prints the error instead of raising it */
        char msg[300];
        snprintf(msg, sizeof msg, "NameError: name '%s' is not defined\n",
                 MP_STR_DATA(name));
        print_text(msg);
    } else if (by_name) {
        rc = mp_dict_del(globals, name) < 0 ? -1 : 0;
    } else {
        MP_INCREF(obj);
        MpObject *names = names_where(globals, is_same_object, obj);
        rc = names ? delete_names(globals, names) : -1;
        MP_XDECREF(names);
        MpObject *out = mp_dict_get_cstr(globals, "Out");
        if (rc == 0 && out && mp_type(out) == &mp_dict_type) {
            MpObject *keys = names_where(out, is_same_object, obj);
            rc = keys ? delete_names(out, keys) : -1;
            MP_XDECREF(keys);
        }
        MP_DECREF(obj);
    }
    MP_DECREF(name);
    if (rc < 0)
        return NULL;
    MP_RETURN_NONE;
}
