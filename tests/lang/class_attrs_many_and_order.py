# Instance attributes past the small block's eight names, deletions, names
# built at run time and vars() order: the same in every storage shape.
import gc
import sys


class Bag:
    pass


b = Bag()
for i in range(12):
    setattr(b, 'f' + str(i), i * i)
print(list(vars(b).items()))

c = Bag()
c.x = 1
c.y = 2
c.z = 3
del c.y
c.y = 4
name = ''.join(['x'])
print(getattr(c, name), hasattr(c, 'q'), c.__dict__)
setattr(c, 'a' + 'b', 5)
print(c.ab, getattr(c, 'ab'), vars(c))
delattr(c, 'a' + 'b')
try:
    c.ab
except AttributeError as e:
    print('AttributeError:', e)
try:
    del c.nope
except AttributeError as e:
    print('AttributeError:', e)

d = Bag()
for i in range(10):
    setattr(d, 'g' + str(i), i)
for i in range(0, 10, 2):
    delattr(d, 'g' + str(i))
d.g0 = 'again'
print(vars(d))
d.g3 = 'replaced'
print(list(vars(d)))

e = Bag()
e.only = 1
del e.only
print(vars(e), hasattr(e, 'only'))


class Node:
    def __init__(self, n):
        for i in range(n):
            setattr(self, 'v' + str(i), i)
        self.other = None


gc.collect()
for n in (0, 2, 8, 9, 20):
    a = Node(n)
    b2 = Node(n)
    a.other = b2
    b2.other = a
    value = object()
    a.v0 = value
    before = sys.getrefcount(value)
    del a, b2
    print(n, 'collected', gc.collect(), 'refcount', before, sys.getrefcount(value))

f = Bag()
for i in range(9):
    setattr(f, 'h' + str(i), i)
g = vars(f)
f.late = 'x'
print(g['late'], f.h8, len(g))
