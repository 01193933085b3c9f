# Closures and higher-order functions: cells, nonlocal, lambda, map/filter, sorted keys.
def make_acc(start):
    total = start

    def add(v):
        nonlocal total
        total += v
        return total
    return add

def compose(f, g):
    return lambda x: f(g(x))

checksum = 0
for rnd in range(375):
    acc = make_acc(rnd)
    inc = lambda x: x + 1
    dbl = lambda x: x * 2
    h = compose(inc, dbl)
    for i in range(5000):
        acc(h(i) % 17)
    vals = list(map(h, range(2000)))
    odd = list(filter(lambda v: v % 3 == 1, vals))
    checksum = (checksum + acc(0) + len(odd) + sum(odd)) % 1000000007
print('closures checksum', checksum)
