a = [1, [2, 3]]
b = a
c = a.copy()
d = a[:]
e = list(a)
a.append(4)
a[1].append(99)
print(a, b, c, d, e)
print(b is a, c is a, c[1] is a[1])
def mutate(lst):
    lst.append('m')
    lst = ['new']
    lst.append('n')
    return lst
x = [0]
y = mutate(x)
print(x, y)
def add_default(v, acc=[]):
    acc.append(v)
    return acc
print(add_default(1), add_default(2), add_default(3, []))
