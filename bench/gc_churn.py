# Churn with automatic collection on: 1,000,000 two-instance cycles created and
# dropped in a loop, so generation 0 fills and the collector runs at its default
# thresholds (700, 10, 10), while a small set of long-lived objects ages into the
# older generations.
import gc


class Node:
    def __init__(self, value):
        self.value = value
        self.peer = None


keep = []
checksum = 0
for i in range(1000000):
    a = Node(i)
    b = Node(i + 1)
    a.peer = b
    b.peer = a
    checksum = (checksum + a.value + b.peer.value) % 1000000007
    if i % 10000 == 0:
        keep.append([a.value])
a = b = None
gc.collect()
print('gc_churn checksum', checksum, 'kept', len(keep), 'enabled', gc.isenabled())
