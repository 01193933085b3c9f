print(list(reversed([1, 2, 3])), list(reversed((4, 5))), list(reversed('abc')), list(reversed(range(3))))
r = reversed([1, 2])
print(next(r), next(r), next(r, 'done'))
class Rev:
    def __init__(self, d):
        self.d = d
    def __len__(self):
        return len(self.d)
    def __getitem__(self, i):
        return self.d[i]
print(list(reversed(Rev('xyz'))))
print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True), sorted(['b', 'A', 'a']))
print(sorted({'z': 1, 'a': 2}.items()), sorted([[2, 1], [1, 2], [1]]))
print(sorted([-3, 2, -1], key=abs), sorted(range(10), key=lambda n: n % 3))
data = [5, 3, 8]
out = sorted(data)
print(data, out, out is data)
try:
    reversed(5)
except TypeError as e:
    print(type(e).__name__, e)
