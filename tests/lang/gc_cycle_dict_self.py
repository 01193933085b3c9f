import gc
gc.disable()
gc.collect()
d = {}
d['self'] = d
print(d)
del d
print(gc.collect())
d = {'a': 1, 'b': 'x'}
d['me'] = d
d['list'] = [d]
del d
print(gc.collect())
x = []
y = [x]
x.append(y)
del x, y
print(gc.collect())
