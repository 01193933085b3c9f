/*
 * tests/unit/unit.h - the tiny assertion kit every C unit test uses.
 *
 * CHECK records file, line and expression and keeps going; UNIT_DONE() returns
 * 0 when every check passed and 1 otherwise (meson: 77 skip, 99 setup error).
 */
#ifndef MINIPY_TESTS_UNIT_UNIT_H
#define MINIPY_TESTS_UNIT_UNIT_H

#include <stdio.h>

static int unit_failures;
static int unit_checks;

#define CHECK(cond)                                                            \
    do {                                                                       \
        unit_checks++;                                                         \
        if (!(cond)) {                                                         \
            unit_failures++;                                                   \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
        }                                                                      \
    } while (0)

#define UNIT_DONE()                                                            \
    (printf("%d checks, %d failed\n", unit_checks, unit_failures),             \
     unit_failures ? 1 : 0)

#endif
