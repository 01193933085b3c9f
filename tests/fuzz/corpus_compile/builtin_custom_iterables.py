class Squares:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return SqIter(self.n)
class SqIter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i * self.i
s = Squares(5)
print(list(s), tuple(s), sum(s), max(s), min(s), sorted(s, reverse=True))
print(list(enumerate(s)), list(zip(s, 'abcde')), dict(zip('xyz', s)))
print(set(s) == {1, 4, 9, 16, 25}, 16 in s, 17 in s, any(v > 20 for v in s), all(s))
print(list(map(str, s)), list(filter(lambda v: v % 2, s)), ' '.join(str(v) for v in s))
a, b, c, d, e = s
print(a, b, c, d, e)
print([v for v in s if v > 4], {v: v % 3 for v in s})
l = []
l.extend(s)
print(l, list(reversed(list(s))))
