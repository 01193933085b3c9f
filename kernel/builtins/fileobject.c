/*
 * kernel/builtins/fileobject.c - owns open() and the text file objects it returns.
 *
 * A file wraps a stdio FILE opened in binary, read as UTF-8 with universal
 * newlines ("\r\n" and "\r" read as "\n"), as CPython's TextIOWrapper does by
 * default. Sizes given to read() count characters, not bytes.
 */
#include "builtins.h"

#include "abstract.h"
#include "args.h"
#include "errors.h"
#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct File {
    MpObject ob;
    FILE *fp;       /* NULL once closed */
    MpObject *name; /* str */
    MpObject *mode; /* str, as given to open() */
    bool readable, writable;
    bool last_write; /* stdio needs a flush or seek between writes and reads */
} File;

/* ==== open() ==== */

/* Parse an open() mode into an fopen mode; ValueError as CPython's _io.open. */
static int parse_mode(MpObject *mode, char *fmode, bool *readable, bool *writable)
{
    const char *m = MP_STR_DATA(mode);
    int r = 0, w = 0, a = 0, x = 0, plus = 0, t = 0, b = 0;
    for (const char *p = m; *p; p++) {
        int *flag = *p == 'r' ? &r
                    : *p == 'w' ? &w
                    : *p == 'a' ? &a
                    : *p == 'x' ? &x
                    : *p == '+' ? &plus
                    : *p == 't' ? &t
                    : *p == 'b' ? &b
                                : NULL;
        if (!flag || (*flag)++) {
            mp_err_format(mp_ValueError, "invalid mode: '%s'", m);
            return -1;
        }
    }
    if (t && b) {
        mp_err_set(mp_ValueError, "can't have text and binary mode at once");
        return -1;
    }
    if (r + w + a + x != 1) {
        mp_err_set(mp_ValueError,
                   "must have exactly one of create/read/write/append mode");
        return -1;
    }
    if (b) {
        mp_err_set(mp_NotImplementedError, "binary mode files are not supported");
        return -1;
    }
    strcpy(fmode, r ? "r" : w ? "w" : a ? "a" : "w");
    if (plus)
        strcat(fmode, "+");
    strcat(fmode, "b");
    if (x)
        strcat(fmode, "x");
    *readable = r || plus;
    *writable = !r || plus;
    return 0;
}

/* "[Errno 2] No such file or directory: 'x'" with the class CPython picks. */
static MpObject *open_error(int err, MpObject *name)
{
    MpObject *r = mp_repr(name);
    if (!r)
        return NULL;
    mp_err_format(err == ENOENT ? mp_FileNotFoundError : mp_OSError, "[Errno %d] %s: %s",
                  err, strerror(err), MP_STR_DATA(r));
    MP_DECREF(r);
    return NULL;
}

MpObject *mp_builtin_open(MpObject *self, MpObject *const *args, size_t nargs,
                          MpObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"file",   "mode",    "buffering", "encoding",
                                        "errors", "newline", NULL};
    MpObject *p[6];
    if (mp_args_parse("open", args, nargs, kwnames, names, 0, 1, p) < 0)
        return NULL;
    MpObject *name = p[0], *mode = p[1];
    if (!mp_is_str(name))
        return mp_err_format(mp_TypeError,
                             "expected str, bytes or os.PathLike object, not %s",
                             mp_type_name(name));
    if (mode && !mp_is_str(mode))
        return mp_err_format(mp_TypeError, "open() argument 'mode' must be str, not %s",
                             mp_type_name(mode));
    char fmode[8];
    bool readable, writable;
    MpObject *mode_s = mode ? (MP_INCREF(mode), mode) : mp_str_new("r", 1);
    if (!mode_s)
        return NULL;
    if (parse_mode(mode_s, fmode, &readable, &writable) < 0) {
        MP_DECREF(mode_s);
        return NULL;
    }
    FILE *fp = fopen(MP_STR_DATA(name), fmode);
    struct stat st;
    if (fp && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        fp = NULL;
        errno = EISDIR;
    }
    if (!fp) {
        MP_DECREF(mode_s);
        return open_error(errno, name);
    }
    File *f = (File *)gc_alloc(&mp_file_type.gc, sizeof(File));
    if (!f) {
        fclose(fp);
        MP_DECREF(mode_s);
        return mp_err_nomemory();
    }
    f->fp = fp;
    f->name = name;
    MP_INCREF(name);
    f->mode = mode_s;
    f->readable = readable;
    f->writable = writable;
    return &f->ob;
}

/* ==== Reading ==== */

static int check_open(File *f)
{
    if (f->fp)
        return 0;
    mp_err_set(mp_ValueError, "I/O operation on closed file.");
    return -1;
}

