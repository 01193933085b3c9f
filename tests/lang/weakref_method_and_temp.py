import weakref
import sys
class C:
    def m(self):
        return 'm'
c = C()
r = weakref.ref(c.m)
print(r() is None)
bound = c.m
r2 = weakref.ref(bound)
print(r2() is not None, r2()())
del bound
print(r2() is None)
r3 = weakref.ref(C())
print(r3() is None)
refs = [weakref.ref(C()) for _ in range(3)]
print([x() for x in refs])
print(sys.getrefcount(c))
w1 = weakref.ref(c)
w2 = weakref.ref(c)
print(sys.getrefcount(c), w1 is w2)
del c
print(w1(), w2())
