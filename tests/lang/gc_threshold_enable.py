import gc
print(gc.isenabled(), gc.get_threshold())
print(gc.disable(), gc.isenabled())
print(gc.enable(), gc.isenabled())
print(gc.set_threshold(500), gc.get_threshold())
gc.set_threshold(100, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
gc.set_threshold(0)
print(gc.get_threshold())
gc.set_threshold(700)
try:
    gc.set_threshold()
except TypeError as e:
    print(type(e).__name__, e)
for g in [3, -1]:
    try:
        gc.collect(g)
    except ValueError as e:
        print(type(e).__name__, e)
print(type(gc.collect()).__name__)