static int check_readable(File *f)
{
    if (check_open(f) < 0)
        return -1;
    if (!f->readable) {
        mp_err_set(mp_OSError, "not readable");
        return -1;
    }
    if (f->last_write) {
        fflush(f->fp);
        f->last_write = false;
    }
    return 0;
}

/* Read up to `limit` characters (all when negative), stopping after a newline
   when `line` is set. Newlines are translated as they are read. */
static MpObject *read_text(File *f, int64_t limit, bool line)
{
    MpStrBuf b;
    mp_strbuf_init(&b);
    int64_t chars = 0;
    int c;
    while ((limit < 0 || chars < limit) && (c = getc(f->fp)) != EOF) {
        if (c == '\r') {
            int next = getc(f->fp);
            if (next != '\n' && next != EOF)
                ungetc(next, f->fp);
            c = '\n';
        }
        mp_strbuf_add_char(&b, (char)c);
        if ((c & 0xC0) != 0x80)
            chars++;
        if (line && c == '\n')
            break;
    }
    /* Finish a character whose lead byte ended the count. */
    while ((c = getc(f->fp)) != EOF) {
        if ((c & 0xC0) != 0x80) {
            ungetc(c, f->fp);
            break;
        }
        mp_strbuf_add_char(&b, (char)c);
    }
    if (b.failed) {
        mp_strbuf_free(&b);
        return mp_err_nomemory();
    }
    MpObject *s = mp_text_decode(b.data ? b.data : "", b.size);
    mp_strbuf_free(&b);
    return s;
}

/* An optional size argument: None or negative means "all". */
static int size_arg(const char *fname, MpObject *const *args, size_t nargs,
                    MpObject *kwnames, int64_t *size)
{
    *size = -1;
    if (mp_args_check(fname, nargs, kwnames, 0, 1) < 0)
        return -1;
    if (nargs == 1 && args[0] != mp_none)
        return mp_index(args[0], size);
    return 0;
}

static MpObject *file_read(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    File *f = (File *)self;
    int64_t size;
    if (size_arg("TextIOWrapper.read", args, nargs, kwnames, &size) < 0 ||
        check_readable(f) < 0)
        return NULL;
    return read_text(f, size, false);
}

static MpObject *file_readline(MpObject *self, MpObject *const *args, size_t nargs,
                               MpObject *kwnames)
{
    File *f = (File *)self;
    int64_t size;
    if (size_arg("TextIOWrapper.readline", args, nargs, kwnames, &size) < 0 ||
        check_readable(f) < 0)
        return NULL;
    return read_text(f, size, true);
}

static MpObject *file_readlines(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames)
{
    File *f = (File *)self;
    int64_t hint;
    if (size_arg("_IOBase.readlines", args, nargs, kwnames, &hint) < 0 ||
        check_readable(f) < 0)
        return NULL;
    MpObject *list = mp_list_new(0);
    if (!list)
        return NULL;
    int64_t total = 0;
    for (;;) {
        MpObject *line = read_text(f, -1, true);
        if (!line) {
            MP_DECREF(list);
            return NULL;
        }
        if (MP_STR_SIZE(line) == 0) {
            MP_DECREF(line);
            break;
        }
        total += MP_STR_LEN(line);
        int rc = mp_list_append(list, line);
        MP_DECREF(line);
        if (rc < 0) {
            MP_DECREF(list);
            return NULL;
        }
        if (hint > 0 && total >= hint)
            break;
    }
    return list;
}

static MpObject *file_iternext(MpObject *self)
{
    File *f = (File *)self;
    if (check_readable(f) < 0)
        return NULL;
    MpObject *line = read_text(f, -1, true);
    if (line && MP_STR_SIZE(line) == 0)
        MP_CLEAR(line);
    return line;
}

static MpObject *file_iter(MpObject *self)
{
    if (check_open((File *)self) < 0)
        return NULL;
    MP_INCREF(self);
    return self;
}

/* ==== Writing ==== */

static int write_str(File *f, MpObject *s)
{
    if (!mp_is_str(s)) {
        mp_err_format(mp_TypeError, "write() argument must be str, not %s",
                      mp_type_name(s));
        return -1;
    }
    if (check_open(f) < 0)
        return -1;
    if (!f->writable) {
        mp_err_set(mp_OSError, "not writable");
        return -1;
    }
    if (!f->last_write && f->readable) {
        fseek(f->fp, 0, SEEK_CUR);
        f->last_write = true;
    }
    size_t n = (size_t)MP_STR_SIZE(s);
    if (fwrite(MP_STR_DATA(s), 1, n, f->fp) != n) {
        mp_err_format(mp_OSError, "[Errno %d] %s", errno, strerror(errno));
        return -1;
    }
    return 0;
}

static MpObject *file_write(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    if (mp_args_check("TextIOWrapper.write", nargs, kwnames, 1, 1) < 0 ||
        write_str((File *)self, args[0]) < 0)
        return NULL;
    return mp_int_new(MP_STR_LEN(args[0]));
}

