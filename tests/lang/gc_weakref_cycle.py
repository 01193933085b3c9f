import gc
import weakref
gc.disable()
gc.collect()
class W:
    pass
def cb(r):
    print('callback; r() is', r())
o = W()
o.self = o
r = weakref.ref(o, cb)
del o
print(gc.collect())
print(r() is None)
o = W()
o.self = o
o.r = weakref.ref(o, cb)
del o
print(gc.collect())
print('end')
