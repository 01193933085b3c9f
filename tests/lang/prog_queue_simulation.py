import random
random.seed(31337)
queue = []
served = []
clock = 0
next_id = 0
waits = []
while clock < 200:
    if random.random() < 0.3:
        queue.append((next_id, clock))
        next_id += 1
    if queue and random.random() < 0.35:
        cid, arrived = queue.pop(0)
        waits.append(clock - arrived)
        served.append(cid)
    clock += 1
print('arrived', next_id, 'served', len(served), 'waiting', len(queue))
print('first served', served[:10])
print('max wait', max(waits), 'avg wait', round(sum(waits) / len(waits), 3))
buckets = {}
for w in waits:
    b = w // 5 * 5
    buckets[b] = buckets.get(b, 0) + 1
for b in sorted(buckets):
    print(str(b).zfill(3), '#' * buckets[b])
