class Node:
    def __init__(self, val, nxt=None):
        self.val = val
        self.nxt = nxt
class LinkedList:
    def __init__(self):
        self.head = None
        self.size = 0
    def push_front(self, v):
        self.head = Node(v, self.head)
        self.size += 1
    def __iter__(self):
        return ListIter(self.head)
    def __len__(self):
        return self.size
    def reverse(self):
        prev = None
        cur = self.head
        while cur is not None:
            cur.nxt, prev, cur = prev, cur, cur.nxt
        self.head = prev
    def __repr__(self):
        return ' -> '.join(repr(v) for v in self) or 'empty'
class ListIter:
    def __init__(self, node):
        self.node = node
    def __iter__(self):
        return self
    def __next__(self):
        if self.node is None:
            raise StopIteration
        v = self.node.val
        self.node = self.node.nxt
        return v
ll = LinkedList()
print(ll, len(ll))
for v in [3, 'two', 1.0, None]:
    ll.push_front(v)
print(ll, len(ll))
ll.reverse()
print(ll, list(ll), 'two' in ll)
print(sum(v for v in ll if isinstance(v, int)))
