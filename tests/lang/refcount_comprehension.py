import sys
class T:
    pass
t = T()
print(sys.getrefcount(t))
l = [t for _ in range(4)]
print('list comp', sys.getrefcount(t))
d = {i: t for i in range(3)}
print('dict comp', sys.getrefcount(t))
s = {t for _ in range(5)}
print('set comp', sys.getrefcount(t))
del l, d, s
print('dropped', sys.getrefcount(t))
pairs = [(t, i) for i in range(2)]
print('tuples', sys.getrefcount(t))
pairs.clear()
print('cleared', sys.getrefcount(t))
objs = [T() for _ in range(3)]
print([sys.getrefcount(o) for o in objs])
