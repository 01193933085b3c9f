print(len('abc'), len([1, 2]), len((1,)), len({'a': 1}), len({1, 2, 3}), len(range(10)), len(''))
for v in [1, 1.5, 'a', [], (), {}, set(), None, True, range(1), len, print]:
    print(type(v).__name__, type(v))
print(type(type(1)), type(int) is type, type(3) == int)
print(isinstance(1, int), isinstance(1.0, int), isinstance(1, (str, int)), isinstance(None, object))
print(isinstance([], list), isinstance({}, dict), isinstance((), tuple), isinstance(set(), set))
print(issubclass(int, object), issubclass(str, (int, str)), issubclass(list, list))
class A:
    pass
class B(A):
    pass
print(type(B()), type(B()) is B, isinstance(B(), A), type(B()) == A)
try:
    isinstance(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
