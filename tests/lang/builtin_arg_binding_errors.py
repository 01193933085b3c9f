# Argument errors of builtins that take keywords, in CPython 3.11's order and
# wording: too many in all, too few positional-only, a missing required one,
# a keyword given twice, an unknown keyword.
import math
import sys


def attempt(label, call):
    try:
        print(label, call())
    except TypeError as e:
        print(label, 'TypeError:', e)


attempt('sorted foo', lambda: sorted([1], foo=1))
attempt('int foo', lambda: int('1', foo=1))
attempt('str foo', lambda: str(foo=1))
attempt('round foo', lambda: round(1, foo=1))
attempt('sum foo', lambda: sum([], foo=1))
attempt('sum none', lambda: sum())
attempt('split foo', lambda: 'a'.split(foo=1))
attempt('split name and position', lambda: 'a,b'.split(',', sep=','))
attempt('split too many', lambda: 'a'.split(',', 1, 2))
attempt('splitlines foo', lambda: 'a'.splitlines(foo=1))
attempt('sort foo', lambda: [].sort(foo=1))
attempt('pow missing exp', lambda: pow(1, foo=1))
attempt('pow none', lambda: pow())
attempt('round none', lambda: round())
attempt('int three', lambda: int('1', 2, 3))
attempt('getsizeof none', lambda: sys.getsizeof())
attempt('isclose foo', lambda: math.isclose(1, 2, foo=1))
attempt('list.insert one', lambda: [].insert(1))
attempt('list.insert three', lambda: [].insert(1, 2, 3))
attempt('list.pop two', lambda: [].pop(1, 2))
attempt('dict.get none', lambda: {}.get())
attempt('hasattr one', lambda: hasattr(1))
attempt('divmod one', lambda: divmod(1))
attempt('ok', lambda: 'a b c'.split(maxsplit=1))
attempt('ok2', lambda: round(2.675, ndigits=2))
