/*
 * kernel/jupyter/inspect.c - what the notebook shows for Shift-Tab, `name?` and
 * help(name): type, repr, reference count, GC generation and size, and a
 * function's signature and docstring.
 *
 * Names are resolved through dicts only (globals, builtins, module and class
 * dicts, instance attributes), so inspecting never runs user code.
 */
#include "kernel.h"

#include "abstract.h"
#include "code.h"
#include "errors.h"
#include "func.h"
#include "module.h"
#include "vm.h"

#include <string.h>

/* The attribute name of o found without calling anything (borrowed), or NULL. */
static MpObject *static_attr(MpObject *o, MpObject *name)
{
    if (o->type == &mp_module_type.gc)
        return mp_dict_get(MP_MODULE_DICT(o), name);
    MpAttrs *attrs = mp_object_attrs(o);
    MpObject *v = attrs ? mp_attrs_get(attrs, name) : NULL;
    if (v)
        return v;
    if (o->type == &mp_type_type.gc)
        return mp_type_lookup((MpType *)o, name);
    return mp_type_lookup(mp_type(o), name);
}

MpObject *kj_resolve(MpObject *globals, const char *path, size_t len)
{
    MpObject *cur = NULL;
    size_t start = 0;
    while (start <= len) {
        size_t end = start;
        while (end < len && path[end] != '.')
            end++;
        MpObject *name = mp_str_new(path + start, end - start);
        if (!name)
            return NULL;
        mp_str_intern_inplace(&name);
        if (!cur) {
            cur = mp_dict_get(globals, name);
            if (!cur)
                cur = mp_dict_get(vm_builtins(), name);
        } else {
            cur = static_attr(cur, name);
        }
        MP_DECREF(name);
        if (!cur)
            return NULL;
        start = end + 1;
    }
    return cur;
}

static void add_param(MpStrBuf *b, bool *first, const char *prefix, MpObject *name,
                      MpObject *def)
{
    if (!*first)
        mp_strbuf_add_cstr(b, ", ");
    *first = false;
    mp_strbuf_add_cstr(b, prefix);
    if (name)
        mp_strbuf_add_str(b, name);
    if (def) {
        mp_strbuf_add_char(b, '=');
        if (mp_strbuf_add_repr(b, def) < 0)
            mp_err_clear();
    }
}

/* f(a, b=2, *args, c, d=4, **kw), from the code object and the defaults. */
static void add_signature(MpStrBuf *b, MpObject *o)
{
    if (o->type == &mp_method_type.gc)
        o = ((MpMethod *)o)->func;
    if (o->type == &mp_native_type.gc && ((MpNative *)o)->def->doc) {
        const char *doc = ((MpNative *)o)->def->doc;
        mp_strbuf_add(b, doc, strcspn(doc, "\n"));
        mp_strbuf_add_char(b, '\n');
        return;
    }
    if (o->type != &mp_function_type.gc)
        return;
    MpFunction *f = (MpFunction *)o;
    MpCode *co = f->code;
    MpObject **names = MP_TUPLE_ITEMS(co->varnames);
    int ndef = f->defaults ? (int)MP_TUPLE_SIZE(f->defaults) : 0;
    int slot = co->argcount + co->kwonlyargcount;
    bool first = true;
    mp_strbuf_add_str(b, f->name);
    mp_strbuf_add_char(b, '(');
    for (int i = 0; i < co->argcount; i++) {
        int d = i - (co->argcount - ndef);
        add_param(b, &first, "", names[i], d >= 0 ? MP_TUPLE_ITEMS(f->defaults)[d] : NULL);
    }
    if (co->flags & MP_CO_VARARGS)
        add_param(b, &first, "*", names[slot++], NULL);
    else if (co->kwonlyargcount)
        add_param(b, &first, "*", NULL, NULL);
    for (int i = co->argcount; i < co->argcount + co->kwonlyargcount; i++)
        add_param(b, &first, "", names[i],
                  f->kwdefaults ? mp_dict_get(f->kwdefaults, names[i]) : NULL);
    if (co->flags & MP_CO_VARKW)
        add_param(b, &first, "**", names[slot], NULL);
    mp_strbuf_add_cstr(b, ")\n");
}

static MpObject *docstring(MpObject *o)
{
    if (o->type == &mp_method_type.gc)
        o = ((MpMethod *)o)->func;
    if (o->type == &mp_function_type.gc)
        return ((MpFunction *)o)->doc;
    if (o->type == &mp_type_type.gc)
        return mp_dict_get_cstr(((MpType *)o)->dict, "__doc__");
    return NULL;
}

static void field(MpStrBuf *b, const char *label, const char *value)
{
    mp_strbuf_add_cstr(b, label);
    mp_strbuf_add_cstr(b, value);
    mp_strbuf_add_char(b, '\n');
}

