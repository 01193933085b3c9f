import gc
gc.disable()
gc.collect()
class Node:
    def __init__(self, name):
        self.name = name
        self.links = []
def build():
    nodes = [Node(str(i)) for i in range(4)]
    for n in nodes:
        for m in nodes:
            n.links.append(m)
    return len(nodes)
print(build())
print(gc.collect())
def build_and_collect():
    a = Node('a')
    a.links.append(a)
    inside = gc.collect()
    return inside
print(build_and_collect())
print(gc.collect())
