def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(lambda v: v * 2, 10, 1), apply_n(str.upper, 1, 'abc'))
def pipeline(*fns):
    def run(v):
        for f in fns:
            v = f(v)
        return v
    return run
clean = pipeline(str.strip, str.lower, lambda s: s.replace(' ', '-'))
print(clean('  Hello Big World  '))
def partial(fn, *pre, **kpre):
    def inner(*args, **kw):
        merged = dict(kpre)
        merged.update(kw)
        return fn(*(pre + args), **merged)
    return inner
def volume(l, w, h=1):
    return l * w * h
v2 = partial(volume, 2)
print(v2(3), v2(3, h=4), partial(volume, h=10)(1, 2))
ops = {'+': lambda a, b: a + b, '-': lambda a, b: a - b, '*': lambda a, b: a * b}
print([ops[o](6, 3) for o in '+-*'])
def reduce_(fn, seq, init):
    acc = init
    for x in seq:
        acc = fn(acc, x)
    return acc
print(reduce_(lambda a, b: a * b, range(1, 8), 1), reduce_(max, [3, 9, 2], 0))
print(sorted(['bb', 'a', 'ccc'], key=len), list(map(len, ['bb', 'a'])))
