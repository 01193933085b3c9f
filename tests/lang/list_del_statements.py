l = list(range(10))
del l[0]
print(l)
del l[-1]
print(l)
del l[2:4]
print(l)
del l[::3]
print(l)
del l[:]
print(l)
a = 1
b = 2
c = [3]
del a, b
print('a' in globals(), 'b' in globals(), c)
d = {'x': 1, 'y': 2, 'z': 3}
del d['y']
print(d)
class O:
    pass
o = O()
o.p = 1
o.q = 2
del o.p
print(hasattr(o, 'p'), o.q)
m = [[1, 2], [3, 4]]
del m[0][1], m[1]
print(m)
try:
    del d['nope']
except KeyError as e:
    print(type(e).__name__, e)
