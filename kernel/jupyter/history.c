/*
 * kernel/jupyter/history.c - input and output history, kept as IPython keeps it:
 * In (list) and Out (dict) in the globals, _i/_ii/_iii and _iN for inputs,
 * _/__/___ and _N for results. Those are real references (the classic notebook
 * leak), and the same record answers history_request.
 */
#include "kernel.h"

#include "abstract.h"
#include "errors.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SESSION 1 /* one history session per kernel process */

typedef struct Entry {
    long line;
    char *input;
    char *output; /* repr of Out[line], or NULL */
} Entry;

static struct {
    Entry *entries;
    size_t n, cap;
} hist;

static int set_global(MpObject *globals, const char *name, MpObject *v)
{
    return mp_dict_set_cstr(globals, name, v);
}

/* _iN and _N: keys made at run time and not interned, as IPython's
   user_ns.update({'_i%s' % n: ...}), so %reset frees them with the names. */
static int set_numbered(MpObject *globals, const char *name, MpObject *v)
{
    MpObject *key = mp_str_from_cstr(name);
    int r = key ? mp_dict_set(globals, key, v) : -1;
    MP_XDECREF(key);
    return r;
}

int kj_history_init(MpObject *globals)
{
    MpObject *in = mp_list_new(0), *out = mp_dict_new(), *empty = mp_str_from_cstr("");
    int r = -1;
    if (in && out && empty && mp_list_append(in, empty) == 0 &&
        set_global(globals, "In", in) == 0 && set_global(globals, "_ih", in) == 0 &&
        set_global(globals, "Out", out) == 0 && set_global(globals, "_oh", out) == 0 &&
        set_global(globals, "_", empty) == 0 && set_global(globals, "__", empty) == 0 &&
        set_global(globals, "___", empty) == 0 && set_global(globals, "_i", empty) == 0 &&
        set_global(globals, "_ii", empty) == 0 && set_global(globals, "_iii", empty) == 0)
        r = 0;
    MP_XDECREF(in);
    MP_XDECREF(out);
    MP_XDECREF(empty);
    return r;
}

/* Rotate name3 <- name2 <- name1 <- value in globals. */
static int shift3(MpObject *globals, const char *n1, const char *n2, const char *n3,
                  MpObject *value)
{
    MpObject *v1 = mp_dict_get_cstr(globals, n1);
    MpObject *v2 = mp_dict_get_cstr(globals, n2);
    MP_XINCREF(v1);
    MP_XINCREF(v2);
    int r = (v2 ? set_global(globals, n3, v2) : 0) | (v1 ? set_global(globals, n2, v1) : 0) |
            set_global(globals, n1, value);
    MP_XDECREF(v1);
    MP_XDECREF(v2);
    return r < 0 ? -1 : 0;
}

int kj_history_input(MpObject *globals, long count, const char *code)
{
    if (hist.n == hist.cap) {
        size_t ncap = hist.cap ? hist.cap * 2 : 64;
        Entry *e = realloc(hist.entries, ncap * sizeof *e);
        if (!e) {
            mp_err_nomemory();
            return -1;
        }
        hist.entries = e;
        hist.cap = ncap;
    }
    char *copy = strdup(code);
    if (!copy) {
        mp_err_nomemory();
        return -1;
    }
    hist.entries[hist.n++] = (Entry){count, copy, NULL};
    MpObject *src = mp_str_from_cstr(code);
    if (!src)
        return -1;
    /* As IPython: while cell N runs, _i is cell N-1's input, _iN is its own. */
    MpObject *in = mp_dict_get_cstr(globals, "In");
    char name[32];
    snprintf(name, sizeof name, "_i%ld", count);
    int r = 0;
    if (in && in->type == &mp_list_type.gc)
        r |= mp_list_append(in, src);
    if (hist.n >= 2) {
        MpObject *prev = mp_str_from_cstr(hist.entries[hist.n - 2].input);
        r |= prev ? shift3(globals, "_i", "_ii", "_iii", prev) : -1;
        MP_XDECREF(prev);
    }
    r |= set_numbered(globals, name, src);
    MP_DECREF(src);
    return r < 0 ? -1 : 0;
}

