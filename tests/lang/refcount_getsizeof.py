import sys
print(sys.getsizeof([]), sys.getsizeof([1]), sys.getsizeof([1, 2, 3]), sys.getsizeof(list(range(10))))
l = []
sizes = [sys.getsizeof(l)]
for i in range(17):
    l.append(i)
    if i in (0, 4, 8, 16):
        sizes.append(sys.getsizeof(l))
print(sizes)
print(sys.getsizeof(()), sys.getsizeof((1,)), sys.getsizeof((1, 2, 3)))
print(sys.getsizeof(''), sys.getsizeof('a'), sys.getsizeof('abc'), sys.getsizeof('a' * 10))
print(sys.getsizeof(0), sys.getsizeof(1), sys.getsizeof(2 ** 30 - 1), sys.getsizeof(2 ** 30), sys.getsizeof(2 ** 60))
print(sys.getsizeof(0.0), sys.getsizeof(None), sys.getsizeof(True))
print(sys.getsizeof({}), sys.getsizeof({'a': 1}), sys.getsizeof(set()), sys.getsizeof({1, 2, 3}))
class C:
    pass
print(sys.getsizeof(C()), sys.getsizeof(range(10)))
