import gc
gc.disable()
gc.collect()
print(gc.garbage, type(gc.garbage).__name__)
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.get_debug() == gc.DEBUG_SAVEALL)
l = []
l.append(l)
d = {}
d['d'] = d
del l, d
print(gc.collect())
print(len(gc.garbage), sorted(type(x).__name__ for x in gc.garbage))
gc.set_debug(0)
g = gc.garbage
gc.garbage.clear()
print(g is gc.garbage, len(gc.garbage))
print(gc.collect())
print(gc.collect())
