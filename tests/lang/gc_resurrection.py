import gc
gc.disable()
gc.collect()
saved = []
class Lazarus:
    def __del__(self):
        print('__del__', gc.is_finalized(self))
        saved.append(self)
a = Lazarus()
b = Lazarus()
a.o = b
b.o = a
del a, b
print(gc.collect())
print([gc.is_finalized(x) for x in saved])
saved.clear()
print(gc.collect())
x = Lazarus()
del x
print(len(saved), gc.is_finalized(saved[0]))
saved.clear()
print(gc.collect())
print('end')
