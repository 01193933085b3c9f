import sys
v = []
k = tuple(['key', 1])
d = {}
d[k] = v
print(sys.getrefcount(k), sys.getrefcount(v))
g = d.get(k)
print('get bound', sys.getrefcount(v))
del g
c = d.copy()
print('copy', sys.getrefcount(k), sys.getrefcount(v))
c.clear()
print('copy cleared', sys.getrefcount(k), sys.getrefcount(v))
items = list(d.items())
print('items list', sys.getrefcount(k), sys.getrefcount(v))
del items
vals = list(d.values())
print('values list', sys.getrefcount(v))
del vals
d.setdefault('other', v)
print('setdefault', sys.getrefcount(v))
d.update({'third': v})
print('update', sys.getrefcount(v))
popped = d.pop('other')
print('pop', sys.getrefcount(v))
del popped
d[k] = 0
print('replaced', sys.getrefcount(k), sys.getrefcount(v))
del d[k]
print('deleted key', sys.getrefcount(k))
d2 = {k: v}
print('literal', sys.getrefcount(k), sys.getrefcount(v))
