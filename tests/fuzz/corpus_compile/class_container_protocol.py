class Grid:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.cells = {}
    def __getitem__(self, key):
        return self.cells.get(key, '.')
    def __setitem__(self, key, value):
        self.cells[key] = value
    def __len__(self):
        return self.w * self.h
    def __contains__(self, key):
        return key in self.cells
g = Grid(3, 2)
g[0, 1] = '#'
g[(2, 1)] = '@'
print(len(g), g[0, 1], g[1, 1], (2, 1) in g, (0, 0) in g, (0, 0) not in g)
for y in range(g.h):
    print(''.join(g[x, y] for x in range(g.w)))
class Seq:
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError('done')
        return i * i
    def __len__(self):
        return self.n
s = Seq(5)
print(s[3], len(s), list(s), 9 in s, 10 in s)
for v in Seq(3):
    print('item', v)
