a = 0b1100
b = 0b1010
print(a & b, a | b, a ^ b, ~a)
print(a << 2, a >> 2, 1 << 40, (1 << 62) >> 60)
print(-8 >> 1, -1 >> 10, -8 << 2)
print(-12 & 7, -12 | 7, -12 ^ 7)
print(255 & -256, 0xff ^ 0x0f)
print(bin(a), bin(b), hex(a | b), bin(-5), hex(-255))
x = 0
for i in range(8):
    if i % 2 == 0:
        x |= 1 << i
print(x, bin(x))
x &= ~(1 << 4)
print(x)
x ^= 0xff
print(x)
x <<= 3
x >>= 1
print(x)
print(True & False, True | False, True ^ True)
