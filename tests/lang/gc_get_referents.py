import gc
print(gc.get_referents([1, 's', None]))
print(gc.get_referents(1), gc.get_referents('str'), gc.get_referents(None))
inner = [7]
outer = [inner, 'x']
r = gc.get_referents(outer)
print(len(r), r[1] is inner, r)
t = (inner, 5)
print(gc.get_referents(t))
d = {'k': inner}
print(sorted(repr(x) for x in gc.get_referents(d)))
print(len(gc.get_referents([1], [2, 3])))
class A:
    pass
a = A()
a.v = inner
refs = gc.get_referents(a)
print(any(x is inner for x in refs), any(x is A for x in refs))
