class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
l = [T('l0'), T('l1'), T('l2')]
print('deleting list')
del l
t = (T('t0'), T('t1'), T('t2'))
print('deleting tuple')
del t
d = {'x': T('d0'), 'y': T('d1'), 'z': T('d2')}
print('deleting dict')
del d
l = [T('c0'), T('c1'), T('c2')]
print('clearing list')
l.clear()
l = [T('s0'), T('s1'), T('s2'), T('s3')]
print('deleting slice')
del l[1:3]
print('popping')
l.pop(0)
print('rebinding list')
l = []
d = {'a': T('da'), 'b': T('db')}
print('dict pop and clear')
d.pop('a')
d.clear()
print('end')
