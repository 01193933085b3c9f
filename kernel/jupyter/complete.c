/*
 * kernel/jupyter/complete.c - Tab completion: names in scope, builtins and
 * keywords, attributes after '.', and magics after '%'.
 *
 * Offsets are UTF-8 bytes here; the protocol layer converts them to code points.
 */
#include "kernel.h"

#include "abstract.h"
#include "errors.h"
#include "magics.h"
#include "module.h"
#include "vm.h"

#include <stdlib.h>
#include <string.h>

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", NULL,
};

typedef struct Matches {
    char **items;
    size_t n, cap;
    const char *prefix;
    size_t prefix_len;
} Matches;

static void add(Matches *m, const char *name, size_t len)
{
    if (len < m->prefix_len || strncmp(name, m->prefix, m->prefix_len) != 0)
        return;
    /* Private names only when asked for. */
    if (name[0] == '_' && (m->prefix_len == 0 || m->prefix[0] != '_'))
        return;
    for (size_t i = 0; i < m->n; i++)
        if (strlen(m->items[i]) == len && strncmp(m->items[i], name, len) == 0)
            return;
    if (m->n == m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        char **p = realloc(m->items, ncap * sizeof *p);
        if (!p)
            return;
        m->items = p;
        m->cap = ncap;
    }
    char *copy = strndup(name, len);
    if (copy)
        m->items[m->n++] = copy;
}

static void add_table(Matches *m, const MpTable *t)
{
    int64_t pos = 0;
    MpObject *k, *v;
    while (mp_table_next(t, &pos, &k, &v))
        if (mp_is_str(k))
            add(m, MP_STR_DATA(k), (size_t)MP_STR_SIZE(k));
}

static void add_attributes(Matches *m, MpObject *o)
{
    if (o->type == &mp_module_type.gc) {
        add_table(m, &((MpDict *)MP_MODULE_DICT(o))->table);
        return;
    }
    MpAttrs *attrs = mp_object_attrs(o);
    int64_t pos = 0;
    MpObject *k, *v;
    while (attrs && mp_attrs_next(attrs, &pos, &k, &v))
        if (mp_is_str(k))
            add(m, MP_STR_DATA(k), (size_t)MP_STR_SIZE(k));
    const MpType *t = o->type == &mp_type_type.gc ? (MpType *)o : mp_type(o);
    for (; t; t = t->base)
        if (t->dict)
            add_table(m, &((MpDict *)t->dict)->table);
}

static int compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

#define IS_NAME(ch) ((ch) == '_' || ((ch) >= 'a' && (ch) <= 'z') || ((ch) >= 'A' && (ch) <= 'Z') || \
                     ((ch) >= '0' && (ch) <= '9') || ((unsigned char)(ch) >= 0x80))

json_t *kj_complete(MpObject *globals, const char *code, size_t cursor)
{
    size_t len = strlen(code);
    if (cursor > len)
        cursor = len;
    size_t start = cursor;
    while (start > 0 && IS_NAME(code[start - 1]))
        start--;
    Matches m = {.prefix = code + start, .prefix_len = cursor - start};
    if (start > 0 && code[start - 1] == '.') {
        /* obj.attr|: the dotted path before the last dot. */
        size_t base = start - 1;
        while (base > 0 && (IS_NAME(code[base - 1]) || code[base - 1] == '.'))
            base--;
        MpObject *o = base < start - 1 ? kj_resolve(globals, code + base, start - 1 - base)
                                       : NULL;
        if (o)
            add_attributes(&m, o);
    } else if (start > 0 && code[start - 1] == '%' &&
               (start == 1 || code[start - 2] == '\n' || code[start - 2] == ' ')) {
        /* %mag|: magics, with the '%' in the match. */
        start--;
        m.prefix = code + start;
        m.prefix_len = cursor - start;
        for (const char *const *name = kj_magic_names(); *name; name++) {
            char buf[64];
            snprintf(buf, sizeof buf, "%%%s", *name);
            add(&m, buf, strlen(buf));
        }
    } else {
        add_table(&m, &((MpDict *)globals)->table);
        add_table(&m, &((MpDict *)vm_builtins())->table);
        for (const char *const *k = keywords; *k; k++)
            add(&m, *k, strlen(*k));
    }
    if (m.n) /* items is NULL when nothing matched */
        qsort(m.items, m.n, sizeof *m.items, compare);
    json_t *matches = json_array();
    for (size_t i = 0; i < m.n; i++) {
        json_array_append_new(matches, json_string(m.items[i]));
        free(m.items[i]);
    }
    free(m.items);
    return json_pack("{s:s, s:o, s:I, s:I, s:{}}", "status", "ok", "matches", matches,
                     "cursor_start", (json_int_t)start, "cursor_end", (json_int_t)cursor,
                     "metadata");
}
