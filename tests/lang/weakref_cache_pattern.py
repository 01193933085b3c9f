import weakref
import gc
class Image:
    def __init__(self, name):
        self.name = name
cache = {}
def get(name):
    r = cache.get(name)
    if r is not None:
        obj = r()
        if obj is not None:
            return obj, 'hit'
    obj = Image(name)
    def gone(ref, name=name):
        print('evicting', name)
        if cache.get(name) is ref:
            del cache[name]
    cache[name] = weakref.ref(obj, gone)
    return obj, 'miss'
a, s1 = get('a')
a2, s2 = get('a')
print(s1, s2, a is a2)
del a, a2
print(sorted(cache))
b, s3 = get('b')
c, s4 = get('a')
print(s3, s4, sorted(cache))
del b
print(sorted(cache))
c.self = c
del c
print(sorted(cache), gc.collect() >= 1, sorted(cache))
