class Outer:
    class Inner:
        def hello(self):
            return 'inner hello'
    def make(self):
        return self.Inner()
print(Outer().make().hello(), Outer.Inner.__name__)
def make_class(base_value):
    class Dyn:
        value = base_value
        def get(self):
            return self.value
    return Dyn
A = make_class(1)
B = make_class(2)
print(A().get(), B().get(), A is B, A.__name__)
class Registry:
    items = []
    def register(self, x):
        self.items.append(x)
r1 = Registry()
r2 = Registry()
r1.register('a')
r2.register('b')
print(Registry.items, r1.items is r2.items)
class Chain:
    def __init__(self):
        self.ops = []
    def add(self, v):
        self.ops.append(('add', v))
        return self
    def mul(self, v):
        self.ops.append(('mul', v))
        return self
print(Chain().add(1).mul(2).add(3).ops)
