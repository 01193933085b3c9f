# Full collections over 1,000,000 tracked live objects: build the heap once (with
# automatic collection off, so only the explicit collections below run), then
# gc.collect() it again and again. Nothing is garbage; the time goes to the
# collector walking the live heap (update refs, subtract, move reachable).
import gc

ROUNDS = 30

gc.disable()
leaves = []
for i in range(500000):
    leaves.append([i])                              # lists holding an int
pairs = []
for i in range(400000):
    pairs.append((leaves[i], leaves[i + 1]))        # tuples of lists: tracked
groups = []
for i in range(100000):
    groups.append({'pair': pairs[4 * i], 'n': i})   # dicts holding a tuple: tracked
print('built', len(leaves) + len(pairs) + len(groups))

found = 0
for r in range(ROUNDS):
    found += gc.collect()
gc.enable()

checksum = 0
for g in groups:
    checksum = (checksum * 31 + g['pair'][1][0] + g['n']) % 1000000007
print('gc_full_collect checksum', checksum, 'unreachable found', found)
