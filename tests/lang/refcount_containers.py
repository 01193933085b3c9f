import sys
x = []
print('start', sys.getrefcount(x))
lst = [x]
print('list', sys.getrefcount(x))
lst.append(x)
lst.insert(0, x)
print('list x3', sys.getrefcount(x))
tup = (x, x)
print('tuple x2', sys.getrefcount(x))
d = {'a': x}
d['b'] = x
print('dict values x2', sys.getrefcount(x))
k = tuple([1, 2, 'key'])
d2 = {k: 0}
print('tuple as dict key', sys.getrefcount(k))
class H:
    pass
h = H()
s = {h}
print('set item', sys.getrefcount(h))
s.discard(h)
print('after discard', sys.getrefcount(h))
lst.clear()
print('list cleared', sys.getrefcount(x))
del tup
print('tuple deleted', sys.getrefcount(x))
d.pop('a')
print('dict pop', sys.getrefcount(x))
d.clear()
print('dict cleared', sys.getrefcount(x))
nested = [[x], [[x]]]
print('nested', sys.getrefcount(x))
del nested
print('nested deleted', sys.getrefcount(x))
