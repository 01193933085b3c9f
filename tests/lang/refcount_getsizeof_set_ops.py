# Set sizes after the set algebra, as CPython 3.11: s & s is a copy, &=
# takes the intersection's table, -= discards in place and rebuilds when more
# than a quarter of the slots are dummies, difference() copies first when the
# other is much smaller or not a set.
import sys

for n in [0, 1, 3, 4, 5, 10, 20, 50, 200]:
    s = set(range(n))
    t = set(range(n // 2, n + 3))
    print(n, sys.getsizeof(s), sys.getsizeof(s & s), sys.getsizeof(s & t),
          sys.getsizeof(s - t), sys.getsizeof(s.difference([0, 1])),
          sys.getsizeof(s.difference({0: 1})), sys.getsizeof(s.difference(t, [n])),
          sys.getsizeof(s.intersection()), sys.getsizeof(s.intersection(t, s)))
    u = set(s)
    u &= t
    a = sys.getsizeof(u)
    u = set(s)
    u -= t
    b = sys.getsizeof(u)
    u = set(s)
    u.difference_update(range(n // 3), [n - 1])
    c = sys.getsizeof(u)
    u = set(s)
    u.intersection_update(t)
    e = sys.getsizeof(u)
    u = set(s)
    u -= u
    print(n, a, b, c, e, sys.getsizeof(u), len(u))

s = set(range(20))
s &= set(range(5, 30))
print(sorted(s))
s -= {7, 8}
print(sorted(s))
s.add(100)
print(sorted(s), 100 in s, 7 in s)
u = set(range(10))
print(sorted(u.difference([1, 2], {3}, (4,))), sorted(u.intersection({1, 2, 3}, [2, 3])))
a = set(range(50))
a -= set(range(1000))
print(a, sys.getsizeof(a))
