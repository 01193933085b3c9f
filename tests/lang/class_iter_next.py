class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1
print(list(Countdown(5)))
for v in Countdown(3):
    print('v', v)
it = Countdown(2)
print(next(it), next(it), next(it, 'end'))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', repr(e))
class Pairs:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        return PairIter(self.items)
class PairIter:
    def __init__(self, items):
        self.items = items
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i + 1 >= len(self.items):
            raise StopIteration
        p = (self.items[self.i], self.items[self.i + 1])
        self.i += 2
        return p
ps = Pairs([1, 2, 3, 4, 5])
print(list(ps), list(ps), sum(a * b for a, b in ps), dict(ps))
print(sorted(Countdown(4)), max(Countdown(6)), 3 in Countdown(5))
