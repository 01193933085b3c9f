s = 'the quick  brown fox'
print(s.split())
print(s.split(' '))
print(s.split(' ', 1))
print(s.split('o'))
print('a,b,,c'.split(','))
print(''.split(), ''.split(','))
print('  lead and trail  '.split())
print('one\ttwo\nthree  four'.split())
print('x-y-z'.split('-', 0), 'x-y-z'.split('-', 5))
print('abcabc'.split('bc'))
print('a::b::c'.split('::'))
try:
    'abc'.split('')
except ValueError as e:
    print(type(e).__name__, e)
parts = 'k1=v1;k2=v2;k3=v3'.split(';')
d = {}
for p in parts:
    k, v = p.split('=')
    d[k] = v
print(d)
