class Shape:
    name = 'shape'
    def area(self):
        return 0
    def describe(self):
        return self.name + ' with area ' + str(self.area())
class Rect(Shape):
    name = 'rect'
    def __init__(self, w, h):
        self.w = w
        self.h = h
    def area(self):
        return self.w * self.h
class Square(Rect):
    name = 'square'
    def __init__(self, s):
        super().__init__(s, s)
class Circle(Shape):
    name = 'circle'
    def __init__(self, r):
        self.r = r
    def area(self):
        return round(3.14159 * self.r ** 2, 2)
shapes = [Shape(), Rect(2, 3), Square(4), Circle(1)]
for s in shapes:
    print(s.describe())
print(sorted(s.name for s in shapes))
print(sum(s.area() for s in shapes))
print([type(s).__name__ for s in shapes if isinstance(s, Rect)])
print(max(shapes, key=lambda s: s.area()).name)
class Quiet(Square):
    def describe(self):
        return 'quiet ' + super().describe()
print(Quiet(1).describe())
