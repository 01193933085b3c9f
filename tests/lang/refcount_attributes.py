import sys
class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
payload = []
n1 = Node(payload)
print(sys.getrefcount(payload))
n2 = Node(payload)
print(sys.getrefcount(payload))
n1.next = n2
print(sys.getrefcount(n2))
n1.next = None
print(sys.getrefcount(n2))
n2.value = 0
print(sys.getrefcount(payload))
del n1
print(sys.getrefcount(payload))
class Holder:
    shared = payload
print(sys.getrefcount(payload))
Holder.shared = None
print(sys.getrefcount(payload))
n2.extra = payload
n2.more = payload
print(sys.getrefcount(payload))
del n2.extra
print(sys.getrefcount(payload))
setattr(n2, 'more', 1)
print(sys.getrefcount(payload))
