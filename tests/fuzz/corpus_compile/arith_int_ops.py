a = 17
b = 5
print(a + b, a - b, a * b)
print(a / b, a // b, a % b)
print(a ** 2, b ** 3, 2 ** 0)
print(-a, +a, ~a, ~-1)
print(a + b * 2 - 3, (a + b) * 2)
print(2 ** 3 ** 2)
print(-2 ** 2, (-2) ** 2)
print(10 - 3 - 2, 100 // 10 // 3)
print(7 * 6 // 4 % 5)
x = 0
for i in range(1, 11):
    x += i * i
print(x)
print(1000000 * 1000000)
print(9223372036854775807, -9223372036854775807 - 1)
print(type(a / b).__name__, type(a // b).__name__)
print(6 / 3, 1 / 4, 2 / 3)
