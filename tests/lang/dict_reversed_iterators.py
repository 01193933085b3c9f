# reversed() over a dict and its views gives CPython 3.11's reverse
# iterators: their type names, insertion order backwards past deleted
# entries, the size-change error, and the dict reference they hold.
import gc
import sys

d = {'a': 1, 'b': 2, 'c': 3, 'd': 4}
del d['b']
print(list(reversed(d)), list(reversed(d.keys())))
print(list(reversed(d.values())), list(reversed(d.items())))
print(type(reversed(d)).__name__, type(reversed(d.keys())).__name__)
print(type(reversed(d.values())).__name__, type(reversed(d.items())).__name__)
print(type(iter(d.values())).__name__, type(iter(d.items())).__name__)
print(list(reversed({})), list(reversed({}.items())))

r = reversed(d)
print(next(r))
d['e'] = 5
for attempt in range(2):
    try:
        next(r)
    except RuntimeError as e:
        print('RuntimeError:', e)

r = reversed(d.items())
print(sys.getrefcount(d), gc.is_tracked(r))
print(list(r), list(r))
print(sys.getrefcount(d))
del r
print(sys.getrefcount(d))

big = {i: i * i for i in range(10)}
for i in range(8):
    del big[i]
big[20] = 400
print(list(reversed(big.items())))

for label, call in [('dict', lambda: d.__reversed__(1)),
                    ('keys', lambda: d.keys().__reversed__(1)),
                    ('values', lambda: d.values().__reversed__(x=1)),
                    ('int', lambda: reversed(1))]:
    try:
        call()
    except TypeError as e:
        print(label, 'TypeError:', e)
