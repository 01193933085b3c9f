# Soak: 1,000,000 two-instance cycles built and dropped with automatic collection
# on; after a full collection the tracked objects are back at the starting count.
import gc


class Node:
    def __init__(self, value):
        self.value = value
        self.peer = None


def churn(n):
    total = 0
    for i in range(n):
        a = Node(i)
        b = Node(i)
        a.peer = b
        b.peer = a
        total += a.peer.value
    return total


churn(10)      # warm up: whatever the first calls create lazily exists from here on
gc.collect()
gc.collect()
start = len(gc.get_objects())
total = 0
for batch in range(10):
    total += churn(100000)
    gc.collect()
    print(batch, len(gc.get_objects()) - start)
print('total', total)
print('back at start:', len(gc.get_objects()) == start)
print('collect finds nothing more:', gc.collect())
