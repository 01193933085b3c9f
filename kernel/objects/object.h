/*
 * kernel/objects/object.h - the Minipy object model: MpObject, MpType and its slots,
 * and the layouts and constructors of the builtin types.
 *
 * An MpObject is a gc/ GcHead. Its GcHead.type points at the GcType embedded in
 * an MpType, so mp_type(o) is one subtraction. Types are objects themselves
 * (class `type`); builtin ones are static and immortal, classes made by `class`
 * statements are heap objects that their instances keep alive.
 *
 * Conventions (CPython's): a function returning MpObject * returns a NEW reference,
 * or NULL with an exception set (see errors.h); int-returning ones return -1 on
 * error. "Borrowed" is said where a result is not a new reference.
 */
#ifndef MINIPY_KERNEL_OBJECTS_OBJECT_H
#define MINIPY_KERNEL_OBJECTS_OBJECT_H

#include "gc.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef GcHead MpObject;
typedef struct MpType MpType;

#define MP_INCREF(o)  GC_INCREF(o)
#define MP_DECREF(o)  GC_DECREF(o)
#define MP_XINCREF(o) GC_XINCREF(o)
#define MP_XDECREF(o) GC_XDECREF(o)
#define MP_CLEAR(o)   GC_CLEAR(o)
/* Store a new reference into *slot, releasing the old one afterwards. */
#define MP_SETREF(slot, value)                                                 \
    do {                                                                       \
        MpObject *mp_setref_old_ = (MpObject *)(slot);                         \
        (slot) = (value);                                                      \
        MP_XDECREF(mp_setref_old_);                                            \
    } while (0)

/* Static objects start here, as CPython 3.11's immortal statics (999,999,999). */
#define MP_IMMORTAL_REFCNT GC_IMMORTAL_REFCNT

/* A defensive check that must not crash a user's session: asserts in debug
   builds, evaluates to the condition in release builds (SQLite's ALWAYS/NEVER). */
#ifdef NDEBUG
#define MP_ALWAYS(x) (x)
#define MP_NEVER(x)  (x)
#else
void mp_assert_fail(const char *expr, const char *file, int line);
#define MP_ALWAYS(x) ((x) ? 1 : (mp_assert_fail(#x, __FILE__, __LINE__), 0))
#define MP_NEVER(x)  ((x) ? (mp_assert_fail(#x, __FILE__, __LINE__), 1) : 0)
#endif
/* A broken invariant: print and abort (Redis serverAssert). */
#define MP_ASSERT(x) ((x) ? (void)0 : mp_assert_abort(#x, __FILE__, __LINE__))
void mp_assert_abort(const char *expr, const char *file, int line);

/* ==== Calling convention (CPython's vectorcall) ====
 * args holds nargs positional values followed by one value per name in kwnames
 * (a tuple of str, or NULL). All borrowed. */
typedef MpObject *(*MpNativeFn)(MpObject *self, MpObject *const *args, size_t nargs,
                                MpObject *kwnames);

typedef enum MpMethodFlags {
    MP_METH_DEFAULT = 0,
    MP_METH_STATIC = 1, /* no receiver: self is NULL */
    MP_METH_CLASS = 2,  /* receiver is the type */
} MpMethodFlags;

typedef struct MpMethodDef {
    const char *name;
    MpNativeFn fn;
    int flags;
    const char *doc; /* first line: the signature, "append(self, object, /)" */
} MpMethodDef;

/* A C-computed attribute (exception.args, function.__name__, ...). set may be
   NULL (read-only: AttributeError "readonly attribute"). */
typedef struct MpGetSetDef {
    const char *name;
    MpObject *(*get)(MpObject *self);
    int (*set)(MpObject *self, MpObject *value);
} MpGetSetDef;

typedef enum MpCompareOp { MP_LT, MP_LE, MP_EQ, MP_NE, MP_GT, MP_GE } MpCompareOp;

typedef enum MpBinaryOp {
    MP_OP_ADD,
    MP_OP_SUB,
    MP_OP_MUL,
    MP_OP_TRUEDIV,
    MP_OP_FLOORDIV,
    MP_OP_MOD,
    MP_OP_POW,
    MP_OP_LSHIFT,
    MP_OP_RSHIFT,
    MP_OP_AND,
    MP_OP_OR,
    MP_OP_XOR,
    MP_OP_COUNT
} MpBinaryOp;

