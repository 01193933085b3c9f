def bisect_root(f, lo, hi, tol=1e-12):
    n = 0
    while hi - lo > tol:
        mid = (lo + hi) / 2
        if f(lo) * f(mid) <= 0:
            hi = mid
        else:
            lo = mid
        n += 1
    return (lo + hi) / 2, n
r, n = bisect_root(lambda x: x * x - 2, 0, 2)
print(round(r, 10), n)
def newton(f, df, x, steps):
    for _ in range(steps):
        x = x - f(x) / df(x)
    return x
print(newton(lambda x: x * x - 2, lambda x: 2 * x, 1.0, 6))
print(newton(lambda x: x ** 3 - x - 1, lambda x: 3 * x ** 2 - 1, 1.5, 8))
def integrate(f, a, b, n):
    h = (b - a) / n
    return h * (f(a) / 2 + sum(f(a + i * h) for i in range(1, n)) + f(b) / 2)
print(round(integrate(lambda x: x * x, 0, 3, 1000), 6))
print(integrate(lambda x: 1.0, 0, 1, 10))
