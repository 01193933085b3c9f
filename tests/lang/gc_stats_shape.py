import gc
gc.disable()
s = gc.get_stats()
print(type(s).__name__, len(s))
for entry in s:
    print(type(entry).__name__, list(entry.keys()), [type(v).__name__ for v in entry.values()])
before = gc.get_stats()
gc.collect(0)
gc.collect(1)
gc.collect()
gc.collect()
after = gc.get_stats()
print([after[i]['collections'] - before[i]['collections'] for i in range(3)])
class A:
    pass
a = A()
a.me = a
del a
before = gc.get_stats()
print(gc.collect())
after = gc.get_stats()
print([after[i]['collected'] - before[i]['collected'] for i in range(3)])
print([after[i]['uncollectable'] - before[i]['uncollectable'] for i in range(3)])
