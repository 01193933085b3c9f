import gc
log = []
gc.collect()
def cb(phase, info):
    log.append((phase, info['generation'], info['collected'], info['uncollectable']))
gc.callbacks.append(cb)
print(gc.collect(), log)
log.clear()
class A:
    pass
a = A()
a.me = a
del a
print(gc.collect(1), log)
log.clear()
infos = []
def cb2(phase, info):
    infos.append((phase, sorted(info.items())))
gc.callbacks.append(cb2)
gc.collect(0)
print(log)
print(infos)
gc.callbacks.remove(cb)
gc.callbacks.remove(cb2)
print(len(gc.callbacks), type(gc.callbacks).__name__)
gc.collect()
print(len(log))
