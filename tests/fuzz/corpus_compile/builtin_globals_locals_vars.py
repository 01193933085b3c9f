alpha = 1
beta = 'two'
def f(x, y=3):
    z = x + y
    return sorted(locals().items())
print(f(1))
g = globals()
print('alpha' in g, g['beta'], type(g).__name__)
g['gamma'] = 99
print(gamma)
print(sorted(k for k in globals() if not k.startswith('_')))
class C:
    def __init__(self):
        self.a = 1
        self.b = [2]
c = C()
print(vars(c))
vars(c)['d'] = 'added'
print(c.d)
print(__name__)
