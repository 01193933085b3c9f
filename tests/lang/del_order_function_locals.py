class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def work():
    a = T('a')
    b = T('b')
    c = T('c')
    print('returning')
    return 'result'
print(work())
def keep_one():
    x = T('x')
    y = T('y')
    return y
kept = keep_one()
print('kept', kept.name)
del kept
def loop():
    for i in range(3):
        t = T('loop' + str(i))
    print('loop done')
loop()
def param(p):
    print('in param')
param(T('arg'))
print('end')
