a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
[f, g] = [6, 7]
print(f, g)
x, y, z = 'xyz'
print(x, y, z)
p, q = range(2)
print(p, q)
for i, (k, v) in enumerate([('a', 1), ('b', 2)]):
    print(i, k, v)
try:
    m, n = [1, 2, 3]
except ValueError as e:
    print(type(e).__name__, e)
try:
    m, n, o = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
try:
    m, n = 5
except TypeError as e:
    print(type(e).__name__, e)
def pair():
    return 'l', 'r'
lhs, rhs = pair()
print(lhs, rhs)
a = b = c = [0]
a.append(1)
print(a, b, c, a is c)
i = j = 7
i += 1
print(i, j)
