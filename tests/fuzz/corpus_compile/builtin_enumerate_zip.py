names = ['ann', 'bob', 'cy']
for i, n in enumerate(names):
    print(i, n)
for i, n in enumerate(names, 1):
    print(i, n)
print(list(enumerate('ab', start=10)))
ages = [30, 25, 41, 99]
print(list(zip(names, ages)))
print(list(zip(names, ages, 'xyz')))
print(list(zip()), list(zip([1])), list(zip([], [1])))
print(dict(zip(names, ages)))
for n, a in zip(names, ages):
    print(n + ':' + str(a))
pairs = [(1, 'a'), (2, 'b')]
nums, lets = zip(*pairs)
print(nums, lets)
print(type(enumerate([])).__name__, type(zip()).__name__)
z = zip([1, 2], [3, 4])
print(next(z), list(z), list(z))
