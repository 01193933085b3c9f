import gc
gc.disable()
d = {}
print(gc.is_tracked(d))
d['a'] = 1
d['b'] = 'x'
d['c'] = (1, 2)
print(gc.is_tracked(d))
d['e'] = []
print(gc.is_tracked(d))
del d['e']
print(gc.is_tracked(d))
gc.collect()
print(gc.is_tracked(d))
c = {'k': 1}.copy()
print(gc.is_tracked(c))
nested = {'inner': {'x': 1}}
print(gc.is_tracked(nested), gc.is_tracked(nested['inner']))
lit = {'l': [1]}
print(gc.is_tracked(lit))
comp = {i: i for i in range(3)}
print(gc.is_tracked(comp))
comp[3] = [3]
print(gc.is_tracked(comp))
class K:
    pass
print(gc.is_tracked({'inst': K()}), gc.is_tracked({1: None, 2: True, 3: 2.5}))
