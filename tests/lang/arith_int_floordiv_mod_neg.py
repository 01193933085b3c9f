pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (1, 5), (-1, 5), (13, 13), (-13, 4)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b), a / b)
print(-7 // 2 * 2 + -7 % 2)
print(123456789 // 1000, 123456789 % 1000)
for a in range(-4, 5):
    print(a, a // 3, a % 3, a // -3, a % -3)
