# Method calls: bound methods, inheritance, super(), attribute reads and writes.
class Counter:
    def __init__(self):
        self.n = 0

    def inc(self, k):
        self.n += k
        return self.n

    def get(self):
        return self.n

class Scaled(Counter):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def inc(self, k):
        return super().inc(k * self.factor)

c = Counter()
s = Scaled(3)
total = 0
for i in range(1400000):
    c.inc(i % 7)
    s.inc(1)
    total += c.get() % 13
print('methods checksum', total, c.get(), s.get())
