import gc
gc.disable()
gc.collect()
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name, gc.is_finalized(self))
a = Res('a')
b = Res('b')
a.peer = b
b.peer = a
del a, b
print('collecting')
print(gc.collect())
print('collected')
c = Res('c')
c.me = c
del c
print(gc.collect())
print(gc.collect())
single = Res('single')
print(gc.is_finalized(single))
del single
print('done')
