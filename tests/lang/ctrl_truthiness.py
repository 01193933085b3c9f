vals = [0, 1, -1, 0.0, 0.1, '', 'a', [], [0], (), (None,), {}, {0: 0}, set(), {0}, None, True, False, range(0), range(1)]
for v in vals:
    print(repr(v), bool(v), not v, 'T' if v else 'F')
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 'dflt', [] or {}, 'x' and '')
print(not 1, not 0, not not 'a')
class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(bool(Sized(0)), bool(Sized(3)), 'yes' if Sized(2) else 'no')
calls = []
def t(v):
    calls.append(v)
    return v
r = t(0) and t(1)
r2 = t(2) or t(3)
r3 = t(0) or t(0) or t(5)
print(r, r2, r3, calls)
