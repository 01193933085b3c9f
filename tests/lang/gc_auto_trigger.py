import gc
starts, n, keep, i = [0] * 50, [0], [None] * 100, 0
def cb(phase, info):
    if phase == 'start':
        starts[n[0]] = i
        n[0] += 1
gc.collect()
gc.callbacks.append(cb)
gc.set_threshold(5, 100, 100)
gc.collect(0)
n[0] = 0
i = 0
while i < 40:
    keep[i] = []
    i += 1
gc.callbacks.remove(cb)
print(starts[:n[0]])
gc.set_threshold(700, 10, 10)
