sq = lambda x: x * x
add = lambda a, b=10: a + b
print(sq(7), add(1), add(1, 2), (lambda: 'none')())
print(list(map(lambda s: s[::-1], ['abc', 'de'])))
print(sorted([(1, 'b'), (2, 'a')], key=lambda p: p[1]))
compose = lambda f, g: lambda x: f(g(x))
inc_then_sq = compose(sq, lambda x: x + 1)
print(inc_then_sq(4))
print((lambda *a, **k: (a, k))(1, 2, z=3))
fs = {'double': lambda v: v * 2, 'neg': lambda v: -v}
for name in ['double', 'neg']:
    print(name, fs[name](21))
print(type(sq).__name__, sq.__name__, callable(sq))
