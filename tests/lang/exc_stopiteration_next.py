it = iter([1, 2])
print(next(it), next(it))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', repr(e), e.args)
print(next(it, 'default'), next(iter([]), None))
it2 = iter('ab')
print(list(it2), list(it2))
d = iter({'x': 1, 'y': 2})
print(next(d), next(d))
r = iter(range(3))
print(next(r), list(r))
try:
    next([1, 2])
except TypeError as e:
    print(type(e).__name__, e)