static MpObject *file_writelines(MpObject *self, MpObject *const *args, size_t nargs,
                                 MpObject *kwnames)
{
    if (mp_args_check("_IOBase.writelines", nargs, kwnames, 1, 1) < 0)
        return NULL;
    MpObject *it = mp_iter(args[0]);
    if (!it)
        return NULL;
    MpObject *line;
    while ((line = mp_iternext(it))) {
        int rc = write_str((File *)self, line);
        MP_DECREF(line);
        if (rc < 0)
            break;
    }
    MP_DECREF(it);
    if (mp_err_occurred())
        return NULL;
    MP_RETURN_NONE;
}

static MpObject *file_flush(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)args;
    File *f = (File *)self;
    if (mp_args_check("TextIOWrapper.flush", nargs, kwnames, 0, 0) < 0 ||
        check_open(f) < 0)
        return NULL;
    fflush(f->fp);
    MP_RETURN_NONE;
}

/* ==== Closing, context manager, attributes ==== */

static MpObject *file_close(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)args;
    File *f = (File *)self;
    if (mp_args_check("TextIOWrapper.close", nargs, kwnames, 0, 0) < 0)
        return NULL;
    if (f->fp) {
        fclose(f->fp);
        f->fp = NULL;
    }
    MP_RETURN_NONE;
}

static MpObject *file_enter(MpObject *self, MpObject *const *args, size_t nargs,
                            MpObject *kwnames)
{
    (void)args;
    if (mp_args_check("_IOBase.__enter__", nargs, kwnames, 0, 0) < 0 ||
        check_open((File *)self) < 0)
        return NULL;
    MP_INCREF(self);
    return self;
}

static MpObject *file_exit(MpObject *self, MpObject *const *args, size_t nargs,
                           MpObject *kwnames)
{
    (void)nargs;
    if (mp_args_no_kw("_IOBase.__exit__", kwnames) < 0)
        return NULL;
    return file_close(self, args, 0, NULL);
}

static MpObject *file_get_closed(MpObject *self)
{
    return mp_bool(((File *)self)->fp == NULL);
}

static MpObject *file_get_name(MpObject *self)
{
    MpObject *n = ((File *)self)->name;
    MP_INCREF(n);
    return n;
}

static MpObject *file_get_mode(MpObject *self)
{
    MpObject *m = ((File *)self)->mode;
    MP_INCREF(m);
    return m;
}

static MpObject *file_repr(MpObject *self)
{
    File *f = (File *)self;
    if (!f->fp)
        return mp_str_from_cstr("<_io.TextIOWrapper [closed]>");
    MpStrBuf b;
    mp_strbuf_init(&b);
    mp_strbuf_add_cstr(&b, "<_io.TextIOWrapper name=");
    if (mp_strbuf_add_repr(&b, f->name) < 0) {
        mp_strbuf_free(&b);
        return NULL;
    }
    mp_strbuf_add_cstr(&b, " mode=");
    if (mp_strbuf_add_repr(&b, f->mode) < 0) {
        mp_strbuf_free(&b);
        return NULL;
    }
    mp_strbuf_add_cstr(&b, " encoding='UTF-8'>");
    return mp_strbuf_finish(&b);
}

static void file_dealloc(GcHead *self)
{
    File *f = (File *)self;
    if (f->fp)
        fclose(f->fp);
    MP_CLEAR(f->name);
    MP_CLEAR(f->mode);
    gc_free(self);
}

/* CPython's TextIOWrapper __sizeof__. */
static size_t file_size(const GcHead *self)
{
    (void)self;
    return 184;
}

static const MpMethodDef file_methods[] = {
    {"read", file_read, 0, "read(self, size=-1, /)"},
    {"readline", file_readline, 0, "readline(self, size=-1, /)"},
    {"readlines", file_readlines, 0, "readlines(self, hint=-1, /)"},
    {"write", file_write, 0, "write(self, text, /)"},
    {"writelines", file_writelines, 0, "writelines(self, lines, /)"},
    {"flush", file_flush, 0, "flush(self, /)"},
    {"close", file_close, 0, "close(self, /)"},
    {"__enter__", file_enter, 0, "__enter__(self, /)"},
    {"__exit__", file_exit, 0, "__exit__(self, *args)"},
    {NULL, NULL, 0, NULL},
};

static const MpGetSetDef file_getsets[] = {
    {"closed", file_get_closed, NULL},
    {"name", file_get_name, NULL},
    {"mode", file_get_mode, NULL},
    {NULL, NULL, NULL},
};

MpType mp_file_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "_io.TextIOWrapper", .dealloc = file_dealloc, .size = file_size},
    .repr = file_repr,
    .iter = file_iter,
    .iternext = file_iternext,
    .methods = file_methods,
    .getsets = file_getsets,
};
