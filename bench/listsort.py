# List building and sorting: append, comprehensions, sort with and without key.
def lcg(seed):
    return (seed * 1103515245 + 12345) % 2147483648

def build(n, seed):
    out = []
    for i in range(n):
        seed = lcg(seed)
        out.append(seed % 100000)
    return out, seed

seed = 42
checksum = 0
for rnd in range(12):
    data, seed = build(60000, seed)
    a = sorted(data)
    b = sorted(data, key=lambda v: (v % 1000, v))
    data.sort(reverse=True)
    pairs = [(v % 7, v) for v in a[:20000]]
    pairs.sort()
    checksum = (checksum + a[len(a) // 2] + b[100] + data[5] + pairs[-1][1]) % 1000000007
print('listsort checksum', checksum)
