import sys
obj = []
def level1(o):
    def level2(p):
        def level3(q):
            return sys.getrefcount(q)
        return level3(p)
    return level2(o)
print('nested params', level1(obj))
def closure_over(o):
    def inner():
        return sys.getrefcount(o)
    return inner
f = closure_over(obj)
print('closure cell', sys.getrefcount(obj), f())
del f
print('closure gone', sys.getrefcount(obj))
def recurse(o, n):
    if n == 0:
        return sys.getrefcount(o)
    return recurse(o, n - 1)
print('recursion depth 5', recurse(obj, 5))
print('end', sys.getrefcount(obj))
