import gc
gc.disable()
gc.collect()
class Node:
    def __init__(self):
        self.next = None
        self.prev = None
def ring(n):
    nodes = [Node() for _ in range(n)]
    for i in range(n):
        nodes[i].next = nodes[(i + 1) % n]
        nodes[i].prev = nodes[i - 1]
    return nodes[0]
r = ring(100)
print(gc.collect())
del r
print(gc.collect())
lists = [[] for _ in range(50)]
for i in range(50):
    lists[i].append(lists[(i * 7) % 50])
del lists
print(gc.collect())
d = {}
for i in range(20):
    d[i] = {'parent': d, 'i': i}
del d
print(gc.collect())
