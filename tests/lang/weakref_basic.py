import weakref
import sys
class Obj:
    def __init__(self, v):
        self.v = v
o = Obj(5)
r = weakref.ref(o)
print(r() is o, r().v)
print(sys.getrefcount(o))
r2 = weakref.ref(o)
print(r2 is r, r == r2)
print(type(r).__name__, callable(r))
del o
print(r(), r2())
l = [1, 2]
try:
    weakref.ref(l)
except TypeError as e:
    print(type(e).__name__, e)
for v in [1, 'str', (1,), None]:
    try:
        weakref.ref(v)
    except TypeError as e:
        print(type(e).__name__, e)
def fn():
    return 1
rf = weakref.ref(fn)
print(rf() is fn)
class K:
    pass
rk = weakref.ref(K)
print(rk() is K)
