def collatz_len(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
print([collatz_len(n) for n in range(1, 21)])
best = max(range(1, 3000), key=collatz_len)
print(best, collatz_len(best))
def seq(n):
    out = [n]
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        out.append(n)
    return out
print(seq(27)[:12], len(seq(27)), max(seq(27)))
