import random
def draw(seed):
    random.seed(seed)
    return [random.randint(0, 1000) for _ in range(6)]
a = draw(1)
b = draw(2)
c = draw(1)
print(a)
print(b)
print(a == c, a == b)
random.seed(99)
hist = {}
for _ in range(1000):
    v = random.randint(1, 3)
    hist[v] = hist.get(v, 0) + 1
print(sorted(hist.items()))
random.seed(0)
print(random.getrandbits(16), random.getrandbits(32))