typedef enum MpUnaryOp { MP_OP_NEG, MP_OP_POS, MP_OP_INVERT } MpUnaryOp;

typedef enum MpTypeFlags {
    MP_TF_HEAP = 1,     /* made by a class statement; instances own a ref to it */
    MP_TF_BASETYPE = 2, /* may be subclassed by a class statement */
    MP_TF_EXCEPTION = 4, /* BaseException or a subclass */
    /* Instances may be weakly referenced (CPython's tp_weaklistoffset != 0);
       instances of heap types always may. */
    MP_TF_WEAKREFABLE = 8,
    /* Instances are MpInstance followed by attrs_hint inline attribute values
       (see MpAttrs): classes deriving from object and their subclasses. */
    MP_TF_INLINE_VALUES = 16
} MpTypeFlags;

struct MpType {
    MpObject ob; /* a type is an object of class `type` */
    GcType gc;   /* gc.name is the type's __name__ as a C string */
    MpType *base;
    MpObject *dict;    /* MpDict of attributes: methods, class attributes */
    MpObject *name;    /* str: __name__ */
    MpObject *qualname; /* str: __qualname__ (heap types), else NULL */
    MpObject *module;  /* str: __module__ ("builtins" when NULL) */
    size_t basicsize;  /* instance size for new_ of heap types */
    size_t attrs_offset; /* offset of the instances' MpAttrs, or 0 */
    /* Pairs a new instance's attribute block is made for: the most attributes
       an instance of this type had, up to MP_ATTRS_SMALL_MAX (CPython 3.11
       sizes a class's shared keys the same way); as many inline value slots
       for MP_TF_INLINE_VALUES types. */
    unsigned attrs_hint;
    unsigned flags;    /* MpTypeFlags */
    /* The names inline values belong to (MP_TF_INLINE_VALUES), made on first
       use, freed with the type. */
    struct MpSharedKeys *shared_keys;

    /* Slots. NULL means "not supported" unless said otherwise; heap types get
       slot functions that call the class's dunder methods. */
    /* type(...) call: build an instance. */
    MpObject *(*new_)(MpType *type, MpObject *const *args, size_t nargs,
                      MpObject *kwnames);
    MpObject *(*repr)(MpObject *self);
    MpObject *(*str)(MpObject *self);      /* NULL: repr */
    /* -1 with an exception on error (unhashable); never -1 otherwise. */
    int64_t (*hash)(MpObject *self);
    /* Returns a new reference, or mp_notimpl (new ref) when not comparable. */
    MpObject *(*richcompare)(MpObject *a, MpObject *b, MpCompareOp op);
    int (*truth)(MpObject *self);           /* NULL: len, else true */
    /* Arithmetic: called for a's type then b's (reflected), like CPython's nb_*
       slots: the function checks both operand types; mp_notimpl if it can't. */
    MpObject *(*binop)(MpObject *a, MpObject *b, MpBinaryOp op);
    /* In-place variant (list +=); NULL: binop. */
    MpObject *(*inplace)(MpObject *a, MpObject *b, MpBinaryOp op);
    MpObject *(*unop)(MpObject *a, MpUnaryOp op);
    MpObject *(*call)(MpObject *self, MpObject *const *args, size_t nargs,
                      MpObject *kwnames);
    /* NULL: mp_generic_getattr / mp_generic_setattr. value NULL means delete. */
    MpObject *(*getattr)(MpObject *self, MpObject *name);
    int (*setattr)(MpObject *self, MpObject *name, MpObject *value);
    MpObject *(*iter)(MpObject *self);
    /* NULL without an exception set: exhausted (no StopIteration object). */
    MpObject *(*iternext)(MpObject *self);
    int64_t (*len)(MpObject *self);
    MpObject *(*getitem)(MpObject *self, MpObject *key);
    int (*setitem)(MpObject *self, MpObject *key, MpObject *value); /* NULL: del */
    int (*contains)(MpObject *self, MpObject *item); /* NULL: iterate */
    const MpMethodDef *methods;
    const MpGetSetDef *getsets;
};

/* The MpType of an object. */
static inline MpType *mp_type(const MpObject *o)
{
    return (MpType *)((char *)o->type - offsetof(MpType, gc));
}
static inline const char *mp_type_name(const MpObject *o)
{
    return o->type->name;
}

