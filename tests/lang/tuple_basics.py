t = (1, 'two', 3.0, None)
print(t, len(t), t[1], t[-1], t[1:3], t[::-1])
print((), (1,), (1, 2), tuple(), tuple([1, 2]), tuple('ab'))
single = 5,
print(single, type(single).__name__)
print((1, 2) + (3,), (0,) * 3, 2 in (1, 2), (1, 2) < (1, 3))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0])
try:
    t[0] = 9
except TypeError as e:
    print(type(e).__name__, e)
print(hash((1, 2, 3)) == hash((1, 2, 3)), (1, 2) == (1, 2), (1, 2) is not None)
d = {(0, 0): 'origin', (1, 0): 'east'}
print(d[(1, 0)], d[0, 0])
mt = ([1], [2])
mt[0].append(10)
print(mt)
print(tuple(x * 2 for x in range(4)))