static const char *generation_name(const MpObject *o)
{
    switch (gc_generation_of(o)) {
    case 0: return "0";
    case 1: return "1";
    case 2: return "2";
    case GC_GEN_FROZEN: return "frozen";
    default: return "untracked";
    }
}

MpObject *kj_inspect_text(MpObject *globals, const char *name, int detail)
{
    MpObject *o = kj_resolve(globals, name, strlen(name));
    if (!o)
        return mp_err_format(mp_NameError, "name '%s' is not defined", name);
    return kj_inspect_object(o, detail, 0);
}

MpObject *kj_inspect_object(MpObject *o, int detail, int own_refs)
{
    MP_INCREF(o);
    own_refs++;
    MpStrBuf b;
    mp_strbuf_init(&b);
    char num[64];
    field(&b, "Type:        ", mp_type_name(o));
    /* Our own temporary references are not the user's. */
    snprintf(num, sizeof num, "%ld", (long)o->refcnt - own_refs);
    field(&b, "Refcount:    ", num);
    field(&b, "Generation:  ", generation_name(o));
    snprintf(num, sizeof num, "%zu bytes", gc_shallow_size(o));
    field(&b, "Size:        ", num);
    MpObject *r = mp_repr(o);
    if (r) {
        const char *s = MP_STR_DATA(r);
        size_t n = (size_t)MP_STR_SIZE(r);
        size_t limit = detail ? 4000 : 400;
        mp_strbuf_add_cstr(&b, "Repr:        ");
        mp_strbuf_add(&b, s, n < limit ? n : limit);
        mp_strbuf_add_cstr(&b, n < limit ? "\n" : "...\n");
        MP_DECREF(r);
    } else {
        mp_err_clear();
    }
    if (mp_is_callable(o)) {
        mp_strbuf_add_cstr(&b, "Signature:   ");
        add_signature(&b, o);
    }
    MpObject *doc = docstring(o);
    if (doc && mp_is_str(doc)) {
        mp_strbuf_add_cstr(&b, "Docstring:\n");
        mp_strbuf_add_str(&b, doc);
        mp_strbuf_add_char(&b, '\n');
    } else if (o->type == &mp_native_type.gc && ((MpNative *)o)->def->doc) {
        const char *d = ((MpNative *)o)->def->doc;
        const char *rest = strchr(d, '\n');
        if (rest)
            field(&b, "Docstring:\n", rest + 1);
    }
    MP_DECREF(o);
    return mp_strbuf_finish(&b);
}

/* The dotted name that the cursor is on or just after. */
static void name_at(const char *code, size_t cursor, size_t *start, size_t *end)
{
#define NAMECHAR(ch) ((ch) == '_' || (ch) == '.' || ((ch) >= 'a' && (ch) <= 'z') || \
                      ((ch) >= 'A' && (ch) <= 'Z') || ((ch) >= '0' && (ch) <= '9') || \
                      ((unsigned char)(ch) >= 0x80))
    size_t len = strlen(code);
    if (cursor > len)
        cursor = len;
    size_t s = cursor, e = cursor;
    while (s > 0 && NAMECHAR(code[s - 1]))
        s--;
    while (e < len && NAMECHAR(code[e]) && code[e] != '.')
        e++;
    /* foo(| : inspect the callee. */
    if (s == e && s > 0 && code[s - 1] == '(') {
        e = s - 1;
        s = e;
        while (s > 0 && NAMECHAR(code[s - 1]))
            s--;
    }
    while (s < e && code[s] == '.')
        s++;
    *start = s;
    *end = e;
#undef NAMECHAR
}

json_t *kj_inspect(MpObject *globals, const char *code, size_t cursor, int detail)
{
    size_t s, e;
    name_at(code, cursor, &s, &e);
    json_t *reply = json_pack("{s:s, s:b, s:{}, s:{}}", "status", "ok", "found", 0, "data",
                              "metadata");
    if (s == e || e - s > 256)
        return reply;
    char name[257];
    memcpy(name, code + s, e - s);
    name[e - s] = '\0';
    MpObject *text = kj_inspect_text(globals, name, detail);
    if (!text) {
        mp_err_clear();
        return reply;
    }
    json_t *data = json_object_get(reply, "data");
    json_object_set_new(data, "text/plain",
                        json_stringn(MP_STR_DATA(text), (size_t)MP_STR_SIZE(text)));
    MpStrBuf md;
    mp_strbuf_init(&md);
    mp_strbuf_add_cstr(&md, "```\n");
    mp_strbuf_add_str(&md, text);
    mp_strbuf_add_cstr(&md, "```\n");
    MpObject *mds = mp_strbuf_finish(&md);
    if (mds) {
        json_object_set_new(data, "text/markdown",
                            json_stringn(MP_STR_DATA(mds), (size_t)MP_STR_SIZE(mds)));
        MP_DECREF(mds);
    }
    MP_DECREF(text);
    json_object_set_new(reply, "found", json_true());
    return reply;
}
