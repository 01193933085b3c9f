a = 7.5
b = 2.0
print(a + b, a - b, a * b, a / b, a // b, a % b)
print(-a // b, -a % b, a // -b, a % -b)
print(divmod(a, b), divmod(-a, b))
print(abs(-3.5), -a, +a)
print(a > b, a == 7.5, a != b)
print(1 + 2.0, 3 * 0.5, 10 / 5, type(10 / 5).__name__)
print(int(3.9), int(-3.9), int(0.9999), int(1e10))
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5))
print(round(2.675, 2), round(3.14159, 3), round(1234.5678, -2), round(7.0))
print(type(round(2.5)).__name__, type(round(2.5, 1)).__name__)
print(round(17, -1), round(15, -1), round(25, -1))
total = 0.0
for i in range(10):
    total += 0.1
print(total, total == 1.0, abs(total - 1.0) < 1e-9)
print(float('inf') > 1e308, float('-inf') < -1e308)
nan = float('nan')
print(nan == nan, nan != nan, nan < 1, nan > 1)
print(max(1.5, 2), min(-1, -1.5))
