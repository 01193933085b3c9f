print([x * x for x in range(8)])
print([x for x in range(20) if x % 3 == 0])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([[x * y for y in range(4)] for x in range(3)])
words = ['Alpha', 'beta', 'Gamma', 'delta']
print([w.lower() for w in words if w[0].isupper()])
print([len(w) for w in words])
print([x if x > 0 else 0 for x in [-2, -1, 0, 1, 2]])
x = 'outer'
r = [x for x in 'abc']
print(r, x)
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for row in matrix for i in range(len(row))])
print([[row[i] for row in matrix] for i in range(3)])
print([i for i in []])
n = 3
print([n * k for k in range(n)])
