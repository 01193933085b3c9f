/*
 * kernel/jupyter/kernel.h - the Jupyter kernel: the runtime behind the protocol
 * server (xeus's xkernel). The only code, with main.c, that sees both
 * protocol/ and the runtime.
 */
#ifndef MINIPY_KERNEL_JUPYTER_KERNEL_H
#define MINIPY_KERNEL_JUPYTER_KERNEL_H

#include "object.h"

#include <jansson.h>

/* `minipy kernel [-f CONNECTION_FILE]`: serve until shutdown. Returns the exit
   status (2 for a bad connection file, with a one-line error on stderr). */
int kj_kernel_main(const char *connection_file);
/* The memory limit for cells (0: none), set before kj_kernel_main(): a cell that
   allocates past it gets a MemoryError. The kernel's own work between cells may
   use a reserve of min(bytes / 4, 16 MiB) above it. */
void kj_set_memory_limit(size_t bytes);

/* ==== Output history (history.c), as IPython keeps it ==== */

/* In, Out, _, __, ___, _i, _ii, _iii in the main module's globals. 0 or -1. */
int kj_history_init(MpObject *globals);
/* A cell about to run as In[count]: In.append, _iN, _i/_ii/_iii. 0 or -1. */
int kj_history_input(MpObject *globals, long count, const char *code);
/* Its result Out[count] (not None): _N, _/__/___. 0 or -1. */
int kj_history_output(MpObject *globals, long count, MpObject *value);
/* The source of cell n, for tracebacks (borrowed C string) or NULL. */
const char *kj_history_source(long n);
/* A history_request's reply content (new reference). */
json_t *kj_history_reply(json_t *request);
/* Forget everything (kernel restart). */
void kj_history_reset(void);
/* Shutdown: forget everything and free the record itself. */
void kj_history_fini(void);

/* ==== Completion and inspection (complete.c, inspect.c) ==== */

/* cursor: byte offset. {matches, cursor_start, cursor_end} in bytes. */
json_t *kj_complete(MpObject *globals, const char *code, size_t cursor);
/* The object named around the cursor, looked up without running code:
   {found, data {text/plain, text/markdown}, metadata}. */
json_t *kj_inspect(MpObject *globals, const char *code, size_t cursor, int detail);
/* The object at a dotted name path (globals, then builtins; attributes found
   through dicts only, never by running code). Borrowed, or NULL. */
MpObject *kj_resolve(MpObject *globals, const char *path, size_t len);
/* The inspect text of the object at a dotted name path, NULL if none. */
MpObject *kj_inspect_text(MpObject *globals, const char *name, int detail);

/* The inspect text of o; own_refs references to o are the caller's and are
   not counted in the refcount shown. New str reference or NULL. */
MpObject *kj_inspect_object(MpObject *o, int detail, int own_refs);

/* Show text in the pager (a `page` payload of the running execute_reply),
   as IPython's `name?` and help() do. Borrows text. */
void kj_page(MpObject *text);

/* ==== Kernelspec (kernelspec.c) ==== */

/* `minipy install [--user | --sys-prefix | --prefix DIR]`. Exit status. */
int kj_install_main(int argc, char **argv, const char *exe_path);

#endif
