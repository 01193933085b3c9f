class Acc:
    def __init__(self):
        self.items = []
    def add(self, x):
        self.items.append(x)
        return self
a = Acc()
add = a.add
add(1)
add(2).add(3)
print(a.items)
m1 = a.add
m2 = a.add
print(m1 == m2, m1 is m2)
fns = [a.add, Acc().add]
for f in fns:
    f('x')
print(a.items)
print(list(map(a.add, [7, 8])) == [a, a], a.items)
unbound = Acc.add
b = Acc()
unbound(b, 'u')
print(b.items)
print(type(a.add).__name__, type(Acc.add).__name__)
