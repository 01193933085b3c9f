import sys
class Widget:
    def ping(self):
        return sys.getrefcount(self)
w = Widget()
print('base', sys.getrefcount(w))
m = w.ping
print('bound method held', sys.getrefcount(w))
m2 = w.ping
print('two bound methods', sys.getrefcount(w))
del m, m2
print('released', sys.getrefcount(w))
print('inside method', w.ping())
f = w.ping
print('inside via bound', f())
del f
methods = [w.ping for _ in range(3)]
print('list of bound', sys.getrefcount(w))
methods.clear()
print('cleared', sys.getrefcount(w))
