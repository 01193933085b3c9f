vals = [0.1, 0.2, 0.1 + 0.2, 1.0, -0.0, 1e16, 1e15, 123456789.0, 2.5e-07, 0.0001, 1e-05,
        1 / 3, 2 / 3, 100.0, 1e22, 1.5e300, 3.14159, 12345.678, 0.5, 1e100]
for v in vals:
    print(repr(v), str(v))
print(float('inf'), float('-inf'), float('nan'))
print(1e308 * 10, -1e308 * 10)
print(float(7), float('3.25'), float('  -2.5 '), float('1e3'))
print(0.1 * 3, 1.1 + 2.2, 3.3 - 1.1)
print(2.0 ** 0.5, 10.0 / 4, 7.0 // 2, 7.5 % 2)
