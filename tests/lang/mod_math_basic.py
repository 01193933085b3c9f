import math
print(math.pi, math.e, math.tau, math.inf, -math.inf)
print(math.sqrt(16), math.sqrt(2), math.floor(3.7), math.ceil(3.2), math.floor(-3.5), math.ceil(-3.5))
print(type(math.floor(2.5)).__name__, math.trunc(-2.7), math.trunc(2.7))
print(math.fabs(-3), math.fabs(2.5), math.pow(2, 10), math.exp(0), math.exp(1))
print(math.log(1), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024))
print(math.sin(0), math.cos(0), math.tan(0), round(math.sin(math.pi / 2), 10))
print(math.atan2(1, 1), math.degrees(math.pi), math.radians(180), math.hypot(3, 4))
print(math.gcd(12, 18), math.gcd(0, 5), math.factorial(10), math.factorial(0))
print(math.isnan(float('nan')), math.isinf(math.inf), math.isfinite(1.0), math.isclose(0.1 + 0.2, 0.3))
print(math.copysign(3, -0.0), math.fmod(7, 3), math.fmod(-7, 3), math.modf(2.5))
print(math.nan != math.nan, math.isnan(math.nan))
try:
    math.sqrt(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    math.log(0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    math.exp(1000)
except OverflowError as e:
    print(type(e).__name__, e)
