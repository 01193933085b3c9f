grid = [
    [5, 3, 4, 6, 7, 8, 9, 1, 2],
    [6, 7, 2, 1, 9, 5, 3, 4, 8],
    [1, 9, 8, 3, 4, 2, 5, 6, 7],
    [8, 5, 9, 7, 6, 1, 4, 2, 3],
    [4, 2, 6, 8, 5, 3, 7, 9, 1],
    [7, 1, 3, 9, 2, 4, 8, 5, 6],
    [9, 6, 1, 5, 3, 7, 2, 8, 4],
    [2, 8, 7, 4, 1, 9, 6, 3, 5],
    [3, 4, 5, 2, 8, 6, 1, 7, 9],
]
def valid_group(g):
    return sorted(g) == list(range(1, 10))
def valid(gr):
    problems = []
    for i in range(9):
        if not valid_group(gr[i]):
            problems.append(('row', i))
        if not valid_group([gr[r][i] for r in range(9)]):
            problems.append(('col', i))
    for br in range(3):
        for bc in range(3):
            box = [gr[br * 3 + r][bc * 3 + c] for r in range(3) for c in range(3)]
            if not valid_group(box):
                problems.append(('box', br, bc))
    return problems
print(valid(grid))
bad = [row[:] for row in grid]
bad[0][0], bad[0][1] = bad[0][1], bad[0][0]
print(valid(bad))
bad[4][4] = 1
print(valid(bad))
print(grid[0] is bad[0], grid[0][0], bad[0][0])
