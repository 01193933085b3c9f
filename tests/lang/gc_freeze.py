import gc
gc.disable()
gc.collect()
n = len(gc.get_objects())
gc.freeze()
print(gc.get_freeze_count() == n, len(gc.get_objects()), gc.get_count())
l = []
l.append(l)
del l
print(gc.collect())
gc.unfreeze()
print(gc.get_freeze_count())
l = []
l.append(l)
del l
gc.freeze()
print(gc.collect())
gc.unfreeze()
print(gc.collect())
print(gc.get_freeze_count())
