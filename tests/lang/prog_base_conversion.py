DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz'
def to_base(n, b):
    if n == 0:
        return '0'
    neg = n < 0
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, b)
        out.append(DIGITS[r])
    return ('-' if neg else '') + ''.join(reversed(out))
for n in [0, 5, 255, -42, 1000000, 9223372036854775807]:
    print(n, to_base(n, 2), to_base(n, 8), to_base(n, 16), to_base(n, 36))
print(all(int(to_base(n, b), b) == n for n in range(-50, 50) for b in (2, 7, 16, 36)))
def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c
print([popcount(n) for n in range(17)], popcount(2 ** 62 - 1))
print(to_base(255, 16) == hex(255)[2:], to_base(10, 2) == bin(10)[2:])
