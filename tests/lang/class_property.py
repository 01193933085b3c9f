class Circle:
    def __init__(self, r):
        self._r = r
    @property
    def radius(self):
        return self._r
    @radius.setter
    def radius(self, v):
        if v < 0:
            raise ValueError('negative radius')
        self._r = v
    @property
    def area(self):
        return round(3.14159 * self._r * self._r, 3)
c = Circle(2)
print(c.radius, c.area)
c.radius = 5
print(c.radius, c.area)
try:
    c.radius = -1
except ValueError as e:
    print(type(e).__name__, e)
try:
    c.area = 3
except AttributeError as e:
    print(type(e).__name__)
print(c.radius)
class Lazy:
    def __init__(self):
        self.computed = 0
    @property
    def value(self):
        self.computed += 1
        return 42
z = Lazy()
print(z.value, z.value, z.computed)
