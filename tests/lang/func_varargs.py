def total(*args):
    print(type(args).__name__, args)
    return sum(args)
print(total(), total(1), total(1, 2, 3))
def report(**kwargs):
    for k in kwargs:
        print(' ', k, kwargs[k])
    return len(kwargs)
print(report(), report(a=1, b='two'))
def mixed(a, b=2, *rest, **opts):
    return (a, b, rest, opts)
print(mixed(1))
print(mixed(1, 5, 6, 7, x=8))
print(mixed(*range(4), **{'y': 'why'}))
args = (10, 20)
kw = {'b': 99}
def two(a, b):
    return a - b
print(two(*args), two(1, **kw), two(*[5], **{'b': 1}))
def fwd(*a, **k):
    return mixed(*a, **k)
print(fwd(0, z=1))
print(max(*[3, 9, 2]), print(*['a', 'b'], sep='-'))
