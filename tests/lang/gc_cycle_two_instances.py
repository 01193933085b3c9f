import gc
gc.disable()
gc.collect()
class A:
    pass
a = A()
b = A()
a.other = b
b.other = a
print(gc.collect())
del a, b
print(gc.collect())
print(gc.collect())
for i in range(3):
    x = A()
    y = A()
    x.peer = y
    y.peer = x
del x, y
print(gc.collect())
chain = [A() for _ in range(5)]
for i in range(5):
    chain[i].nxt = chain[(i + 1) % 5]
del chain
print(gc.collect())
