/*
 * kernel/builtins/display.h - rich output: display(), update_display(),
 * clear_output() and the mime bundle of a value (_repr_html_ and friends).
 *
 * The runtime builds bundles as dicts {mime type: str}; the kernel installs a
 * hook that sends them as display_data. Without a kernel, display() prints.
 */
#ifndef MINIPY_KERNEL_BUILTINS_DISPLAY_H
#define MINIPY_KERNEL_BUILTINS_DISPLAY_H

#include "object.h"

typedef enum MpDisplayKind { MP_DISPLAY_SHOW, MP_DISPLAY_UPDATE, MP_DISPLAY_CLEAR } MpDisplayKind;

/* bundle: a dict {mime: str} (borrowed; NULL for CLEAR); display_id may be
   NULL; wait is clear_output's argument. 0, or -1 with an exception set. */
typedef int (*MpDisplayHook)(void *ctx, MpDisplayKind kind, MpObject *bundle,
                             const char *display_id, bool wait);
/* NULL restores the default (print text/plain to stdout). */
void mp_display_set_hook(MpDisplayHook hook, void *ctx);

/* {'text/plain': repr(value)} plus text/html, image/svg+xml and text/markdown
   when the value's class defines _repr_html_, _repr_svg_, _repr_markdown_
   returning a str. New reference, or NULL with an exception set. */
MpObject *mp_display_bundle(MpObject *value);

/* Show a prepared bundle (a dict {mime: str}, borrowed) as display() would:
   the notebook tools build their own text/plain + text/html bundles. 0, or -1
   with an exception set. */
int mp_display_show_bundle(MpObject *bundle);

/* Add display, update_display and clear_output to the builtins. 0 or -1. */
int mp_display_init(MpObject *builtins);

#endif
