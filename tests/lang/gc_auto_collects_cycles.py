import gc
import weakref
gc.collect()
gc.set_threshold(50, 10, 10)
class Node:
    pass
freed = [0]
def on_free(r):
    freed[0] += 1
refs = []
for i in range(200):
    a = Node()
    b = Node()
    a.o = b
    b.o = a
    refs.append(weakref.ref(a, on_free))
del a, b
print(freed[0] > 100, freed[0] <= 200)
gc.collect()
print(freed[0], sum(1 for r in refs if r() is None))
gc.set_threshold(700, 10, 10)
gc.disable()
gc.collect()
before = freed[0]
for i in range(200):
    a = Node()
    a.me = a
    refs.append(weakref.ref(a, on_free))
del a
print(freed[0] - before)
print(gc.collect(), freed[0] - before)