/* Static type definition: MpType mp_list_type = { MP_STATIC_TYPE_HEAD, .gc = {...}, ...}; */
extern MpType mp_type_type;
#define MP_STATIC_OBJECT_HEAD(typeobj) {.refcnt = MP_IMMORTAL_REFCNT, .type = &(typeobj).gc}
#define MP_STATIC_TYPE_HEAD            .ob = MP_STATIC_OBJECT_HEAD(mp_type_type)

/* Fill a static type's dict from its methods/getsets and set name and base
   (object when NULL). Called once at start-up. 0 or -1. */
int mp_type_ready(MpType *type);
/* Is `type` `base` or derived from it? */
bool mp_type_is_subtype(const MpType *type, const MpType *base);
static inline bool mp_is_instance_of(const MpObject *o, const MpType *t)
{
    return mp_type(o) == t || mp_type_is_subtype(mp_type(o), t);
}
/* Look an attribute up along the type's bases (borrowed, NULL: absent, no error).
   Results for interned names are cached until mp_type_modified(). */
MpObject *mp_type_lookup(const MpType *type, MpObject *name);
/* Forget every cached mp_type_lookup() result: a type's dict changed, or a type
   went away (CPython's PyType_Modified, for all types at once). */
void mp_type_modified(void);

/* ==== The builtin types' layouts ==== */

extern MpType mp_object_type, mp_none_type, mp_notimpl_type, mp_bool_type, mp_int_type,
    mp_float_type, mp_str_type, mp_list_type, mp_tuple_type, mp_dict_type, mp_set_type,
    mp_range_type, mp_slice_type;

extern MpObject mp_none_obj, mp_notimpl_obj;
#define mp_none    (&mp_none_obj)
#define mp_notimpl (&mp_notimpl_obj)
/* Return None / NotImplemented as a new reference. */
#define MP_RETURN_NONE  return (MP_INCREF(mp_none), mp_none)

/* int and bool (bool's values are ints: True + 1 == 2). 64-bit; overflow raises
   OverflowError. -5..256 are cached and immortal. */
typedef struct MpInt {
    MpObject ob;
    int64_t value;
} MpInt;
extern MpInt mp_true_obj, mp_false_obj;
#define mp_true  ((MpObject *)&mp_true_obj)
#define mp_false ((MpObject *)&mp_false_obj)
MpObject *mp_int_new(int64_t v);
static inline bool mp_is_int(const MpObject *o) /* int or bool */
{
    return o->type == &mp_int_type.gc || o->type == &mp_bool_type.gc;
}
#define MP_INT_VALUE(o) (((MpInt *)(o))->value)
/* New reference to True or False. */
MpObject *mp_bool(bool b);

typedef struct MpFloat {
    MpObject ob;
    double value;
} MpFloat;
MpObject *mp_float_new(double v);
#define MP_FLOAT_VALUE(o) (((MpFloat *)(o))->value)
/* CPython's float repr: shortest round-trip string. buf >= 32 bytes. */
void mp_float_format_repr(double v, char *buf, size_t bufsize);
/* round(x[, ndigits]) for int and float (ndigits NULL or None: an int). */
MpObject *mp_number_round(MpObject *x, MpObject *ndigits);

/* str: immutable, UTF-8, NUL-terminated; length counts code points. The two
   flags share a word with the length, so the header is 40 bytes (as CPython's
   compact ASCII object) and a 6-character str fits a 48-byte block. */
typedef struct MpStr {
    MpObject ob;
    int64_t hash;     /* -1 until computed */
    int64_t size;     /* bytes, without the NUL */
    uint64_t info;    /* code points | MP_STR_ASCII | MP_STR_INTERNED */
    char data[];
} MpStr;
#define MP_STR_ASCII    ((uint64_t)1 << 63) /* every byte < 0x80: O(1) indexing */
#define MP_STR_INTERNED ((uint64_t)1 << 62)
#define MP_STR_FLAGS    (MP_STR_ASCII | MP_STR_INTERNED)
static inline int64_t mp_str_length(const MpStr *s)
{
    return (int64_t)(s->info & ~MP_STR_FLAGS);
}
static inline bool mp_str_is_ascii(const MpStr *s)
{
    return (s->info & MP_STR_ASCII) != 0;
}
static inline bool mp_str_is_interned(const MpStr *s)
{
    return (s->info & MP_STR_INTERNED) != 0;
}
/* Copies `size` bytes of valid UTF-8. */
MpObject *mp_str_new(const char *s, size_t size);
MpObject *mp_str_from_cstr(const char *s);
/* The interned string for s (new reference): same object for equal strings. */
MpObject *mp_str_intern(const char *s);
/* The same, borrowed: the intern table keeps it until mp_objects_fini(), so a
   static may hold it for the runtime's life without owning a reference. */
