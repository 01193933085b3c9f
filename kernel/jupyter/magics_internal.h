/*
 * kernel/jupyter/magics_internal.h - what the magic files share: each magic's
 * entry point for the dispatch table in magics.c, the namespace analysis
 * (retained.c) and small output helpers.
 *
 * A magic takes the text after its name and returns a new reference (None, or
 * a value the cell may show), or NULL with an exception set.
 */
#ifndef MINIPY_KERNEL_JUPYTER_MAGICS_INTERNAL_H
#define MINIPY_KERNEL_JUPYTER_MAGICS_INTERNAL_H

#include "object.h"

/* ==== The magics, one file per job ==== */

/* magics_ns.c: the user's names. */
MpObject *kj_magic_whos(const char *args);
MpObject *kj_magic_reset(const char *args);
MpObject *kj_magic_xdel(const char *args);
/* magics_mem.c: the memory as a whole. */
MpObject *kj_magic_memory(const char *args);
MpObject *kj_magic_gc(const char *args);
MpObject *kj_magic_leakwatch(const char *args);
/* magics_time.c: running a statement under a clock or the allocator. */
MpObject *kj_magic_time(const char *args);
MpObject *kj_magic_timeit(const char *args);
MpObject *kj_magic_memit(const char *args);
/* refgraph.c */
MpObject *kj_magic_refgraph(const char *args);

/* ==== Helpers (magics.c) ==== */

/* A global the user made: not private (_x), not In/Out. */
bool kj_is_user_name(MpObject *name);
/* Is this global part of IPython's history (In, Out, _ih, _oh, _, __, ___, _i,
   _ii, _iii, _iN, _N)? */
bool kj_is_history_name(const char *name);
/* printf into the buffer. */
void kj_buf_printf(MpStrBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append s with &, <, >, " escaped for HTML. */
void kj_buf_html(MpStrBuf *b, const char *s, size_t n);
/* Print the buffer's text on stdout (the buffer is finished). 0 or -1. */
int kj_buf_print(MpStrBuf *b);
/* Publish {text/plain: plain, mime: rich} as display_data; both buffers are
   finished. 0 or -1. */
int kj_buf_display(MpStrBuf *plain, const char *mime, MpStrBuf *rich);
/* A byte count as "1.5 KiB", "12 B" (buf of at least 32 bytes). */
const char *kj_format_bytes(double bytes, char *buf, size_t size);

/* ==== The namespace and what each name retains (retained.c) ==== */

/* One global name. name and value are strong references. */
typedef struct KjBinding {
    MpObject *name;
    MpObject *value;
    intptr_t refcnt; /* the value's refcount before the scan took references */
    size_t retained; /* bytes freed if this name alone let go (0 when shared) */
    bool history;    /* kj_is_history_name */
} KjBinding;

typedef struct KjNamespace {
    KjBinding *items; /* in the dict's order */
    size_t n;
    size_t history_retained; /* bytes freed if the whole history let go */
} KjNamespace;

/* Scan the globals: each binding with its retained size, by the dominator tree
   of the object graph where each user name is a root of its own, the history
   names together one root, and objects referenced from outside the namespace
   (more references than the graph shows) roots too. 0, or -1 with an
   exception set. */
int kj_namespace_scan(MpObject *globals, KjNamespace *ns);
void kj_namespace_fini(KjNamespace *ns);

#endif
