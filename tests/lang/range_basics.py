print(list(range(5)), list(range(2, 6)), list(range(0, 10, 3)), list(range(10, 0, -3)))
print(list(range(0)), list(range(5, 2)), list(range(-3, 3)))
r = range(1, 20, 4)
print(r, len(r), r[0], r[-1], r[2], 5 in r, 6 in r)
print(range(3), range(1, 5), range(0, 10, 2))
print(sum(range(1, 101)), max(range(7)), min(range(3, 9)))
print(list(reversed(range(4))), list(range(4))[::-1])
print(range(0, 6, 2) == range(0, 6, 2), list(range(6)[1:4]))
try:
    range(1, 2, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    range(3)[5]
except IndexError as e:
    print(type(e).__name__, e)
total = 0
for i in range(10, -1, -2):
    total = total * 10 + i
print(total)
