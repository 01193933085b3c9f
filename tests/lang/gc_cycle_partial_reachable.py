import gc
gc.disable()
gc.collect()
class A:
    pass
a = A()
b = A()
a.b = b
b.a = a
keep = [b]
del a, b
print(gc.collect())
print(type(keep[0].a).__name__)
keep.clear()
print(gc.collect())
x = []
y = [x]
x.append(y)
outside = {'ref': y}
del x, y
print(gc.collect())
outside.clear()
print(gc.collect())
garbage = A()
garbage.self = garbage
garbage.payload = [1, 2, [3]]
survivor = garbage.payload[2]
del garbage
print(gc.collect(), survivor)
