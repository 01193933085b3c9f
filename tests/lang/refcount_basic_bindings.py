import sys
class A:
    pass
a = A()
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
l = [a, a, a]
print(sys.getrefcount(a))
d = {'k': a}
print(sys.getrefcount(a))
o = A()
o.attr = a
print(sys.getrefcount(a))
t = (a,)
print(sys.getrefcount(a))
del b, l, d, o, t
print(sys.getrefcount(a))
def f(p):
    return sys.getrefcount(p)
print(f(a))
def g():
    x = []
    y = x
    return sys.getrefcount(x)
print(g())
for item in [a]:
    print(sys.getrefcount(a))
print(sys.getrefcount(a))
print(sys.getrefcount(A()))
print(sys.getrefcount([]), sys.getrefcount({}))
