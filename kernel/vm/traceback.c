/*
 * kernel/vm/traceback.c - records the frames an exception passes through and
 * formats them as CPython 3.11 prints an uncaught exception.
 *
 * A traceback is a list of (code, line, serial, locals, instruction) tuples,
 * innermost first. As in CPython, where a traceback keeps its frames alive,
 * the locals of a frame an exception escaped from live as long as the
 * exception. Under each source line, the printer marks the failing
 * instruction's span with carets as CPython 3.11's C printer does
 * (Python/traceback.c, tb_displayline).
 */
#include "traceback.h"

#include "abstract.h"
#include "code.h"
#include "errors.h"
#include "output.h"
#include "parser.h"
#include "scanner.h"
#include "suggest.h"

#include <stdio.h>
#include <string.h>

static bool file_source_line(const char *filename, int line, char *buf, size_t size)
{
    FILE *f = fopen(filename, "r");
    if (!f)
        return false;
    int n = 1;
    bool found = false;
    while (fgets(buf, (int)size, f)) {
        size_t len = strlen(buf);
        bool whole = len > 0 && buf[len - 1] == '\n';
        if (n == line) {
            if (whole)
                buf[len - 1] = '\0';
            found = true;
            break;
        }
        if (whole)
            n++;
    }
    fclose(f);
    return found;
}

static MpSourceLookup source_lookup = file_source_line;

void mp_traceback_set_source_lookup(MpSourceLookup lookup)
{
    source_lookup = lookup ? lookup : file_source_line;
}

/* CPython's printer: entries shown (sys.tracebacklimit's default), and the
   repeats of one entry shown before "[Previous line repeated ...]". */
enum { TB_LIMIT = 1000, TB_RECURSIVE_CUTOFF = 3 };

/* Fields of a traceback entry. */
enum { ENTRY_CODE, ENTRY_LINE, ENTRY_SERIAL, ENTRY_LOCALS, ENTRY_INSTR };

static MpCode *entry_code(MpObject *entry)
{
    return (MpCode *)MP_TUPLE_ITEMS(entry)[ENTRY_CODE];
}

static uint64_t entry_serial(MpObject *entry)
{
    return (uint64_t)MP_INT_VALUE(MP_TUPLE_ITEMS(entry)[ENTRY_SERIAL]);
}

void mp_traceback_add(MpObject *exc, MpCode *code, int line, uint32_t instr,
                      uint64_t serial)
{
    MpException *e = (MpException *)exc;
    if (!e->traceback && !(e->traceback = mp_list_new(0)))
        goto oom;
    int64_t n = MP_LIST_SIZE(e->traceback);
    if (n > 0) {
        MpObject *last = MP_LIST_ITEMS(e->traceback)[n - 1];
        if (entry_serial(last) == serial)
            return;
    }
    MpObject *lineno = mp_int_new(line), *ser = mp_int_new((int64_t)serial);
    MpObject *at = mp_int_new(instr);
    MpObject *entry = lineno && ser && at
                          ? mp_tuple_pack(5, &code->ob, lineno, ser, mp_none, at)
                          : NULL;
    MP_XDECREF(lineno);
    MP_XDECREF(ser);
    MP_XDECREF(at);
    if (!entry)
        goto oom;
    /* The pending exception must survive this bookkeeping. */
    mp_list_append(e->traceback, entry);
    MP_DECREF(entry);
    return;
oom:
    if (mp_err_peek() != exc) {
        mp_err_set_object(exc);
    }
}

void mp_traceback_keep_locals(MpObject *exc, uint64_t serial, MpObject *locals)
{
    MpObject *tb = ((MpException *)exc)->traceback;
    for (int64_t i = tb ? MP_LIST_SIZE(tb) - 1 : -1; i >= 0; i--) {
        MpObject *entry = MP_LIST_ITEMS(tb)[i];
        if (entry_serial(entry) == serial) {
            MP_INCREF(locals);
            MP_SETREF(MP_TUPLE_ITEMS(entry)[ENTRY_LOCALS], locals);
            return;
        }
    }
}

