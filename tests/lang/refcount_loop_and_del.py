import sys
class T:
    pass
objs = [T(), T(), T()]
first = objs[0]
print(sys.getrefcount(first))
for o in objs:
    print(sys.getrefcount(o))
print('loop var still bound', sys.getrefcount(objs[2]))
del o
print('loop var deleted', sys.getrefcount(objs[2]))
for i, o2 in enumerate(objs):
    pass
print('enumerate loop', sys.getrefcount(objs[2]))
x = first
x = objs[1]
print('rebind', sys.getrefcount(first), sys.getrefcount(objs[1]))
del x
print(sys.getrefcount(objs[1]))
objs.pop(0)
print('popped', sys.getrefcount(first))
