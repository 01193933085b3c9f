class V:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return 'V(' + repr(self.x) + ', ' + repr(self.y) + ')'
class Named:
    def __init__(self, n):
        self.n = n
    def __str__(self):
        return 'Named:' + self.n
    def __repr__(self):
        return '<Named ' + repr(self.n) + '>'
class OnlyRepr:
    def __repr__(self):
        return 'OR'
v = V(1, 'a')
print(v, repr(v), str(v), [v, v], (v,), {'k': v})
n = Named('z')
print(n, repr(n), str(n), [n], f'{n}', f'{n!r}')
print(OnlyRepr(), str(OnlyRepr()), '{}'.format(OnlyRepr()))
print(str(V(2.5, None)))
