import weakref
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def cb(r):
    print('weakref callback, dead:', r() is None)
t = T('target')
r = weakref.ref(t, cb)
print('alive:', r() is t)
del t
print('after del')
u = T('u')
f = weakref.finalize(u, print, 'finalizer for u')
del u
print('end')