MpObject *mp_str_intern_borrowed(const char *s);
/* Intern an existing str in place: replaces *p with the interned object. */
void mp_str_intern_inplace(MpObject **p);
static inline bool mp_is_str(const MpObject *o)
{
    return o->type == &mp_str_type.gc;
}
#define MP_STR_DATA(o) (((MpStr *)(o))->data)
#define MP_STR_SIZE(o) (((MpStr *)(o))->size)
#define MP_STR_LEN(o)  mp_str_length((const MpStr *)(o))
bool mp_str_equal(MpObject *a, MpObject *b); /* both str */
int64_t mp_str_hash(MpObject *s);
/* printf-style into a new str. */
MpObject *mp_str_format_c(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* s with every non-ASCII code point escaped as repr escapes it (ascii()'s second
   half): "\xe9", "\u20ac". New reference. */
MpObject *mp_str_ascii_escape(MpObject *s);
/* Concatenation of two str. */
MpObject *mp_str_concat(MpObject *a, MpObject *b);

/* A growable byte buffer for building strings (reprs, joins, f-strings). */
typedef struct MpStrBuf {
    char *data;
    size_t size, cap;
    bool failed; /* an allocation failed: finish returns NULL with MemoryError */
} MpStrBuf;
void mp_strbuf_init(MpStrBuf *b);
void mp_strbuf_add(MpStrBuf *b, const char *s, size_t n);
void mp_strbuf_add_cstr(MpStrBuf *b, const char *s);
void mp_strbuf_add_char(MpStrBuf *b, char c);
/* Append str(o) / repr(o); -1 with an exception set on error. */
int mp_strbuf_add_str(MpStrBuf *b, MpObject *o);
int mp_strbuf_add_repr(MpStrBuf *b, MpObject *o);
/* Turn into a str (new reference) and free the buffer. */
MpObject *mp_strbuf_finish(MpStrBuf *b);
void mp_strbuf_free(MpStrBuf *b);

typedef struct MpList {
    MpObject ob;
    int64_t size;
    int64_t allocated;
    MpObject **items;
} MpList;
/* A list of n items, all set to NULL: the caller fills them (steals). */
MpObject *mp_list_new(int64_t n);
/* The generator a generator expression evaluates to, over list (its items,
   computed at once). New reference or NULL. */
MpObject *mp_generator_new(MpObject *list);
/* An empty list with room for capacity items (what sys.getsizeof reports). */
MpObject *mp_list_new_reserved(int64_t capacity);
int mp_list_append(MpObject *list, MpObject *v); /* borrows v */
/* CPython's PySequence_Fast: v itself (new reference) when a list or tuple,
   else a new list of its items; a TypeError from iter(v) becomes
   `not_iterable` ("can only join an iterable"). NULL with an exception. */
MpObject *mp_list_sequence_fast(MpObject *v, const char *not_iterable);
/* Free the dead lists kept for reuse (after a full collection). */
void mp_list_clear_freelist(void);
/* The same for the parked ints and floats: parked, they still count as live
   objects (gc_live_objects), so a full collection frees them as CPython's
   clear_freelists frees its floats. */
void mp_int_clear_freelist(void);
void mp_float_clear_freelist(void);
#define MP_LIST_ITEMS(o) (((MpList *)(o))->items)
#define MP_LIST_SIZE(o)  (((MpList *)(o))->size)
/* Sort in place with an optional key function and reverse flag (stable). */
int mp_list_sort(MpObject *list, MpObject *key, bool reverse);

typedef struct MpTuple {
    MpObject ob;
    int64_t size;
    MpObject *items[];
} MpTuple;
/* A tuple of n NULL items: the caller fills them (steals). n == 0: the empty
   tuple singleton. */
MpObject *mp_tuple_new(int64_t n);
MpObject *mp_tuple_pack(int64_t n, ...); /* borrows each item */
#define MP_TUPLE_ITEMS(o) (((MpTuple *)(o))->items)
#define MP_TUPLE_SIZE(o)  (((MpTuple *)(o))->size)
/* Free the dead tuples kept for reuse (after a full collection). */
void mp_tuple_clear_freelists(void);

/* An insertion-ordered hash table from objects to objects: what a dict holds,
   and what instances with many attributes use (see MpAttrs). */
typedef struct MpTableEntry {
    int64_t hash;
    MpObject *key; /* NULL: deleted entry */
    MpObject *value;
} MpTableEntry;
/* The part of a table that grows, allocated apart as CPython's keys object: this
   header, `nindices` indices, then `capacity` entries in one buffer. Every empty
   table shares one static empty keys (nindices 0) until its first insert. */
typedef struct MpTableKeys {
    int64_t nentries; /* entries slots used, live or deleted */
    int64_t capacity; /* entries allocated */
    int64_t nindices; /* power of two; 0 in the shared empty keys */
    /* 0, or a number no other keys ever had, kept until a key is added or
       removed (CPython's dk_version): caches of where a key sits check it. */
    uint64_t version;
    int64_t indices[]; /* -1 empty, -2 dummy, else entry index */
} MpTableKeys;
static inline MpTableEntry *mp_table_entries(MpTableKeys *k)
{
    return (MpTableEntry *)(k->indices + k->nindices);
}
/* 32 bytes, so an empty dict is 64 as in CPython. */
typedef struct MpTable {
    int64_t used;      /* live entries */
    MpTableKeys *keys; /* never NULL */
    GcType *owner;     /* whose live_bytes the keys count toward */
    bool str_keys;     /* only str keys so far (CPython's unicode table kind) */
    bool watched;      /* a type's dict: every change calls mp_type_modified() */
} MpTable;
void mp_table_init(MpTable *t, GcType *owner);
void mp_table_fini(MpTable *t); /* drops every reference, frees the buffers */
/* Borrowed value or NULL; NULL with an exception only if hashing/eq failed
   (check mp_err_occurred()). */
MpObject *mp_table_get(MpTable *t, MpObject *key);
/* Fast path for interned str keys (pointer compare first). Borrowed or NULL. */
MpObject *mp_table_get_str(MpTable *t, MpObject *key);
/* The same lookup giving the entry's index in mp_table_entries(t->keys), or -1
   when absent. */
int64_t mp_table_index_str(MpTable *t, MpObject *key);
/* t->keys->version, first given a fresh number if it has none. */
uint64_t mp_table_keys_version(MpTable *t);
int mp_table_set(MpTable *t, MpObject *key, MpObject *value); /* borrows both */
/* 1 removed, 0 absent, -1 error. */
int mp_table_del(MpTable *t, MpObject *key);
/* Iterate: pos starts at 0; borrowed key and value; false at the end. */
bool mp_table_next(const MpTable *t, int64_t *pos, MpObject **key, MpObject **value);
/* The same backwards: pos starts at t->keys->nentries - 1 (a pos past the end,
   left by a table that shrank, restarts at the last entry). */
bool mp_table_prev(const MpTable *t, int64_t *pos, MpObject **key, MpObject **value);
int mp_table_traverse(MpTable *t, GcVisit visit, void *arg);
void mp_table_clear(MpTable *t);

typedef struct MpDict {
    MpObject ob;
    MpTable table;
} MpDict;

/* Instance attributes, as CPython 3.11's managed dict: one word in the object
   and no dict object until someone asks for obj.__dict__ (vars(obj)). The word
   is 0 while there are no attributes, then points at a small block of (name,
   value) pairs in insertion order, searched linearly by pointer (names are
   interned str as a rule); past MP_ATTRS_SMALL_MAX names, at a hashed MpTable;
   once __dict__ was asked for, at the real dict that the instance then uses.
   Its low two bits say which (MP_ATTRS_SMALL, _TABLE, _DICT). Blocks count
   toward the owner's live bytes: the functions that may free or grow one take
   the object's GcType.

   Instances of MP_TF_INLINE_VALUES types start in a fourth shape, INLINE
   (CPython 3.13's inline values with shared keys): the values sit in the
   instance right after the word, and the class's shared keys hold the names.
   values[i] belongs to shared name i; the word holds the capacity and the
   count used. INLINE lasts while the attributes are exactly the first `used`
   shared names, so set in the class's order and never deleted; anything else
   moves them to a small block first. */
typedef struct MpAttrs {
    uintptr_t bits;
} MpAttrs;
enum {
    MP_ATTRS_SMALL = 0,
    MP_ATTRS_TABLE = 1,
    MP_ATTRS_DICT = 2,
    MP_ATTRS_INLINE = 3,
    MP_ATTRS_TAG = 3
};
#define MP_ATTRS_SMALL_MAX 8
typedef struct MpAttrsPair {
    MpObject *name; /* str */
    MpObject *value;
} MpAttrsPair;
typedef struct MpAttrsSmall {
    uint16_t used, capacity;
    bool interned; /* every name is interned: for an interned name, a pointer
                      miss is a miss */
    MpAttrsPair pairs[];
} MpAttrsSmall;
/* A class's shared keys: interned names, append only. */
typedef struct MpSharedKeys {
    unsigned used;
    MpObject *names[MP_ATTRS_SMALL_MAX];
} MpSharedKeys;
/* The INLINE word: used count in bits 16-23, capacity in bits 8-15. */
static inline unsigned mp_attrs_inline_used(uintptr_t bits)
{
    return (unsigned)(bits >> 16) & 0xffu;
}
static inline MpObject **mp_attrs_inline_values(const MpAttrs *a)
{
    return (MpObject **)(uintptr_t)(a + 1);
}
/* INLINE is only ever the shape of an MpInstance, whose word follows the
   object header. */
static inline const MpSharedKeys *mp_attrs_inline_keys(const MpAttrs *a)
{
    return mp_type((const MpObject *)a - 1)->shared_keys;
}

static inline void mp_attrs_init(MpAttrs *a)
{
    a->bits = 0;
}
/* An MpInstance's attributes with `capacity` inline value slots after them. */
void mp_attrs_init_inline(MpAttrs *a, unsigned capacity);
/* Drop a type's shared keys (NULL: nothing). */
void mp_shared_keys_free(MpSharedKeys *k);
/* Drop every attribute (the block is detached before any DECREF runs). */
void mp_attrs_clear(MpAttrs *a, GcType *owner);
static inline void mp_attrs_fini(MpAttrs *a, GcType *owner)
{
    mp_attrs_clear(a, owner);
}
int mp_attrs_traverse(MpAttrs *a, GcVisit visit, void *arg);
/* The dict of the attributes, created on first use (new reference). */
MpObject *mp_attrs_dict(MpAttrs *a, GcType *owner);
MpObject *mp_attrs_get_slow(const MpAttrs *a, MpObject *name);
/* The value of attribute `name` (a str), borrowed, or NULL (never an error). */
static inline MpObject *mp_attrs_get(const MpAttrs *a, MpObject *name)
{
    if (a->bits == 0)
        return NULL;
    if ((a->bits & MP_ATTRS_TAG) == MP_ATTRS_SMALL) {
        const MpAttrsSmall *s = (const MpAttrsSmall *)a->bits;
        for (uint16_t i = 0; i < s->used; i++)
            if (s->pairs[i].name == name)
                return s->pairs[i].value;
        if (s->interned && mp_str_is_interned((const MpStr *)name))
            return NULL;
    } else if ((a->bits & MP_ATTRS_TAG) == MP_ATTRS_INLINE) {
        unsigned n = mp_attrs_inline_used(a->bits);
        const MpSharedKeys *k = mp_attrs_inline_keys(a);
        for (unsigned i = 0; i < n; i++)
            if (k->names[i] == name)
                return mp_attrs_inline_values(a)[i];
        if (mp_str_is_interned((const MpStr *)name))
            return NULL;
    }
    return mp_attrs_get_slow(a, name);
}
/* Set attribute `name` (a str) to value; borrows both. 0 or -1 (MemoryError). */
int mp_attrs_set(MpAttrs *a, GcType *owner, MpObject *name, MpObject *value);
/* 1 removed, 0 absent (no exception), -1 error. */
int mp_attrs_del(MpAttrs *a, GcType *owner, MpObject *name);
/* Iterate in insertion order: pos starts at 0; borrowed name and value. */
bool mp_attrs_next(const MpAttrs *a, int64_t *pos, MpObject **name, MpObject **value);
/* o's attributes, or NULL when its type keeps none. */
static inline MpAttrs *mp_object_attrs(MpObject *o)
{
    size_t off = mp_type(o)->attrs_offset;
    return off ? (MpAttrs *)((char *)o + off) : NULL;
}
MpObject *mp_dict_new(void);
/* Free the dead dicts kept for reuse (after a full collection). */
void mp_dict_clear_freelist(void);
/* Borrowed or NULL (see mp_table_get). */
MpObject *mp_dict_get(MpObject *d, MpObject *key);
MpObject *mp_dict_get_cstr(MpObject *d, const char *key);
int mp_dict_set(MpObject *d, MpObject *key, MpObject *value);
int mp_dict_set_cstr(MpObject *d, const char *key, MpObject *value);
int mp_dict_del(MpObject *d, MpObject *key); /* 1, 0 absent (no error), -1 */
bool mp_dict_next(MpObject *d, int64_t *pos, MpObject **key, MpObject **value);
#define MP_DICT_LEN(o) (((MpDict *)(o))->table.used)

/* CPython's set table (open addressing, linear probes then perturbation), so
   iteration order and sys.getsizeof match: {3, 1, 2} prints {1, 2, 3}. */
typedef struct MpSetEntry {
    MpObject *key; /* NULL: unused; the dummy marker: deleted */
    int64_t hash;
} MpSetEntry;
typedef struct MpSet {
    MpObject ob;
    int64_t fill;   /* active + dummy entries */
    int64_t used;   /* active entries */
    int64_t mask;   /* table size - 1 */
    int64_t finger; /* where pop() searches next */
    MpSetEntry *table; /* small, or a buffer for more than 8 slots */
    MpSetEntry small[8];
} MpSet;
MpObject *mp_set_new(void);
int mp_set_add(MpObject *set, MpObject *key);

/* range(start, stop, step) and slice objects. */
typedef struct MpRange {
    MpObject ob;
    int64_t start, stop, step, length;
} MpRange;
MpObject *mp_range_new(int64_t start, int64_t stop, int64_t step);

typedef struct MpSlice {
    MpObject ob;
    MpObject *start, *stop, *step; /* None when omitted */
} MpSlice;
MpObject *mp_slice_new(MpObject *start, MpObject *stop, MpObject *step);
/* CPython's PySlice_GetIndicesEx: clamp to a sequence of `length`; returns the
   slice length, or -1 with an exception. */
int64_t mp_slice_indices(MpObject *slice, int64_t length, int64_t *start, int64_t *stop,
                         int64_t *step);
/* One slice bound that is not None, as CPython's _PyEval_SliceIndex: an int or
   an object with __index__, else "slice indices must be integers or None or
   have an __index__ method". 0 or -1. */
int mp_slice_index(MpObject *o, int64_t *out);
/* The same where None is no default (list.index's start and stop), as
   _PyEval_SliceIndexNotNone: "slice indices must be integers or have an
   __index__ method". */
int mp_slice_index_not_none(MpObject *o, int64_t *out);

/* ==== Native functions and methods ==== */

/* A builtin function or a bound builtin method (self != NULL). */
typedef struct MpNative {
    MpObject ob;
    const MpMethodDef *def;
    MpObject *self;   /* owned; NULL for plain functions */
    MpObject *module; /* owned str or NULL: __module__ */
} MpNative;
extern MpType mp_native_type, mp_method_descr_type;
MpObject *mp_native_new(const MpMethodDef *def, MpObject *self);

/* An unbound method of a builtin type, found in the type's dict. */
typedef struct MpMethodDescr {
    MpObject ob;
    const MpMethodDef *def;
    MpType *owner;
} MpMethodDescr;

/* ==== Start-up ==== */
/* Ready every builtin type and create the singletons. 0 or -1. */
int mp_objects_init(void);
/* Release what mp_type_ready() gave every static type (dict, name, module);
   after the last instance died. mp_type_ready() works again afterwards. */
void mp_objects_fini(void);

#endif
