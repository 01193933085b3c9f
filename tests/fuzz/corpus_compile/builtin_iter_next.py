it = iter([10, 20, 30])
print(next(it))
print(list(it))
s = iter('hi')
print(next(s), next(s), next(s, '<end>'))
d = {'a': 1, 'b': 2}
di = iter(d)
print(next(di), next(di))
t = iter((1, 2, 3))
total = 0
while True:
    try:
        total += next(t)
    except StopIteration:
        break
print(total)
r = iter(range(100, 103))
print([next(r) for _ in range(3)])
print(iter(it) is it)
lst = [1, 2, 3]
li = iter(lst)
next(li)
lst.append(4)
print(list(li))
