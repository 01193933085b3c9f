class Multiplier:
    def __init__(self, k):
        self.k = k
        self.calls = 0
    def __call__(self, x, extra=0):
        self.calls += 1
        return x * self.k + extra
m = Multiplier(3)
print(m(5), m(5, extra=1), m(x=2), m.calls)
print(list(map(m, [1, 2, 3])), m.calls)
print(sorted([3, 1, 2], key=Multiplier(-1)))
class Compose:
    def __init__(self, *fns):
        self.fns = fns
    def __call__(self, v):
        for f in reversed(self.fns):
            v = f(v)
        return v
c = Compose(str, Multiplier(2), abs)
print(repr(c(-21)))
