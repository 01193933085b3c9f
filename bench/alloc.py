# Class-instance allocation churn: many short-lived objects, a few kept, some cycles.
class Node:
    def __init__(self, value, next_node):
        self.value = value
        self.next = next_node

class Pair:
    def __init__(self, a, b):
        self.a = a
        self.b = b

checksum = 0
keep = []
for rnd in range(240):
    head = None
    for i in range(4000):
        head = Node(i, head)
    total = 0
    node = head
    while node is not None:
        total += node.value
        node = node.next
    for i in range(2000):
        p = Pair(i, [i])
        q = Pair(p, None)
        p.b = q
        if i % 500 == 0:
            keep.append(q)
    checksum = (checksum + total + len(keep)) % 1000000007
print('alloc checksum', checksum, len(keep))
