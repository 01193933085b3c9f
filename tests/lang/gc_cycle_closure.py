import gc
gc.disable()
gc.collect()
def outer():
    def inner():
        return inner
    return inner
f = outer()
print(f() is f)
del f
print(gc.collect())
def make_pair():
    state = {}
    def get():
        return state
    state['getter'] = get
    return get
g = make_pair()
del g
print(gc.collect())
print(gc.collect())
