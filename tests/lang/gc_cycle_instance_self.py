import gc
gc.disable()
gc.collect()
class A:
    pass
a = A()
a.me = a
del a
print(gc.collect())
a = A()
a.items = [a, a]
del a
print(gc.collect())
a = A()
a.d = {'owner': a}
del a
print(gc.collect())
a = A()
b = A()
a.other = b
b.other = a
a.__dict__
b.__dict__
del a, b
print(gc.collect())
print(gc.collect())
