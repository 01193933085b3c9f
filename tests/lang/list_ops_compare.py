a = [1, 2, 3]
b = [1, 2, 3]
print(a == b, a is b, a != [1, 2], a < [1, 2, 4], [] < [0])
print(a + b, a * 2, [0] * 5, [[]] * 2, 3 * ['x'])
print(2 in a, 5 in a, 5 not in a, [1, 2] in [[1, 2], [3]])
c = [[0] * 3 for _ in range(2)]
c[0][1] = 7
print(c)
d = [[0] * 3] * 2
d[0][1] = 7
print(d)
print(len([]), len(a), list('ab'), list((1, 2)), list(range(3)))
print(repr([1, 'a', 2.5, None, True, [2], (3,), {}]))
nested = [1, [2, [3, [4]]]]
print(nested[1][1][1][0], nested)
e = []
e.append(e)
print(e)
try:
    a + (4,)
except TypeError as ex:
    print(type(ex).__name__, ex)
