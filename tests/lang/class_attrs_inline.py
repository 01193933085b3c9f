# Attribute values stored inline in instances with names shared by the class:
# every way an instance leaves that shape keeps vars() order, deletion, gc and
# sizes exactly as CPython's.
import gc
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


pts = [Point(i, -i) for i in range(1000)]
print(sum(p.x for p in pts), sum(p.y for p in pts), vars(pts[500]))
pts[3].x = 'replaced'
print(vars(pts[3]), pts[3].x, pts[4].x)

# Out-of-order insertion on one instance: its own order, others unaffected.
class Pair:
    def __init__(self, swap):
        if swap:
            self.b = 2
            self.a = 1
        else:
            self.a = 1
            self.b = 2


pairs = [Pair(i == 5) for i in range(10)]
print([list(vars(o)) for o in pairs[4:7]], pairs[5].a, pairs[5].b)

# Delete and re-add: the name goes last.
p = Point(1, 2)
del p.x
print(vars(p), hasattr(p, 'x'))
p.x = 10
print(vars(p))
q = Point(1, 2)
del q.y
q.y = 20
print(vars(q))
try:
    del q.nope
except AttributeError as e:
    print('AttributeError', e)

# Attributes added after __init__, also past the inline capacity.
r = Point(1, 2)
r.z = 3
print(vars(r))
s = Point(3, 4)
for i in range(12):
    setattr(s, 'extra' + str(i), i)
print(list(vars(s).items())[:5], len(vars(s)))
t = Point(7, 8)
t.z = 9
print(vars(t), t.z)

# vars() / __dict__: order, mutation through the dict.
u = Point(1, 2)
d = u.__dict__
d['w'] = 'via dict'
d['x'] = 100
print(u.w, u.x, vars(u))
del d['y']
print(hasattr(u, 'y'), vars(u))
u.y = 5
print(d)

# Subclasses: own shared names, inherited __init__.
class Point3(Point):
    def __init__(self, x, y, z):
        self.z = z
        super().__init__(x, y)


threes = [Point3(i, i + 1, i + 2) for i in range(5)]
print([vars(o) for o in threes[:2]], vars(Point(0, 0)))
print(threes[4].x + threes[4].y + threes[4].z)

# setattr/getattr with a runtime-built name.
name = ''.join(['x'])
v = Point(1, 2)
setattr(v, name, 'dyn')
print(getattr(v, 'x'), getattr(v, ''.join(['y'])), vars(v))
setattr(v, 'a' + 'b' * 2, 3)
print(vars(v), v.abb)

# gc: referents, and a cycle of two instances counts 2.
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


inner = ['inner']
n = Node(inner)
print(any(x is inner for x in gc.get_referents(n)), any(x is Node for x in gc.get_referents(n)))
gc.collect()
for _ in range(3):
    a = Node('a')
    b = Node('b')
    a.other = b
    b.other = a
    del a, b
    print(gc.collect())

# Sizes as CPython's.
class Empty:
    pass


print(sys.getsizeof(Empty()), sys.getsizeof(Empty()))
print(sys.getsizeof(Point(1, 2)), sys.getsizeof(Point(1, 2)))

# Values released in order when an instance dies.
class Loud:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print('del', self.tag)


class Holder:
    def __init__(self):
        self.first = Loud(1)
        self.second = Loud(2)


h = Holder()
h2 = Holder()
del h
h2.first = Loud(3)
del h2
print('done')
