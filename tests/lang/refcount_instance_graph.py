import sys
class Node:
    def __init__(self, name):
        self.name = name
        self.children = []
        self.parent = None
root = Node('root')
kids = [Node('k' + str(i)) for i in range(3)]
for k in kids:
    k.parent = root
    root.children.append(k)
print('root', sys.getrefcount(root))
print('kids', [sys.getrefcount(k) for k in kids])
del kids
print('kids via root', [sys.getrefcount(k) for k in root.children])
first = root.children[0]
print('first', sys.getrefcount(first))
root.children.remove(first)
print('first detached', sys.getrefcount(first))
first.parent = None
print('root after detach', sys.getrefcount(root))
for k in root.children:
    k.parent = None
del k
print('root no parents', sys.getrefcount(root))
