import gc
gc.disable()
gc.collect()
class Marker:
    pass
def present(obj, gen=None):
    objs = gc.get_objects() if gen is None else gc.get_objects(gen)
    return any(o is obj for o in objs)
m = Marker()
l = [m]
print(present(m), present(l), present(m, 0), present(m, 2))
s = 'not tracked'
print(present(s), present(5))
gc.collect()
print(present(m, 0), present(m, 2))
objs = gc.get_objects()
print(type(objs).__name__, any(o is objs for o in gc.get_objects()))
del m, l
