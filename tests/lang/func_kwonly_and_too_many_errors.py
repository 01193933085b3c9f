# Keyword-only defaults are filled before missing ones are reported, and
# "too many positional arguments" is checked after keywords are bound.
def attempt(label, call):
    try:
        print(label, call())
    except TypeError as e:
        print(label, 'TypeError:', e)


def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)


def kwonly(*, c, d=4, e, g=5):
    return (c, d, e, g)


def pos_then_kw(a, *, b=1):
    return (a, b)


def one(a):
    return a


def two(a, b, *, k):
    return (a, b, k)


def dflt_then_kw(a=1, *, k):
    return (a, k)


attempt('f(1)', lambda: f(1))
attempt('f(1, c=3)', lambda: f(1, c=3))
attempt('kwonly()', lambda: kwonly())
attempt('kwonly(c=1)', lambda: kwonly(c=1))
attempt('kwonly(e=1, c=2)', lambda: kwonly(e=1, c=2))
attempt('pos_then_kw(1, 2, 3, b=4)', lambda: pos_then_kw(1, 2, 3, b=4))
attempt('pos_then_kw(1, 2, b=4)', lambda: pos_then_kw(1, 2, b=4))
attempt('pos_then_kw(1, 2)', lambda: pos_then_kw(1, 2))
attempt('one(1, 2, x=3)', lambda: one(1, 2, x=3))
attempt('one(1, a=2)', lambda: one(1, a=2))
attempt('one(1, 2, a=3)', lambda: one(1, 2, a=3))
attempt('two(1, 2, 3, k=1)', lambda: two(1, 2, 3, k=1))
attempt('two(1, 2, 3)', lambda: two(1, 2, 3))
attempt('two(1)', lambda: two(1))
attempt('dflt_then_kw(1, 2, k=3)', lambda: dflt_then_kw(1, 2, k=3))
attempt('dflt_then_kw(1, 2)', lambda: dflt_then_kw(1, 2))
attempt('lambda: 0 with 2', lambda: (lambda: 0)(1, 2))
attempt('lambda: 0 with 1', lambda: (lambda: 0)(1))
attempt('lambda *, k with 1', lambda: (lambda *, k: 0)(1, k=2))
