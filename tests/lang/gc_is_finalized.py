import gc
gc.disable()
gc.collect()
class F:
    def __del__(self):
        print('finalizing', gc.is_finalized(self))
class Plain:
    pass
print(gc.is_finalized(F()), gc.is_finalized(Plain()), gc.is_finalized(1), gc.is_finalized([]))
keep = []
class Keep:
    def __del__(self):
        keep.append(self)
k = Keep()
print(gc.is_finalized(k))
del k
print(len(keep), gc.is_finalized(keep[0]))
p = Plain()
p.me = p
print(gc.is_finalized(p))
c = F()
c.me = c
del c
print(gc.collect())
keep.clear()
print('end')
