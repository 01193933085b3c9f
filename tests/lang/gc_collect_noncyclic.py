import gc
gc.disable()
gc.collect()
class A:
    pass
a = A()
a.child = A()
a.child.items = [1, 2, 3]
del a
print(gc.collect())
l = [[i] for i in range(100)]
del l
print(gc.collect())
keep = [A() for _ in range(10)]
print(gc.collect())
print(len(keep))
d = {'x': [1], 'y': {'z': []}}
print(gc.collect())
print(d)