/* ==== Traceback objects (exc.__traceback__, __exit__'s third argument) ==== */

/* One frame of a traceback: CPython's tb_lineno and tb_next. */
typedef struct MpTraceback {
    MpObject ob;
    MpObject *next;  /* the next inner frame's traceback, or NULL */
    MpObject *entry; /* (code, line, serial, locals) */
} MpTraceback;

static MpType mp_traceback_type;

static int tb_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpTraceback *t = (MpTraceback *)self;
    int r;
    if (t->next && (r = visit(t->next, arg)))
        return r;
    return t->entry ? visit(t->entry, arg) : 0;
}

static void tb_clear(GcHead *self)
{
    MpTraceback *t = (MpTraceback *)self;
    MP_CLEAR(t->next);
    MP_CLEAR(t->entry);
}

static void tb_dealloc(GcHead *self)
{
    tb_clear(self);
    gc_free(self);
}

static size_t tb_size(const GcHead *self)
{
    (void)self;
    return 48;
}

static MpObject *tb_get_lineno(MpObject *self)
{
    MpObject *line = MP_TUPLE_ITEMS(((MpTraceback *)self)->entry)[ENTRY_LINE];
    MP_INCREF(line);
    return line;
}

static MpObject *tb_get_next(MpObject *self)
{
    MpObject *n = ((MpTraceback *)self)->next;
    n = n ? n : mp_none;
    MP_INCREF(n);
    return n;
}

static MpObject *tb_repr(MpObject *self)
{
    return mp_str_format_c("<traceback object at %p>", (void *)self);
}

static const MpGetSetDef tb_getsets[] = {
    {"tb_lineno", tb_get_lineno, NULL},
    {"tb_next", tb_get_next, NULL},
    {NULL, NULL, NULL},
};

static MpType mp_traceback_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "traceback",
           .traverse = tb_traverse,
           .clear = tb_clear,
           .dealloc = tb_dealloc,
           .size = tb_size},
    .basicsize = sizeof(MpTraceback),
    .repr = tb_repr,
    .getsets = tb_getsets,
};

MpObject *mp_traceback_object(MpObject *exc)
{
    MpObject *entries = ((MpException *)exc)->traceback;
    if (!entries || MP_LIST_SIZE(entries) == 0)
        MP_RETURN_NONE;
    if (!mp_traceback_type.dict && mp_type_ready(&mp_traceback_type) < 0)
        return NULL;
    /* Entries are innermost first; the chain runs from the outermost frame. */
    MpObject *next = NULL;
    for (int64_t i = 0; i < MP_LIST_SIZE(entries); i++) {
        MpTraceback *t = (MpTraceback *)gc_alloc(&mp_traceback_type.gc, sizeof(MpTraceback));
        if (!t) {
            MP_XDECREF(next);
            return mp_err_nomemory();
        }
        t->next = next;
        t->entry = MP_LIST_ITEMS(entries)[i];
        MP_INCREF(t->entry);
        gc_track(&t->ob);
        next = &t->ob;
    }
    return next;
}

/* ==== Formatting ==== */

static int add_line(MpObject *lines, MpStrBuf *b)
{
    MpObject *s = mp_strbuf_finish(b);
    if (!s)
        return -1;
    int r = mp_list_append(lines, s);
    MP_DECREF(s);
    mp_strbuf_init(b);
    return r;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\f';
}

static const char *skip_spaces(const char *s)
{
    while (is_space(*s))
        s++;
    return s;
}

/* ==== Carets ==== */

/* The first n code points of s (fewer at its end). */
static const char *skip_chars(const char *s, int n)
{
    for (; n > 0 && *s; n--)
        do
            s++;
        while (((unsigned char)*s & 0xc0) == 0x80);
    return s;
}

static int count_chars(const char *s, const char *end)
{
    return scanner_count_chars(s, (size_t)(end - s));
}

