import sys
class K:
    pass
k = K()
s = {k}
print(sys.getrefcount(k))
s2 = s | set()
print('union', sys.getrefcount(k))
s3 = s & {k}
print('intersection', sys.getrefcount(k))
s4 = set(s)
print('copy', sys.getrefcount(k))
del s2, s3, s4
print('dropped', sys.getrefcount(k))
s.add(k)
print('add again', sys.getrefcount(k))
s.remove(k)
print('removed', sys.getrefcount(k))
s.add(k)
popped = s.pop()
print('popped', sys.getrefcount(k), popped is k)
del popped
lst = list({k})
print('list of set', sys.getrefcount(k))
