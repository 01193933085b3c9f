class Key:
    def __init__(self, a, b):
        self.a = a
        self.b = b
    def __eq__(self, other):
        return isinstance(other, Key) and self.a == other.a and self.b == other.b
    def __hash__(self):
        return hash((self.a, self.b))
k1 = Key(1, 2)
k2 = Key(1, 2)
k3 = Key(2, 1)
print(k1 == k2, k1 == k3, k1 != k3, k1 is k2, k1 == 5)
d = {k1: 'first'}
d[k2] = 'second'
print(len(d), d[Key(1, 2)])
s = {k1, k2, k3}
print(len(s), Key(2, 1) in s)
print([k1, k3].index(Key(2, 1)), [k1, k2, k3].count(k2))
class NoEq:
    pass
x = NoEq()
y = NoEq()
print(x == x, x == y, x != y, len({x, y, x}))
class EqNoHash:
    def __eq__(self, other):
        return True
try:
    hash(EqNoHash())
except TypeError as e:
    print(type(e).__name__, e)
print(EqNoHash() == 3, EqNoHash() in [1])
