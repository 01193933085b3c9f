a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b))
print(a.union([7, 8]), a.intersection(range(3)))
print(3 in a, 9 in a, 9 not in a, len(a))
s = set()
s.add(5)
s.add(5)
s.add(1)
print(s, len(s))
s.discard(5)
s.discard(99)
print(s)
s.remove(1)
print(s, set())
try:
    s.remove(1)
except KeyError as e:
    print(type(e).__name__, e)
print(set([3, 1, 3, 2]), set(range(5)), set((1, 1)))
print({1, 2} == {2, 1}, {1, 2} == {1, 2, 2}, {1} != {2})
