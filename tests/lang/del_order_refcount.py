class Tracer:
    def __init__(self, name):
        self.name = name
        print('init', name)
    def __del__(self):
        print('del', self.name)
a = Tracer('a')
print('created a')
del a
print('after del a')
b = Tracer('b')
b = Tracer('b2')
print('after rebind')
c = Tracer('c')
d = c
del c
print('c still alive via d')
d = None
print('after d = None')
Tracer('temp')
print('after temporary')
print(Tracer('expr').name)
print('end')
del b
