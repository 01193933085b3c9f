class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
for i in range(3):
    current = T('iter' + str(i))
    print('made', current.name)
print('loop done')
current = None
x = T('x')
y = T('y')
x, y = y, x
print('swapped', x.name, y.name)
x = y = None
print('both cleared')
holder = {'slot': T('first')}
holder['slot'] = T('second')
print('replaced')
holder = None
print('end')