/* Where CPython 3.11 puts '^' inside a span of '~': the operator of a binary
   operation, the brackets of a subscript (code point columns in seg). */
typedef struct Anchors {
    int left, right;
} Anchors;

/* The operator: the first character after the left operand that is neither
   a space nor a closing parenthesis, and the next one unless it is a space
   or the right operand's start (a two-character operator). */
static bool binop_anchors(const char *seg, const Expr *e, Anchors *a)
{
    const char *p = skip_chars(seg, e->binop.left->pos.end_col);
    const char *right = skip_chars(seg, e->binop.right->pos.col);
    while (p < right && (is_space(*p) || *p == ')'))
        p++;
    if (p == right)
        return false;
    a->left = count_chars(seg, p);
    a->right = a->left + (p + 1 < right && !is_space(p[1]) ? 2 : 1);
    return true;
}

/* From the end of the value to its '[', and from the end of the index to
   past its ']'. */
static void subscript_anchors(const char *seg, const Expr *e, Anchors *a)
{
    const char *p = skip_chars(seg, e->subscript.value->pos.end_col);
    while (*p && *p != '[')
        p++;
    a->left = count_chars(seg, p);
    p = skip_chars(seg, e->subscript.slice->pos.end_col + 1);
    while (*p && *p != ']')
        p++;
    a->right = count_chars(seg, p) + (*p ? 1 : 0);
}

/* As CPython, parse the span's text (len bytes at span) alone: a binary
   operation or a subscript gets anchors. */
static bool find_anchors(const char *span, size_t len, Anchors *a)
{
    AstArena *arena = ast_arena_new();
    const char *seg = arena ? ast_strndup(arena, span, len) : NULL;
    LangError err;
    Module *m = seg ? lang_parse_module(arena, seg, len, &err) : NULL;
    bool found = false;
    if (m && m->body.count == 1 && m->body.items[0]->kind == STMT_EXPR) {
        const Expr *e = m->body.items[0]->expr.value;
        if (e->kind == EXPR_BINOP) {
            found = binop_anchors(seg, e, a);
        } else if (e->kind == EXPR_SUBSCRIPT) {
            subscript_anchors(seg, e, a);
            found = true;
        }
    }
    ast_arena_free(arena);
    return found;
}

/* The character under column col of a span from start: '^', or with
   anchors '~' but '^' between them. */
static char caret_at(int col, int start, const Anchors *a)
{
    if (col < start)
        return ' ';
    if (a->left < 0)
        return '^';
    return a->left <= col && col < a->right ? '^' : '~';
}

/* The caret line under source line `text` (indentation included) for the
   instruction span p, unless it would mark the whole stripped line. */
static void add_carets(MpStrBuf *b, const char *text, const MpCodePos *p)
{
    if (p->col < 0 || p->end_col < 0)
        return;
    int len = count_chars(text, text + strlen(text));
    int indent = count_chars(text, skip_spaces(text));
    int start = p->col < len ? p->col : len;
    int end = p->end_col < len ? p->end_col : len;
    Anchors a = {-1, -1};
    if (p->line == p->end_line) {
        const char *seg = skip_chars(text, start);
        if (start < end && find_anchors(seg, (size_t)(skip_chars(seg, end - start) - seg), &a)) {
            a.left += start;
            a.right += start;
        }
    } else {
        /* A span over several lines: up to the line's last non-space. As
           CPython 3.11, which indexes the line's bytes with its length in
           code points. */
        end = len;
        while (end > 0 && is_space(text[end - 1]))
            end--;
    }
    if (end - start == len - indent && a.left < 0)
        return;
    mp_strbuf_add_cstr(b, "    ");
    for (int col = indent; col < end; col++)
        mp_strbuf_add_char(b, caret_at(col, start, &a));
    mp_strbuf_add_char(b, '\n');
}

/* The entry's source line and, when its instruction has a span on that line,
   the carets. */
