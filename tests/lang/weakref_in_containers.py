import weakref
class Item:
    def __init__(self, n):
        self.n = n
items = [Item(i) for i in range(5)]
refs = [weakref.ref(it) for it in items]
print([r().n for r in refs])
del items[1:3]
print([r() is None for r in refs])
print([r().n for r in refs if r() is not None])
registry = {}
def forget(key):
    def cb(r):
        print('forgetting', key)
        del registry[key]
    return cb
a = Item('a')
b = Item('b')
registry['a'] = weakref.ref(a, forget('a'))
registry['b'] = weakref.ref(b, forget('b'))
print(sorted(registry))
del a
print(sorted(registry))
b = None
print(sorted(registry))
print(len(items), items[0].n)
