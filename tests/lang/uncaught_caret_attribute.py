# An attribute error: carets under the whole `obj.attr` expression.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
print(p.x, p.y)
size = p.x * 2 + p.depth * 3
print(size)
