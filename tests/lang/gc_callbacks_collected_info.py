import gc
gc.disable()
gc.collect()
seen = []
def cb(phase, info):
    if phase == 'stop':
        seen.append((info['generation'], info['collected'], info['uncollectable']))
gc.callbacks.append(cb)
class A:
    pass
for n in [1, 2, 3]:
    for i in range(n):
        a = A()
        a.me = a
    del a
    print(gc.collect())
print(seen)
seen.clear()
x = []
x.append(x)
del x
gc.collect(0)
print(seen)
gc.callbacks.remove(cb)
def bad(phase, info):
    raise RuntimeError('ignored callback error')
gc.callbacks.append(bad)
print(gc.collect())
gc.callbacks.remove(bad)
print('ok')
