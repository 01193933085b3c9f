found = None
for i in range(1, 20):
    for j in range(i, 20):
        if i * j == 91:
            found = (i, j)
            break
    if found:
        break
print(found)
n = 0
while n < 100:
    n += 7
    if n % 2 == 0:
        continue
    if n > 60:
        break
    print('odd multiple of 7:', n)
print('stopped at', n)
grid = [[1, 0, 1], [0, 0, 0], [1, 1, 0]]
zeros = 0
for row in grid:
    for cell in row:
        if cell:
            continue
        zeros += 1
print(zeros)
count = 0
for a in range(3):
    k = 0
    while k < a:
        count += 1
        k += 1
    else:
        count += 100
print(count)
x = 10
while x:
    x //= 3
    print('x', x)
