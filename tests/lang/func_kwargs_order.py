def show(**kw):
    return list(kw.items())
print(show(z=1, a=2, m=3))
print(show(**{'b': 1, 'a': 2}))
def merged(**kw):
    return kw
base = {'x': 1, 'y': 2}
print(merged(**base, z=3))
def f(a, b, *args, **kwargs):
    return a, b, args, sorted(kwargs.items())
print(f(1, 2, 3, 4, c=5, d=6))
print(f(*(1, 2), **{'e': 0}))
def defaults(a, b=[], c={}):
    b.append(a)
    c[a] = len(b)
    return b, c
print(defaults(1))
print(defaults(2))
print(defaults(3, [], {}))
