print(2 ** 10, 2 ** 62, 3 ** 20)
print(2 ** -1, 2 ** -2, 10 ** -3)
print((-3) ** 3, (-3) ** 4)
print(pow(2, 10), pow(2, 10, 1000), pow(7, 123, 13))
print(pow(3, 0), pow(0, 0), 0 ** 0)
print(pow(2.0, 3), 2 ** 0.5, 4 ** 0.5)
print(pow(-2, 3, 5), pow(5, 3, -7))
print(type(2 ** 3).__name__, type(2 ** -1).__name__)
n = 1
for i in range(20):
    n = n * 3
print(n, n == 3 ** 20)
