/*
 * kernel/vm/suggest.c - finds the name CPython 3.11 offers after "Did you
 * mean:" when it prints an uncaught NameError or AttributeError.
 *
 * As CPython 3.11's Python/suggestions.c: the candidate closest to the missing
 * name by a Levenshtein distance over UTF-8 bytes (a case change costs 1, any
 * other edit 2), at most a third of the bytes involved; the first of equally
 * close ones wins. The exception's str() never changes: only the printed
 * traceback carries the suggestion.
 */
#include "suggest.h"

#include "builtins.h"
#include "errors.h"
#include "runtime.h"
#include "vm.h"

#include <string.h>

#define MAX_CANDIDATE_ITEMS 750 /* this many candidates or more: no suggestion */
#define MAX_STRING_SIZE     40  /* longer once common affixes go: too far */
#define MOVE_COST           2   /* insert, delete or replace a byte */
#define CASE_COST           1   /* replace an ASCII letter by its other case */

static size_t substitution_cost(unsigned char a, unsigned char b)
{
    if ((a & 31) != (b & 31))
        return MOVE_COST;
    if (a == b)
        return 0;
    if (a >= 'A' && a <= 'Z')
        a += 'a' - 'A';
    if (b >= 'A' && b <= 'Z')
        b += 'a' - 'A';
    return a == b ? CASE_COST : MOVE_COST;
}

/* The edit distance of a and b, or max_cost + 1 once it must exceed
   max_cost. One row of the matrix, updated in place. */
static size_t levenshtein(const unsigned char *a, size_t na, const unsigned char *b,
                          size_t nb, size_t max_cost)
{
    while (na && nb && a[0] == b[0]) {
        a++, b++;
        na--, nb--;
    }
    while (na && nb && a[na - 1] == b[nb - 1])
        na--, nb--;
    if (na == 0 || nb == 0)
        return (na + nb) * MOVE_COST;
    if (na > MAX_STRING_SIZE || nb > MAX_STRING_SIZE)
        return max_cost + 1;
    if (nb < na) { /* the row follows the shorter string */
        const unsigned char *t = a;
        size_t nt = na;
        a = b, na = nb;
        b = t, nb = nt;
    }
    if ((nb - na) * MOVE_COST > max_cost)
        return max_cost + 1;
    size_t row[MAX_STRING_SIZE]; /* row[i]: cost of b[:j] to a[:i+1] */
    for (size_t i = 0; i < na; i++)
        row[i] = (i + 1) * MOVE_COST;
    size_t result = 0;
    for (size_t j = 0; j < nb; j++) {
        size_t diagonal = result = j * MOVE_COST, minimum = SIZE_MAX;
        for (size_t i = 0; i < na; i++) {
            size_t substitute = diagonal + substitution_cost(b[j], a[i]);
            diagonal = row[i];
            size_t insert_delete = (result < diagonal ? result : diagonal) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            row[i] = result;
            if (result < minimum)
                minimum = result;
        }
        if (minimum > max_cost)
            return max_cost + 1;
    }
    return result;
}

/* The candidate closest to name (borrowed), or NULL: none is close enough,
   there are too many, or one is not a str. */
static MpObject *closest(MpObject *const *items, int64_t n, MpObject *name)
{
    if (n >= MAX_CANDIDATE_ITEMS)
        return NULL;
    const unsigned char *s = (const unsigned char *)MP_STR_DATA(name);
    size_t ns = (size_t)MP_STR_SIZE(name);
    MpObject *best = NULL;
    size_t best_distance = SIZE_MAX;
    for (int64_t i = 0; i < n; i++) {
        if (!mp_is_str(items[i]))
            return NULL;
        const unsigned char *c = (const unsigned char *)MP_STR_DATA(items[i]);
        size_t nc = (size_t)MP_STR_SIZE(items[i]);
        if (nc == ns && memcmp(c, s, ns) == 0)
            continue;
        size_t max_distance = (ns + nc + 3) * MOVE_COST / 6;
        if (max_distance > best_distance - 1)
            max_distance = best_distance - 1;
        size_t d = levenshtein(s, ns, c, nc, max_distance);
        if (d <= max_distance && d < best_distance) {
            best = items[i];
            best_distance = d;
        }
    }
    return best;
}

/* closest() in a list, which it consumes. New reference or NULL. */
static MpObject *closest_in(MpObject *list, MpObject *name)
{
    if (!list)
        return NULL;
    MpObject *r = closest(MP_LIST_ITEMS(list), MP_LIST_SIZE(list), name);
    MP_XINCREF(r);
    MP_DECREF(list);
    return r;
}

/* Append a dict's keys to list in insertion order, except those in skip (a
   dict or NULL). Consumes list; returns it, or NULL. */
