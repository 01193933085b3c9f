# Slicing a range gives the range CPython computes: stop is the item at the
# slice's stop index, so reprs match (range(10)[::-3] -> range(9, -1, -3)).
r = range(10)
print(r[::-3], list(r[::-3]))
print(r[2:-2], r[::2], r[1::3], r[:100], r[5:1], r[-1:-5:-1])
print(range(0, 10, 3)[::2], list(range(0, 10, 3)[::2]))
print(range(5)[10:], range(5)[::-1], range(1, 20, 4)[-2::-2])
print(range(10, 0, -2)[1:3], range(10, 0, -2)[::-1])
print(range(-5, 5)[3:7:2] == range(-2, 2, 2), len(range(10)[::-3]))
