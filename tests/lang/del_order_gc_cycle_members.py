import gc
gc.disable()
gc.collect()
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
a = T('a')
b = T('b')
c = T('c')
a.n = b
b.n = c
c.n = a
del a, b, c
print('collect returns', gc.collect())
p = T('parent')
p.children = [T('child1'), T('child2')]
for ch in p.children:
    ch.parent = p
del p, ch
print('collect returns', gc.collect())
print('end')
