def spiral(n):
    m = [[0] * n for _ in range(n)]
    dr, dc = [0, 1, 0, -1], [1, 0, -1, 0]
    r = c = d = 0
    for v in range(1, n * n + 1):
        m[r][c] = v
        nr, nc = r + dr[d], c + dc[d]
        if not (0 <= nr < n and 0 <= nc < n and m[nr][nc] == 0):
            d = (d + 1) % 4
            nr, nc = r + dr[d], c + dc[d]
        r, c = nr, nc
    return m
for n in [1, 3, 5]:
    for row in spiral(n):
        print(' '.join(str(v).zfill(2) for v in row))
    print('--')
def rotate(m):
    return [list(row) for row in zip(*m[::-1])]
print(rotate([[1, 2], [3, 4]]), rotate(rotate([[1, 2], [3, 4]])))
print(sum(spiral(6)[i][i] for i in range(6)))
