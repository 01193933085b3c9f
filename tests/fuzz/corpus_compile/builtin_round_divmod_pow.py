for v in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 123.456, -7.7]:
    print(v, round(v), round(v, 1), round(v, 2))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(round(5), round(5, 2), type(round(5.5)).__name__)
print(divmod(100, 7), divmod(-100, 7), divmod(1.5, 0.4))
print(pow(2, 8), pow(2, -2), pow(10, 2, 7), pow(-3, 3))
print(pow(2.5, 2), pow(9, 0.5))
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__, e)