static void add_source(MpStrBuf *b, const char *filename, MpObject *entry)
{
    char buf[1024];
    int line = (int)MP_INT_VALUE(MP_TUPLE_ITEMS(entry)[ENTRY_LINE]);
    if (!source_lookup(filename, line, buf, sizeof buf))
        return;
    const char *text = skip_spaces(buf);
    if (!*text)
        return;
    mp_strbuf_add_cstr(b, "    ");
    mp_strbuf_add_cstr(b, text);
    mp_strbuf_add_char(b, '\n');
    MpCodePos p;
    uint32_t instr = (uint32_t)MP_INT_VALUE(MP_TUPLE_ITEMS(entry)[ENTRY_INSTR]);
    if (mp_code_position(entry_code(entry), instr, &p) && p.line == line)
        add_carets(b, buf, &p);
}

/* '  File "x.py", line 3' or, for a notebook cell, '  Cell In[2], line 3'. */
static void add_location(MpStrBuf *b, const char *file, int line)
{
    char num[32];
    snprintf(num, sizeof num, ", line %d", line);
    if (strncmp(file, "Cell In[", 8) == 0) {
        mp_strbuf_add_cstr(b, "  ");
        mp_strbuf_add_cstr(b, file);
    } else {
        mp_strbuf_add_cstr(b, "  File \"");
        mp_strbuf_add_cstr(b, file);
        mp_strbuf_add_char(b, '"');
    }
    mp_strbuf_add_cstr(b, num);
}

MpObject *mp_exception_format_only(MpObject *exc)
{
    MpType *t = mp_type(exc);
    MpStrBuf b;
    mp_strbuf_init(&b);
    if (t->module && strcmp(MP_STR_DATA(t->module), "builtins") != 0 &&
        strcmp(MP_STR_DATA(t->module), "__main__") != 0) {
        mp_strbuf_add_cstr(&b, MP_STR_DATA(t->module));
        mp_strbuf_add_char(&b, '.');
    }
    mp_strbuf_add_cstr(&b, MP_STR_DATA(t->qualname ? t->qualname : t->name));
    /* CPython prints a SyntaxError's bare message; its location came above. */
    MpObject *s = NULL;
    if (mp_is_instance_of(exc, mp_SyntaxError)) {
        s = mp_getattr_cstr(exc, "msg");
        if (!s || !mp_is_str(s)) {
            mp_err_clear();
            MP_XDECREF(s);
            s = NULL;
        }
    }
    if (!s)
        s = mp_str(exc);
    if (!s) {
        mp_err_clear();
        mp_strbuf_add_cstr(&b, ": <exception str() failed>");
    } else {
        if (MP_STR_SIZE(s) > 0) {
            mp_strbuf_add_cstr(&b, ": ");
            mp_strbuf_add(&b, MP_STR_DATA(s), (size_t)MP_STR_SIZE(s));
        }
        MP_DECREF(s);
    }
    return mp_strbuf_finish(&b);
}

/* A SyntaxError's own location: file, line, source and caret. */
static int format_syntax_location(MpObject *lines, MpObject *exc)
{
    MpObject *fn = mp_getattr_cstr(exc, "filename");
    MpObject *ln = fn ? mp_getattr_cstr(exc, "lineno") : NULL;
    MpObject *off = ln ? mp_getattr_cstr(exc, "offset") : NULL;
    MpObject *text = off ? mp_getattr_cstr(exc, "text") : NULL;
    int r = 0;
    if (!text) {
        mp_err_clear();
        goto done;
    }
    MpStrBuf b;
    mp_strbuf_init(&b);
    if (mp_is_str(fn) && mp_is_int(ln)) {
        add_location(&b, MP_STR_DATA(fn), (int)MP_INT_VALUE(ln));
        mp_strbuf_add_char(&b, '\n');
        r = add_line(lines, &b);
    }
    if (r == 0 && mp_is_str(text)) {
        /* CPython strips leading whitespace and shifts the caret with it. */
        const char *t = MP_STR_DATA(text);
        const char *s = skip_spaces(t);
        size_t len = strlen(s);
        while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
            len--;
        mp_strbuf_add_cstr(&b, "    ");
        mp_strbuf_add(&b, s, len);
        mp_strbuf_add_char(&b, '\n');
        r = add_line(lines, &b);
        if (r == 0 && mp_is_int(off) && MP_INT_VALUE(off) > 0) {
            int64_t col = MP_INT_VALUE(off) - 1 - (int64_t)(s - t);
            mp_strbuf_add_cstr(&b, "    ");
            for (int64_t i = 0; i < col && i < (int64_t)len + 1; i++)
                mp_strbuf_add_char(&b, ' ');
            mp_strbuf_add_cstr(&b, "^\n");
            r = add_line(lines, &b);
        }
    }
    mp_strbuf_free(&b);
done:
    MP_XDECREF(fn);
    MP_XDECREF(ln);
    MP_XDECREF(off);
    MP_XDECREF(text);
    return r;
}

