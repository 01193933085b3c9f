def perms(items):
    if len(items) <= 1:
        return [items[:]]
    out = []
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in perms(rest):
            out.append([items[i]] + p)
    return out
def subsets(items):
    out = [[]]
    for x in items:
        out = out + [s + [x] for s in out]
    return out
def combos(items, k):
    if k == 0:
        return [[]]
    if not items:
        return []
    return [[items[0]] + c for c in combos(items[1:], k - 1)] + combos(items[1:], k)
print(perms([1, 2, 3]))
print(len(perms(list(range(6)))))
print(subsets(['a', 'b', 'c']))
print(combos([1, 2, 3, 4], 2), len(combos(list(range(10)), 3)))
def queens(n, row=0, cols=()):
    if row == n:
        return 1
    total = 0
    for c in range(n):
        if all(c != pc and abs(c - pc) != row - pr for pr, pc in enumerate(cols)):
            total += queens(n, row + 1, cols + (c,))
    return total
print([queens(n) for n in range(1, 8)])
