import gc
gc.disable()
gc.collect()
l = []
l.append(l)
print(len(l), l)
del l
print(gc.collect())
l = [1, 2.5, 's', 10 ** 15]
l.append(l)
del l
print(gc.collect())
l = []
l.append(l)
l.append([[], {}, ()])
del l
print(gc.collect())
print(gc.collect())
