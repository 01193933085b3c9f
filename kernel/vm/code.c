/*
 * kernel/vm/code.c - the code object type and the opcode name table.
 */
#include "code.h"

#include "opcodes.h"

#include <stdlib.h>

const char *const mp_opcode_names[OP_COUNT] = {
#define MP_OPCODE_NAME(name) #name,
    MP_OPCODES(MP_OPCODE_NAME)
#undef MP_OPCODE_NAME
};

static int code_traverse(GcHead *self, GcVisit visit, void *arg)
{
    MpCode *c = (MpCode *)self;
    MpObject *refs[] = {c->consts, c->names, c->varnames, c->cellvars, c->freevars,
                        c->name, c->qualname, c->filename, c->doc};
    int r;
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (refs[i] && (r = visit(refs[i], arg)))
            return r;
    return 0;
}

static void code_clear(GcHead *self)
{
    MpCode *c = (MpCode *)self;
    MP_CLEAR(c->consts);
    MP_CLEAR(c->names);
    MP_CLEAR(c->varnames);
    MP_CLEAR(c->cellvars);
    MP_CLEAR(c->freevars);
    MP_CLEAR(c->doc);
}

static void code_dealloc(GcHead *self)
{
    MpCode *c = (MpCode *)self;
    code_clear(self);
    MP_CLEAR(c->name);
    MP_CLEAR(c->qualname);
    MP_CLEAR(c->filename);
    free(c->instrs);
    free(c->lines);
    free(c->exc_table);
    free(c->cell2arg);
    free(c->global_cache);
    gc_free(self);
}

static size_t code_size(const GcHead *self)
{
    const MpCode *c = (const MpCode *)self;
    return 176 + 2 * (size_t)c->ninstrs;
}

bool mp_code_position(const MpCode *c, uint32_t i, MpCodePos *out)
{
    const MpCodePos *runs = mp_code_positions(c);
    uint32_t lo = 0, hi = c->npositions;
    /* The last run starting at or before i. */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (runs[mid].start <= i)
            lo = mid;
        else
            hi = mid;
    }
    if (c->npositions == 0 || runs[lo].start > i)
        return false;
    *out = runs[lo];
    return true;
}

static MpObject *code_repr(MpObject *self)
{
    MpCode *c = (MpCode *)self;
    return mp_str_format_c("<code object %s at %p, file \"%s\", line %d>",
                           MP_STR_DATA(c->name), (void *)self, MP_STR_DATA(c->filename),
                           c->firstlineno);
}

MpType mp_code_type = {
    MP_STATIC_TYPE_HEAD,
    .gc = {.name = "code",
           .traverse = code_traverse,
           .clear = code_clear,
           .dealloc = code_dealloc,
           .size = code_size},
    .basicsize = sizeof(MpCode),
    .repr = code_repr,
};
