import sys
sentinel = []
print(sys.getrefcount(sentinel))
def f(x=sentinel):
    return x
print('default', sys.getrefcount(sentinel))
def g(a=sentinel, b=sentinel):
    return sys.getrefcount(sentinel)
print('two defaults', sys.getrefcount(sentinel))
print('inside g', g())
print('inside g explicit', g(1, 2))
del f
print('f deleted', sys.getrefcount(sentinel))
lam = lambda v=sentinel: v
print('lambda default', sys.getrefcount(sentinel))
lam = None
del g
print('all released', sys.getrefcount(sentinel))
def make():
    local = []
    def inner(p=local):
        return p
    return sys.getrefcount(local), inner
rc, fn = make()
print(rc, fn() == [])
