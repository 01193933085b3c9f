import gc
log = []
gc.collect()
gc.callbacks.append(lambda p, info: log.append((p, info['generation'], info['collected'], info['uncollectable'])))
print(gc.collect(), log)
log.clear()
gc.set_threshold(10, 2, 2)
keep = []
for i in range(100):
    keep.append([])
gc.callbacks.clear()
print([g for (p, g, c, u) in log if p == 'start'])
gc.set_threshold(700, 10, 10)
print(len(keep))
