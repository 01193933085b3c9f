import sys
class A:
    pass
print(sys.getrefcount(A()))
print(sys.getrefcount([]), sys.getrefcount({}), sys.getrefcount([1, 2]))
def make():
    return A()
print(sys.getrefcount(make()))
x = A()
print(sys.getrefcount([x][0]))
print(sys.getrefcount(x))
print(sys.getrefcount((x, x)[1]))
d = {'k': x}
print(sys.getrefcount(d['k']), sys.getrefcount(d.get('k')))
obj = A()
obj.child = A()
print(sys.getrefcount(obj.child))
print(sys.getrefcount(x if True else None))
l = [A(), A()]
print(sys.getrefcount(l[0]), sys.getrefcount(l[-1]))
