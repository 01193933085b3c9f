class N:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child
    def __del__(self):
        print('del', self.name)
chain = N('root', N('mid', N('leaf')))
print('drop chain')
del chain
class Multi:
    def __init__(self):
        self.first = N('first')
        self.second = N('second')
        self.third = N('third')
    def __del__(self):
        print('del Multi')
m = Multi()
print('drop multi')
del m
tree = N('t', [N('c1'), N('c2', N('gc'))])
print('drop tree')
tree = None
print('end')
