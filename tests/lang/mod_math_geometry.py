from math import sqrt, pi, cos, sin, atan2, hypot
import math as m
def dist(a, b):
    return sqrt((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2)
pts = [(0, 0), (3, 4), (6, 8), (-1, 2)]
for i in range(len(pts) - 1):
    print(pts[i], pts[i + 1], dist(pts[i], pts[i + 1]))
print(round(2 * pi * 5, 6), round(pi * 5 ** 2, 6))
for deg in [0, 30, 45, 60, 90]:
    r = m.radians(deg)
    print(deg, round(sin(r), 6), round(cos(r), 6))
print(round(atan2(4, 3), 8), hypot(5, 12))
perimeter = 0.0
for i in range(len(pts)):
    perimeter += dist(pts[i], pts[(i + 1) % len(pts)])
print(round(perimeter, 9))
print(m.floor(-0.5), m.ceil(-0.5), m.sqrt(0), m.isclose(1.0, 1.0 + 1e-12))
