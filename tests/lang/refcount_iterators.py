import sys
data = [1, 2, 3]
print(sys.getrefcount(data))
it = iter(data)
print('iter', sys.getrefcount(data))
next(it)
del it
print('iter gone', sys.getrefcount(data))
e = enumerate(data)
print('enumerate', sys.getrefcount(data))
del e
z = zip(data, data)
print('zip', sys.getrefcount(data))
del z
m = map(str, data)
print('map', sys.getrefcount(data))
list(m)
print('map exhausted', sys.getrefcount(data))
del m
r = reversed(data)
print('reversed', sys.getrefcount(data))
del r
for x in data:
    inside = sys.getrefcount(data)
print('during for', inside, 'after', sys.getrefcount(data))
s = sorted(data)
print('sorted copy', sys.getrefcount(data), sys.getrefcount(s))
