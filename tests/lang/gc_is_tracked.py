import gc
gc.disable()
print(gc.is_tracked(0), gc.is_tracked('a'), gc.is_tracked(1.5), gc.is_tracked(None), gc.is_tracked(True))
print(gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked({'a': 1}), gc.is_tracked({'a': []}))
print(gc.is_tracked(set()), gc.is_tracked({'a': {}}))
class C:
    pass
print(gc.is_tracked(C()), gc.is_tracked(C), gc.is_tracked(lambda: 0))
t = tuple([1, 2])
print(gc.is_tracked(t))
gc.collect(0)
print(gc.is_tracked(t))
t2 = tuple([[], 1])
gc.collect()
print(gc.is_tracked(t2))
d = {'k': []}
d['k'] = 1
print(gc.is_tracked(d))
gc.collect(1)
print(gc.is_tracked(d))
gc.collect(2)
print(gc.is_tracked(d))
x = {'a': tuple([1, 2])}
gc.collect()
print(gc.is_tracked(x), gc.is_tracked(x['a']))
e = {}
e['list'] = []
print(gc.is_tracked(e))
try:
    gc.is_tracked()
except TypeError as ex:
    print(type(ex).__name__, ex)
