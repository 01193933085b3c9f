import gc
gc.disable()
count = [0]
keep = []
class Phoenix:
    def __del__(self):
        count[0] += 1
        print('del call', count[0])
        keep.append(self)
p = Phoenix()
del p
print('resurrected', len(keep))
keep.clear()
print('cleared, count', count[0])
q = Phoenix()
q.me = q
del q
print(gc.collect(), count[0])
keep.clear()
print(gc.collect(), count[0])
class Raises:
    def __del__(self):
        raise RuntimeError('ignored in __del__')
r = Raises()
del r
print('exception in __del__ did not propagate')
