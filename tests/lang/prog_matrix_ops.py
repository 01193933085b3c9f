def matmul(a, b):
    rows, inner, cols = len(a), len(b), len(b[0])
    return [[sum(a[i][k] * b[k][j] for k in range(inner)) for j in range(cols)] for i in range(rows)]
def transpose(m):
    return [list(r) for r in zip(*m)]
def det(m):
    if len(m) == 1:
        return m[0][0]
    total = 0
    for c in range(len(m)):
        minor = [row[:c] + row[c + 1:] for row in m[1:]]
        total += (-1) ** c * m[0][c] * det(minor)
    return total
a = [[1, 2], [3, 4]]
b = [[5, 6], [7, 8]]
print(matmul(a, b))
print(transpose([[1, 2, 3], [4, 5, 6]]))
ident = [[1 if i == j else 0 for j in range(3)] for i in range(3)]
m = [[2, 0, 1], [1, 3, 2], [1, 1, 1]]
print(matmul(m, ident) == m, det(m), det(ident), det(a))
p = m
for _ in range(3):
    p = matmul(p, m)
print(p)
for row in transpose(p):
    print(' '.join(str(v).zfill(4) for v in row))