/* CPython 3.11's printer (not its traceback module) follows the message
   of an uncaught NameError or AttributeError with ". Did you mean: 'x'?". */
static void add_suggestion(MpStrBuf *b, MpObject *exc)
{
    MpObject *tb = ((MpException *)exc)->traceback;
    MpObject *innermost = tb && MP_LIST_SIZE(tb) > 0 ? MP_LIST_ITEMS(tb)[0] : NULL;
    MpObject *s =
        mp_suggest_for(exc, innermost ? entry_code(innermost)->varnames : NULL);
    if (!s)
        return;
    mp_strbuf_add_cstr(b, ". Did you mean: '");
    mp_strbuf_add(b, MP_STR_DATA(s), (size_t)MP_STR_SIZE(s));
    mp_strbuf_add_cstr(b, "'?");
    MP_DECREF(s);
}

static void add_entry(MpStrBuf *b, MpObject *entry)
{
    const char *file = MP_STR_DATA(entry_code(entry)->filename);
    add_location(b, file, (int)MP_INT_VALUE(MP_TUPLE_ITEMS(entry)[ENTRY_LINE]));
    mp_strbuf_add_cstr(b, ", in ");
    mp_strbuf_add_cstr(b, MP_STR_DATA(entry_code(entry)->name));
    mp_strbuf_add_char(b, '\n');
    add_source(b, file, entry);
}

/* Entries at the same file, line and function. */
static bool same_place(MpObject *a, MpObject *b)
{
    MpCode *ca = entry_code(a), *cb = entry_code(b);
    return MP_INT_VALUE(MP_TUPLE_ITEMS(a)[ENTRY_LINE]) ==
               MP_INT_VALUE(MP_TUPLE_ITEMS(b)[ENTRY_LINE]) &&
           mp_str_equal(ca->filename, cb->filename) && mp_str_equal(ca->name, cb->name);
}

/* "  [Previous line repeated 996 more times]" after the first three of a
   run of repeated entries. */
static int add_repeated(MpObject *lines, MpStrBuf *b, int64_t count)
{
    if (count <= TB_RECURSIVE_CUTOFF)
        return 0;
    char msg[80];
    count -= TB_RECURSIVE_CUTOFF;
    snprintf(msg, sizeof msg, "  [Previous line repeated %lld more time%s]\n",
             (long long)count, count > 1 ? "s" : "");
    mp_strbuf_add_cstr(b, msg);
    return add_line(lines, b);
}

/* The "Traceback" header and the entries of tb (innermost first), outermost
   first: as CPython's printer, the innermost TB_LIMIT only (sys.tracebacklimit's
   default), and of a run of repeated entries the first TB_RECURSIVE_CUTOFF. */
