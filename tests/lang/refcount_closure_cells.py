import sys
def make(obj):
    def get():
        return obj
    return get
data = {}
print(sys.getrefcount(data))
g1 = make(data)
print(sys.getrefcount(data))
g2 = make(data)
print(sys.getrefcount(data))
print(g1() is data, sys.getrefcount(data))
del g1
print(sys.getrefcount(data))
del g2
print(sys.getrefcount(data))
def outer():
    local = []
    def inner():
        return len(local)
    before = sys.getrefcount(local)
    return before, inner
rc, fn = outer()
print(rc, fn())
def counter():
    items = []
    def add(v):
        items.append(v)
        return sys.getrefcount(items)
    return add
add = counter()
print(add(1), add(2))
