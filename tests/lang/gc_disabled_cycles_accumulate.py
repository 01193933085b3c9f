import gc
import weakref
gc.disable()
gc.collect()
class C:
    pass
alive = []
for i in range(1000):
    c = C()
    c.me = c
    alive.append(weakref.ref(c))
del c
print(sum(1 for r in alive if r() is not None))
print(gc.collect())
print(sum(1 for r in alive if r() is not None))
gc.enable()
for i in range(3000):
    c = C()
    c.me = c
    alive.append(weakref.ref(c))
del c
print(sum(1 for r in alive if r() is not None) < 3000)
gc.collect()
print(sum(1 for r in alive if r() is not None))
