def pascal(n):
    rows = [[1]]
    for i in range(1, n):
        prev = rows[-1]
        row = [1]
        for j in range(1, i):
            row.append(prev[j - 1] + prev[j])
        row.append(1)
        rows.append(row)
    return rows
for row in pascal(10):
    print(' '.join(str(v) for v in row))
print(sum(pascal(20)[-1]), 2 ** 19)
def binom(n, k):
    r = 1
    for i in range(k):
        r = r * (n - i) // (i + 1)
    return r
print([binom(10, k) for k in range(11)] == pascal(11)[-1], binom(60, 30))
