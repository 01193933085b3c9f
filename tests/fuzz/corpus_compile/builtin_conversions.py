print(int(), float(), str(), bool(), list(), tuple(), dict(), set())
print(int('12'), int(12.9), int(-0.5), int('-0'), int('  7 '))
print(str(123), str([1, 'a']), str((1,)), str({'k': 'v'}), str(None))
print(list('hey'), list((1, 2)), list({'a': 1, 'b': 2}), list(range(3)))
print(tuple([1, 2]), tuple('ab'), tuple(range(2)))
print(sorted(set([3, 3, 1])), dict([('a', 1)]), dict(x=1))
print(bool('False'), bool(0.0), bool([[]]))
print(float(10), float('-3.5e2'), float(True))
for bad in ['', '1.5', 'abc', '12a', ' ']:
    try:
        int(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    float('x1')
except ValueError as e:
    print(type(e).__name__, e)
try:
    int([1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    int('9', 5)
except ValueError as e:
    print(type(e).__name__, e)
