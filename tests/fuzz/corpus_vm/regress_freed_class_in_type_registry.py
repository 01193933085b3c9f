import gc
gc.disable()
gc.collect()
class K:
    pass
del K
print(gc.collect())
print(gc.collect())
class L:
    def m(self):
        return 1
obj = L()
del L
print(gc.collect())
del obj
print(gc.collect())
