a = 'foo'
b = 'bar'
print(a + b, a * 3, 2 * b, a * 0, repr(a * -1))
print(a == 'foo', a != b, a < b, a > b, a <= 'foo')
print('oo' in a, 'x' in a, '' in a, 'f' not in b)
s = ''
for i in range(5):
    s += str(i)
print(s, len(s))
print(('ab' + 'cd')[1:3])
try:
    print(a + 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(a * 'x')
except TypeError as e:
    print(type(e).__name__, e)
print(str(1) + str(2.5) + str(None) + str(True))