static int format_entries(MpObject *lines, MpObject *tb)
{
    MpStrBuf b;
    mp_strbuf_init(&b);
    mp_strbuf_add_cstr(&b, "Traceback (most recent call last):\n");
    int r = add_line(lines, &b);
    int64_t n = MP_LIST_SIZE(tb), count = 0;
    MpObject *last = NULL;
    for (int64_t i = (n < TB_LIMIT ? n : TB_LIMIT) - 1; i >= 0 && r == 0; i--) {
        MpObject *entry = MP_LIST_ITEMS(tb)[i];
        if (!last || !same_place(last, entry)) {
            r = add_repeated(lines, &b, count);
            last = entry;
            count = 0;
        }
        if (r == 0 && ++count <= TB_RECURSIVE_CUTOFF) {
            add_entry(&b, entry);
            r = add_line(lines, &b);
        }
    }
    if (r == 0)
        r = add_repeated(lines, &b, count);
    mp_strbuf_free(&b);
    return r;
}

/* Append exc's lines, after those of the exceptions chained before it; with
   suggest, the "Did you mean" of each. */
static int format_one(MpObject *lines, MpObject *exc, int depth, bool suggest)
{
    MpException *e = (MpException *)exc;
    MpStrBuf b;
    mp_strbuf_init(&b);
    int r = 0;
    if (depth < 16) {
        static const char *const caused =
            "\nThe above exception was the direct cause of the following exception:\n\n";
        static const char *const during =
            "\nDuring handling of the above exception, another exception occurred:\n\n";
        MpObject *prior = e->cause ? e->cause : e->suppress_context ? NULL : e->context;
        if (prior && prior != exc) {
            r = format_one(lines, prior, depth + 1, suggest);
            if (r == 0) {
                mp_strbuf_add_cstr(&b, e->cause ? caused : during);
                r = add_line(lines, &b);
            }
        }
    }
    if (r == 0 && e->traceback && MP_LIST_SIZE(e->traceback) > 0)
        r = format_entries(lines, e->traceback);
    if (r == 0 && mp_is_instance_of(exc, mp_SyntaxError))
        r = format_syntax_location(lines, exc);
    if (r == 0) {
        MpObject *last = mp_exception_format_only(exc);
        if (!last)
            r = -1;
        else {
            mp_strbuf_add(&b, MP_STR_DATA(last), (size_t)MP_STR_SIZE(last));
            if (suggest)
                add_suggestion(&b, exc);
            mp_strbuf_add_char(&b, '\n');
            MP_DECREF(last);
            r = add_line(lines, &b);
        }
    }
    mp_strbuf_free(&b);
    return r;
}

static MpObject *format_lines(MpObject *exc, bool suggest)
{
    MpObject *lines = mp_list_new(0);
    if (!lines)
        return NULL;
    if (format_one(lines, exc, 0, suggest) < 0) {
        MP_DECREF(lines);
        return NULL;
    }
    return lines;
}

MpObject *mp_traceback_format(MpObject *exc)
{
    return format_lines(exc, true);
}

void mp_err_write_unraisable(MpObject *where)
{
    MpObject *exc = mp_err_fetch();
    if (!exc)
        return;
    MpStrBuf b;
    mp_strbuf_init(&b);
    mp_strbuf_add_cstr(&b, "Exception ignored in: ");
    if (mp_strbuf_add_repr(&b, where) < 0) {
        mp_err_clear();
        mp_strbuf_add_cstr(&b, "<object repr() failed>");
    }
    mp_strbuf_add_char(&b, '\n');
    MpObject *head = mp_strbuf_finish(&b);
    if (head) {
        mp_output_write(2, MP_STR_DATA(head), (size_t)MP_STR_SIZE(head));
        MP_DECREF(head);
    }
    /* CPython's unraisable hook prints no suggestion. */
    MpObject *lines = format_lines(exc, false);
    if (lines) {
        for (int64_t i = 0; i < MP_LIST_SIZE(lines); i++) {
            MpObject *l = MP_LIST_ITEMS(lines)[i];
            mp_output_write(2, MP_STR_DATA(l), (size_t)MP_STR_SIZE(l));
        }
        MP_DECREF(lines);
    }
    mp_err_clear();
    MP_DECREF(exc);
}
