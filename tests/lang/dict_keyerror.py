d = {'a': 1, 2: 'two', (1, 2): 'tup'}
print(d['a'], d[2], d[(1, 2)])
for k in ['b', 3, (2, 1), None, 2.5]:
    try:
        print(d[k])
    except KeyError as e:
        print(type(e).__name__, e, repr(e), e.args)
try:
    d[[1]] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    {}[{}]
except TypeError as e:
    print(type(e).__name__, e)
print(1 in d, 2 in d, 'a' not in d)
d[1.0] = 'float one'
d[True] = 'true'
print(d[1], len(d))