int kj_history_output(MpObject *globals, long count, MpObject *value)
{
    MpObject *out = mp_dict_get_cstr(globals, "Out");
    if (value == out)
        return 0; /* IPython does not cache Out itself */
    MpObject *key = mp_int_new(count);
    if (!key)
        return -1;
    int r = 0;
    if (out && out->type == &mp_dict_type.gc)
        r |= mp_dict_set(out, key, value);
    MP_DECREF(key);
    char name[32];
    snprintf(name, sizeof name, "_%ld", count);
    r |= set_numbered(globals, name, value);
    r |= shift3(globals, "_", "__", "___", value);
    MpObject *text = mp_repr(value);
    if (text && hist.n > 0 && hist.entries[hist.n - 1].line == count) {
        free(hist.entries[hist.n - 1].output);
        hist.entries[hist.n - 1].output = strdup(MP_STR_DATA(text));
    }
    if (!text)
        mp_err_clear();
    MP_XDECREF(text);
    return r < 0 ? -1 : 0;
}

const char *kj_history_source(long n)
{
    for (size_t i = hist.n; i > 0; i--)
        if (hist.entries[i - 1].line == n)
            return hist.entries[i - 1].input;
    return NULL;
}

void kj_history_reset(void)
{
    for (size_t i = 0; i < hist.n; i++) {
        free(hist.entries[i].input);
        free(hist.entries[i].output);
    }
    hist.n = 0;
}

void kj_history_fini(void)
{
    kj_history_reset();
    free(hist.entries);
    hist.entries = NULL;
    hist.cap = 0;
}

/* ==== history_request ==== */

static json_t *entry_json(const Entry *e, bool output)
{
    if (!output)
        return json_pack("[i, i, s]", SESSION, e->line, e->input);
    return json_pack("[i, i, [s, s?]]", SESSION, e->line, e->input, e->output);
}

static long int_field(json_t *request, const char *key, long fallback)
{
    json_t *v = json_object_get(request, key);
    return json_is_integer(v) ? (long)json_integer_value(v) : fallback;
}

json_t *kj_history_reply(json_t *request)
{
    const char *access = json_string_value(json_object_get(request, "hist_access_type"));
    bool output = json_is_true(json_object_get(request, "output"));
    json_t *list = json_array();
    if (!access)
        access = "tail";
    if (strcmp(access, "tail") == 0) {
        long n = int_field(request, "n", 10);
        size_t first = n >= 0 && (size_t)n < hist.n ? hist.n - (size_t)n : 0;
        for (size_t i = first; i < hist.n; i++)
            json_array_append_new(list, entry_json(&hist.entries[i], output));
    } else if (strcmp(access, "range") == 0) {
        long session = int_field(request, "session", SESSION);
        long start = int_field(request, "start", 0), stop = int_field(request, "stop", 0);
        for (size_t i = 0; i < hist.n && (session == SESSION || session == 0); i++) {
            long line = hist.entries[i].line;
            if (line >= start && (stop <= 0 || line < stop))
                json_array_append_new(list, entry_json(&hist.entries[i], output));
        }
    } else if (strcmp(access, "search") == 0) {
        const char *pattern = json_string_value(json_object_get(request, "pattern"));
        long n = int_field(request, "n", -1);
        bool unique = json_is_true(json_object_get(request, "unique"));
        /* Newest first while collecting, so n and unique keep the latest. */
        size_t *picked = malloc((hist.n + 1) * sizeof *picked);
        size_t np = 0;
        for (size_t i = hist.n; picked && i > 0 && (n < 0 || (long)np < n); i--) {
            const Entry *e = &hist.entries[i - 1];
            if (pattern && fnmatch(pattern, e->input, 0) != 0)
                continue;
            bool dup = false;
            for (size_t j = 0; unique && j < np && !dup; j++)
                dup = strcmp(hist.entries[picked[j]].input, e->input) == 0;
            if (!dup)
                picked[np++] = i - 1;
        }
        while (np > 0)
            json_array_append_new(list, entry_json(&hist.entries[picked[--np]], output));
        free(picked);
    }
    return json_pack("{s:s, s:o}", "status", "ok", "history", list);
}
