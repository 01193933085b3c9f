import gc
gc.disable()
target = []
holder1 = [target]
holder2 = {'t': target}
class Box:
    pass
box = Box()
box.item = target
refs = gc.get_referrers(target)
print(any(r is holder1 for r in refs), any(r is holder2 for r in refs))
print(any(r is box for r in refs) or any(type(r) is dict and r.get('item') is target for r in refs))
other = []
print(any(r is other for r in refs))
del holder1
refs = None
print(any(type(r) is list and len(r) == 1 and r[0] is target for r in gc.get_referrers(target)))
print(type(gc.get_referrers()).__name__, len(gc.get_referrers()))
