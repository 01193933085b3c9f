/*
 * kernel/objects/errors.h - exception types and the VM's pending exception.
 *
 * CPython's convention: a failing function sets the pending exception with one of
 * the mp_err_* calls and returns NULL (or -1); each caller releases what it holds
 * and returns the same, up to the VM, which unwinds to a handler.
 */
#ifndef MINIPY_KERNEL_OBJECTS_ERRORS_H
#define MINIPY_KERNEL_OBJECTS_ERRORS_H

#include "object.h"

/* An exception instance: BaseException and every subclass share this layout. */
typedef struct MpException {
    MpObject ob;
    MpAttrs attrs;       /* instance attributes (user subclasses, e.g. self.code) */
    MpObject *args;      /* tuple */
    MpObject *traceback; /* list of frames, innermost first (vm/traceback.c), or NULL */
    MpObject *cause;     /* __cause__ or NULL */
    MpObject *context;   /* __context__ or NULL */
    MpObject *name;      /* NameError.name, AttributeError.name, or NULL */
    MpObject *obj;       /* AttributeError.obj or NULL */
    bool suppress_context;
} MpException;

#define MP_EXCEPTION_TYPES(X)                                                  \
    X(BaseException, object)                                                   \
    X(Exception, BaseException)                                                \
    X(KeyboardInterrupt, BaseException)                                        \
    X(SystemExit, BaseException)                                               \
    X(ArithmeticError, Exception)                                              \
    X(ZeroDivisionError, ArithmeticError)                                      \
    X(OverflowError, ArithmeticError)                                          \
    X(LookupError, Exception)                                                  \
    X(IndexError, LookupError)                                                 \
    X(KeyError, LookupError)                                                   \
    X(NameError, Exception)                                                    \
    X(UnboundLocalError, NameError)                                            \
    X(TypeError, Exception)                                                    \
    X(ValueError, Exception)                                                   \
    X(AttributeError, Exception)                                               \
    X(AssertionError, Exception)                                               \
    X(StopIteration, Exception)                                                \
    X(RuntimeError, Exception)                                                 \
    X(RecursionError, RuntimeError)                                            \
    X(NotImplementedError, RuntimeError)                                       \
    X(MemoryError, Exception)                                                  \
    X(ImportError, Exception)                                                  \
    X(ModuleNotFoundError, ImportError)                                        \
    X(OSError, Exception)                                                      \
    X(FileNotFoundError, OSError)                                              \
    X(EOFError, Exception)                                                     \
    X(SyntaxError, Exception)                                                  \
    X(IndentationError, SyntaxError)                                           \
    X(UnicodeError, ValueError)

#define MP_DECLARE_EXC(cls, basecls) extern MpType mp_exc_##cls;
MP_EXCEPTION_TYPES(MP_DECLARE_EXC)
#undef MP_DECLARE_EXC

#define mp_BaseException       (&mp_exc_BaseException)
#define mp_Exception           (&mp_exc_Exception)
#define mp_KeyboardInterrupt   (&mp_exc_KeyboardInterrupt)
#define mp_ArithmeticError     (&mp_exc_ArithmeticError)
#define mp_ZeroDivisionError   (&mp_exc_ZeroDivisionError)
#define mp_OverflowError       (&mp_exc_OverflowError)
#define mp_LookupError         (&mp_exc_LookupError)
#define mp_IndexError          (&mp_exc_IndexError)
#define mp_KeyError            (&mp_exc_KeyError)
#define mp_NameError           (&mp_exc_NameError)
#define mp_UnboundLocalError   (&mp_exc_UnboundLocalError)
#define mp_TypeError           (&mp_exc_TypeError)
#define mp_ValueError          (&mp_exc_ValueError)
#define mp_AttributeError      (&mp_exc_AttributeError)
#define mp_AssertionError      (&mp_exc_AssertionError)
#define mp_StopIteration       (&mp_exc_StopIteration)
#define mp_RuntimeError        (&mp_exc_RuntimeError)
#define mp_RecursionError      (&mp_exc_RecursionError)
#define mp_NotImplementedError (&mp_exc_NotImplementedError)
#define mp_MemoryError         (&mp_exc_MemoryError)
#define mp_ImportError         (&mp_exc_ImportError)
#define mp_ModuleNotFoundError (&mp_exc_ModuleNotFoundError)
#define mp_OSError             (&mp_exc_OSError)
#define mp_FileNotFoundError   (&mp_exc_FileNotFoundError)
#define mp_EOFError            (&mp_exc_EOFError)
#define mp_SyntaxError         (&mp_exc_SyntaxError)
#define mp_UnicodeError        (&mp_exc_UnicodeError)

/* Set the pending exception to type(message). Always return NULL. */
MpObject *mp_err_set(MpType *type, const char *message);
/* printf-style message. Always returns NULL. */
MpObject *mp_err_format(MpType *type, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* type(value): value becomes the single arg (KeyError(key) keeps the key's repr
   in str()). Borrows value. Always returns NULL. */
MpObject *mp_err_set_value(MpType *type, MpObject *value);
/* Set an exception instance as pending (borrows it). */
void mp_err_set_object(MpObject *exc);
/* The preallocated MemoryError: never allocates. Returns NULL. */
MpObject *mp_err_nomemory(void);
/* The most items a list or tuple may hold (CPython's PY_SSIZE_T_MAX /
   sizeof(PyObject *)): past it the byte count would overflow, so MemoryError. */
#define MP_MAX_ITEMS ((int64_t)(PTRDIFF_MAX / sizeof(void *)))

/* As CPython 3.11 before it offers "Did you mean": a pending NameError gets
   its name, a pending AttributeError its name and object, unless it already
   names one. Borrows; never fails (the pending exception stays). */
void mp_err_add_name_context(MpObject *name);
void mp_err_add_attribute_context(MpObject *obj, MpObject *name);

bool mp_err_occurred(void);
/* Is the pending exception an instance of type (or a subclass)? */
bool mp_err_matches(MpType *type);
/* Take the pending exception (new reference) and clear it; NULL if none. */
MpObject *mp_err_fetch(void);
void mp_err_clear(void);
/* Borrowed pointer to the pending exception, NULL if none. */
MpObject *mp_err_peek(void);

/* Is o an exception class (a type deriving from BaseException)? */
bool mp_is_exception_type(MpObject *o);
/* A new exception instance type(*args). */
MpObject *mp_exception_new(MpType *type, MpObject *const *args, size_t nargs);
/* SystemExit.code (read-only here): None, the one argument, or the args tuple.
   New reference. */
MpObject *mp_system_exit_code(MpObject *exc);
/* str(exc) as CPython: '' / str(arg) / str(args); KeyError: repr(arg). */
MpObject *mp_exception_str(MpObject *exc);

/* exc.__traceback__: traceback objects (tb_lineno, tb_next) from the
   outermost frame, or None (kernel/vm/traceback.c). New reference. */
MpObject *mp_traceback_object(MpObject *exc);

/* Report an exception that cannot propagate (a __del__ or a weakref callback
   raising): "Exception ignored in: <where>" and the traceback, on stderr, as
   CPython's PyErr_WriteUnraisable. Clears the pending exception. */
void mp_err_write_unraisable(MpObject *where);

/* Start-up: ready the exception types and the preallocated MemoryError. */
int mp_errors_init(void);
/* Shutdown: drop the pending exception and the preallocated MemoryError (with
   the traceback it may hold), while the objects they reach can still die. */
void mp_errors_fini(void);

#endif
