import weakref
class R:
    def __init__(self, name):
        self.name = name
def done(name):
    print('finalized', name)
objs = [R(str(i)) for i in range(3)]
fins = [weakref.finalize(o, done, o.name) for o in objs]
print([f.alive for f in fins])
objs.pop(1)
print([f.alive for f in fins])
del objs
print([f.alive for f in fins])
x = R('x')
f1 = weakref.finalize(x, done, 'first')
f2 = weakref.finalize(x, done, 'second')
del x
print('after x')
y = R('y')
fy = weakref.finalize(y, lambda: print('lambda finalizer'))
print(fy.peek()[0] is y)
del y
print(fy.alive, fy.peek())
