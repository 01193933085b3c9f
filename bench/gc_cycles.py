# Collecting 100,000 unreachable two-object cycles, round after round: each round
# builds 100,000 pairs of instances that refer to each other (automatic collection
# off), drops them all, and one gc.collect() finds and frees the 200,000 objects.
import gc


class Pair:
    def __init__(self, n):
        self.n = n
        self.other = None


ROUNDS = 10
CYCLES = 100000

gc.disable()
gc.collect()
found = 0
checksum = 0
for r in range(ROUNDS):
    held = []
    for i in range(CYCLES):
        a = Pair(i)
        b = Pair(r)
        a.other = b
        b.other = a
        held.append(a)
    checksum = (checksum + held[r].n + held[-1].other.n) % 1000000007
    a = b = None
    held = None
    found += gc.collect()
gc.enable()
print('gc_cycles checksum', checksum, 'unreachable found', found)
