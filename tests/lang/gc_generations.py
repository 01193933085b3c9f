import gc
gc.disable()
gc.collect()
def gen_of(obj):
    for g in range(3):
        for o in gc.get_objects(g):
            if o is obj:
                return g
    return None
x = []
print(gen_of(x))
gc.collect(0)
print(gen_of(x))
gc.collect(0)
print(gen_of(x))
gc.collect(1)
print(gen_of(x))
gc.collect()
print(gen_of(x))
y = {'a': 1}
print(gen_of(y), gen_of(5))
z = [x]
print(gen_of(z))
print(any(o is z for o in gc.get_objects()), any(o is z for o in gc.get_objects(2)))
try:
    gc.get_objects(3)
except ValueError as e:
    print(type(e).__name__, e)
try:
    gc.get_objects(-2)
except ValueError as e:
    print(type(e).__name__, e)
print(any(o is z for o in gc.get_objects(-1)))
