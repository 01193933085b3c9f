# list() and list.extend() presize from the iterable's length hint, as
# CPython 3.11's list_extend: exact (rounded up to even) into an empty list,
# over-allocated into a non-empty one, 8 when there is no hint, then trimmed.
import sys

for n in [0, 1, 3, 5, 10, 17, 100]:
    r = list(range(n))
    d = {i: i * i for i in range(n)}
    sizes = []
    for src in [range(n), iter(r), reversed(r), iter(tuple(r)), iter(d), iter(d.values()),
                iter(d.items()), iter(set(r)), map(abs, r), zip(r, r), enumerate(r),
                filter(None, r)]:
        l = []
        l.extend(src)
        sizes.append(sys.getsizeof(l))
    print(n, "extend empty", sizes)
    sizes = []
    for src in [range(n), iter(r), reversed(r), d, set(r), map(abs, r)]:
        l = [0]
        l.extend(src)
        sizes.append(sys.getsizeof(l))
    print(n, "extend [0]", sizes)
    l = [0, 1, 2, 3, 4]
    l.extend(range(n))
    l2 = [1, 2]
    l2 += range(n)
    print(n, "extend [0..4], +=", sys.getsizeof(l), sys.getsizeof(l2))
    print(n, "list()", sys.getsizeof(list(reversed(r))), sys.getsizeof(list(iter(r))),
          sys.getsizeof(list(map(abs, r))), sys.getsizeof(list(enumerate(r))),
          sys.getsizeof(list(d.values())), sys.getsizeof(list(iter(d.items()))))
    print(n, "sorted()", sys.getsizeof(sorted(reversed(r))), sys.getsizeof(sorted(r)),
          sys.getsizeof(sorted(d)), sys.getsizeof(sorted(map(abs, r))))

# The hints themselves, and that iterators have no len().
r = [1, 2, 3, 4]
d = {"a": 1, "b": 2, "c": 3}
for it in [iter(r), reversed(r), iter((1, 2)), iter(range(5)), iter(d), iter(d.values()),
           iter(d.items()), iter({1, 2, 3}), reversed((1, 2, 3))]:
    before = it.__length_hint__()
    next(it)
    try:
        len(it)
    except TypeError as e:
        print(type(it).__name__, before, it.__length_hint__(), bool(it), e)
it = iter(range(1))
next(it)
print(it.__length_hint__(), bool(it))
it = iter(d)
d["z"] = 0
print("dict grew", it.__length_hint__())
it = iter(r)
r.clear()
print("list cleared", it.__length_hint__())
