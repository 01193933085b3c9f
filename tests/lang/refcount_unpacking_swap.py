import sys
a = []
b = {}
print(sys.getrefcount(a), sys.getrefcount(b))
a, b = b, a
print(sys.getrefcount(a), sys.getrefcount(b))
t = (a, b)
x, y = t
print(sys.getrefcount(a), sys.getrefcount(b))
del t
print(sys.getrefcount(a), sys.getrefcount(b))
p = q = r = a
print(sys.getrefcount(a))
del p, q, r, x, y
print(sys.getrefcount(a), sys.getrefcount(b))
def ret_pair(o):
    return o, o
m, n = ret_pair(a)
print(sys.getrefcount(a))
for i, (u, v) in enumerate([(a, b)]):
    pass
print(sys.getrefcount(a), sys.getrefcount(b))