static MpObject *add_keys(MpObject *list, MpObject *dict, MpObject *skip)
{
    int64_t pos = 0;
    MpObject *k, *v;
    while (list && mp_dict_next(dict, &pos, &k, &v))
        if ((!skip || !mp_dict_get(skip, k)) && mp_list_append(list, k) < 0)
            MP_CLEAR(list);
    return list;
}

/* CPython 3.11's builtin names, in the order of its dict: of equally close
   names, the first wins. */
static const char cpython_builtins[] =
    "__name__ __doc__ __package__ __loader__ __spec__ __build_class__ __import__ "
    "abs all any ascii bin breakpoint callable chr compile delattr dir divmod eval "
    "exec format getattr globals hasattr hash hex id input isinstance issubclass "
    "iter aiter len locals max min next anext oct ord pow print repr round setattr "
    "sorted sum vars None Ellipsis NotImplemented False True bool memoryview "
    "bytearray bytes classmethod complex dict enumerate filter float frozenset "
    "property int list map object range reversed set slice staticmethod str super "
    "tuple type zip __debug__ BaseException BaseExceptionGroup Exception "
    "GeneratorExit KeyboardInterrupt SystemExit ArithmeticError AssertionError "
    "AttributeError BufferError EOFError ImportError LookupError MemoryError "
    "NameError OSError ReferenceError RuntimeError StopAsyncIteration StopIteration "
    "SyntaxError SystemError TypeError ValueError Warning FloatingPointError "
    "OverflowError ZeroDivisionError BytesWarning DeprecationWarning "
    "EncodingWarning FutureWarning ImportWarning PendingDeprecationWarning "
    "ResourceWarning RuntimeWarning SyntaxWarning UnicodeWarning UserWarning "
    "BlockingIOError ChildProcessError ConnectionError FileExistsError "
    "FileNotFoundError InterruptedError IsADirectoryError NotADirectoryError "
    "PermissionError ProcessLookupError TimeoutError IndentationError IndexError "
    "KeyError ModuleNotFoundError NotImplementedError RecursionError "
    "UnboundLocalError UnicodeError BrokenPipeError ConnectionAbortedError "
    "ConnectionRefusedError ConnectionResetError TabError UnicodeDecodeError "
    "UnicodeEncodeError UnicodeTranslateError ExceptionGroup EnvironmentError "
    "IOError open quit exit copyright credits license help";

/* Is the name a candidate: a builtin Minipy has, or None, True or False
   (names in CPython's builtins, keywords to Minipy's parser)? */
static bool is_candidate(MpObject *name, MpObject *builtins)
{
    const char *s = MP_STR_DATA(name);
    return mp_dict_get(builtins, name) || strcmp(s, "None") == 0 ||
           strcmp(s, "True") == 0 || strcmp(s, "False") == 0;
}

/* The builtins as candidates: those in CPython's table in its order, then
   Minipy's own in insertion order. New reference or NULL. */
static MpObject *builtin_candidates(void)
{
    MpObject *builtins = vm_builtins(), *seen = mp_dict_new();
    MpObject *list = seen ? mp_list_new(0) : NULL;
    for (const char *c = cpython_builtins; list && *c;) {
        size_t len = strcspn(c, " ");
        MpObject *s = mp_str_new(c, len);
        if (!s || (is_candidate(s, builtins) &&
                   (mp_list_append(list, s) < 0 || mp_dict_set(seen, s, s) < 0)))
            MP_CLEAR(list);
        MP_XDECREF(s);
        c += len + (c[len] == ' ');
    }
    list = add_keys(list, builtins, seen);
    MP_XDECREF(seen);
    return list;
}

static MpObject *for_name_error(MpObject *name, MpObject *varnames)
{
    MpObject *r = closest(MP_TUPLE_ITEMS(varnames), MP_TUPLE_SIZE(varnames), name);
    if (r) {
        MP_INCREF(r);
        return r;
    }
    r = closest_in(add_keys(mp_list_new(0), mp_runtime_globals(), NULL), name);
    return r ? r : closest_in(builtin_candidates(), name);
}

static MpObject *for_attribute_error(MpObject *name, MpObject *obj)
{
    return closest_in(mp_object_dir(obj), name);
}

MpObject *mp_suggest_for(MpObject *exc, MpObject *varnames)
{
    MpException *e = (MpException *)exc;
    MpType *t = mp_type(exc);
    MpObject *r = NULL;
    if (!e->name || !mp_is_str(e->name))
        return NULL;
    MpObject *saved = mp_err_fetch();
    if (t == mp_NameError && varnames)
        r = for_name_error(e->name, varnames);
    else if (t == mp_AttributeError && e->obj)
        r = for_attribute_error(e->name, e->obj);
    mp_err_clear();
    if (saved) {
        mp_err_set_object(saved);
        MP_DECREF(saved);
    }
    return r;
}
