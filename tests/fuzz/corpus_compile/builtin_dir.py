class Shape:
    sides = 0
    def area(self):
        return 0
    def describe(self):
        return 'shape'
class Square(Shape):
    sides = 4
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
sq = Square(3)
print([n for n in dir(sq) if not n.startswith('__')])
print([n for n in dir(Square) if not n.startswith('__')])
print('append' in dir([]), 'keys' in dir({}), 'split' in dir(''))
print('__init__' in dir(sq), 'area' in dir(Shape))
