print(hash(1), hash(0), hash(-1), hash(-2), hash(True), hash(False))
print(hash(1) == hash(1.0), hash(2.5) == hash(2.5), hash(10 ** 18))
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(()), hash(None) == hash(None))
print(hash('abc') == hash('ab' + 'c'), hash((1, 'x')) == hash((1, 'x')))
a = []
b = a
c = []
print(id(a) == id(b), id(a) == id(c), a is b, a is not c)
print(type(id(a)).__name__, type(hash('z')).__name__)
class O:
    pass
o = O()
print(hash(o) == hash(o), o == o, o != O())
for v in [[], {}, set()]:
    try:
        hash(v)
    except TypeError as e:
        print(type(e).__name__, e)
x = 5
print(None is None, id(None) == id(None))
