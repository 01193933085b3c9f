s = 'abcdefghij'
print(s[0], s[-1], s[3], s[-3])
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3])
print(s[::2], s[1::2], s[::-1], s[8:2:-2], s[-1:-5:-1])
print(s[100:], s[-100:3], s[5:2], repr(s[5:5]))
print(len(s), len(''), len(s[2:4]))
try:
    s[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    s[0] = 'z'
except TypeError as e:
    print(type(e).__name__, e)
u = 'héllo wörld'
print(len(u), u[1], u[-4], u[::-1], u.upper())
e = '€uro'
print(len(e), e[0], e[1:])
for ch in 'xyz':
    print(ch, ord(ch))
