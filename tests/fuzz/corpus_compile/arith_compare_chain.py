print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 < 3 > 2)
print(1 == 1 == 1, 1 == 1 != 2, 1 <= 1 < 2 <= 2)
x = 5
print(0 < x < 10, 0 < x < 4, x == 5 > 4)
print(1 < 2.5, 2.5 <= 2, 3 == 3.0, 3 != 3.0)
print('a' < 'b', 'abc' < 'abd', 'Z' < 'a', 'abc' < 'ab')
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, 2) == (1, 2), (2,) > (1, 9))
calls = []
def f(v):
    calls.append(v)
    return v
print(f(1) < f(0) < f(5))
print(calls)
calls.clear()
print(f(1) < f(2) < f(3))
print(calls)
print(None is None, None is not None, None == None)
