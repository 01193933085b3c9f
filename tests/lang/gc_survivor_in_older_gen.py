import gc
gc.disable()
gc.collect()
class N:
    pass
a = N()
b = N()
a.o = b
b.o = a
gc.collect(0)
del a, b
print(gc.collect(0))
print(gc.collect(1))
c = N()
c.me = c
gc.collect(1)
del c
print(gc.collect(0), gc.collect(1))
print(gc.collect(2))
