class P:
    def __init__(self, x):
        self.x = x
    def __eq__(self, other):
        return isinstance(other, P) and self.x == other.x
    def __hash__(self):
        return hash(self.x)
    def __repr__(self):
        return 'P(' + str(self.x) + ')'
l = [P(1), P(2), P(3), P(2)]
print(P(2) in l, P(9) in l, l.index(P(3)), l.count(P(2)))
l.remove(P(2))
print(l)
print(l == [P(1), P(3), P(2)], (P(1),) == (P(1),))
d = {P(1): 'one'}
print(d[P(1)], P(1) in d, d.get(P(5), 'none'))
s = {P(1), P(1), P(2)}
print(len(s), sorted(s, key=lambda p: p.x))
class Always:
    def __eq__(self, other):
        return True
    def __repr__(self):
        return 'Always'
print([1, 2].count(Always()), Always() in [5])
print(Always() == None, None == Always())
