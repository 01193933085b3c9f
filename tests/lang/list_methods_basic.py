l = [3, 1, 2]
l.append(5)
print(l)
l.extend([7, 8])
l.extend((9,))
l.extend(range(2))
print(l)
l.insert(0, 'first')
l.insert(100, 'last')
l.insert(-1, 'before-last')
print(l)
print(l.pop(), l.pop(0), l.pop(2), l)
l.remove(7)
print(l)
print(l.index(8), l.count(1), l.count(42))
l2 = l.copy()
l2.append('x')
print(len(l), len(l2), l2 is l)
l.reverse()
print(l)
l.clear()
print(l, len(l))
try:
    l.pop()
except IndexError as e:
    print(type(e).__name__, e)
try:
    [1, 2].remove(3)
except ValueError as e:
    print(type(e).__name__, e)
try:
    [1, 2].index(3)
except ValueError as e:
    print(type(e).__name__, e)
