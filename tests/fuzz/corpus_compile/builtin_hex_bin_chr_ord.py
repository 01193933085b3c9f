for n in [0, 1, 7, 8, 15, 16, 255, 256, 1023, -1, -16, 4096]:
    print(n, hex(n), bin(n))
print(int(hex(3054), 16), int(bin(99), 2), int('0x1f', 16), int('0b101', 2))
print([chr(c) for c in range(97, 102)], [ord(c) for c in 'AZaz09'])
print(chr(0x263A), ord('\u263a'), hex(ord('é')))
try:
    hex(1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    chr(1114112)
except ValueError as e:
    print(type(e).__name__, e)
