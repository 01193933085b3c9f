import math
print([math.gcd(a, b) for a, b in [(12, 8), (17, 5), (0, 0), (100, 75), (-12, 18)]])
print([math.factorial(n) for n in range(8)], math.factorial(20))
print(math.floor(7), math.ceil(7), math.floor(-0.1), math.ceil(-0.9), math.trunc(9.99))
print(math.isqrt(99), math.isqrt(100), math.comb(10, 3), math.perm(5, 2))
print(math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.prod([1, 2, 3, 4]), math.prod([]))
def lcm(a, b):
    return a * b // math.gcd(a, b)
r = 1
for k in range(1, 21):
    r = lcm(r, k)
print(r)
try:
    math.factorial(-1)
except ValueError as e:
    print(type(e).__name__, e)
