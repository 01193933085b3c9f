import sys
e = []
l = [e]
print(sys.getrefcount(e))
l2 = l * 3
print('repeat', sys.getrefcount(e))
l3 = l + l
print('concat', sys.getrefcount(e))
l4 = l2[:2]
print('slice', sys.getrefcount(e))
l5 = list(l)
l6 = l.copy()
print('copies', sys.getrefcount(e))
del l2, l3, l4, l5, l6
print('dropped', sys.getrefcount(e))
l.extend([e, e])
print('extend', sys.getrefcount(e))
l.remove(e)
print('remove', sys.getrefcount(e))
p = l.pop()
print('pop kept', sys.getrefcount(e))
del p
print('pop dropped', sys.getrefcount(e))
l[0] = None
print('overwritten', sys.getrefcount(e))
l[0:0] = [e, e, e]
print('slice assign', sys.getrefcount(e))
del l[:2]
print('slice del', sys.getrefcount(e))
l.reverse()
l.sort(key=lambda v: v is None)
print('sorted', sys.getrefcount(e))
t = tuple(l)
print('tuple()', sys.getrefcount(e))
