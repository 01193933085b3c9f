def documented(a, b=2):
    return a
print(documented.__name__, callable(documented), callable(3), callable(print), callable(int))
class C:
    def method(self):
        return 1
    def __call__(self, v):
        return v * 2
print(callable(C), callable(C()), callable(C().method), C()(21))
documented.extra = 'attr'
print(documented.extra, hasattr(documented, 'extra'), getattr(documented, 'missing', 'dflt'))
def returns_none():
    pass
def returns_bare():
    return
print(returns_none(), returns_bare())
def multi():
    return 1, 2
print(multi(), type(multi()).__name__)
print(type(len).__name__, type(documented).__name__)
