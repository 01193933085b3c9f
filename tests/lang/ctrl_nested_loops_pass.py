table = []
for i in range(1, 6):
    row = []
    for j in range(1, 6):
        row.append(i * j)
    table.append(row)
for row in table:
    print(' '.join(str(v) for v in row))
count = 0
for a in range(10):
    for b in range(a, 10):
        for c in range(b, 10):
            if a * a + b * b == c * c and a > 0:
                print('triple', a, b, c)
                count += 1
print('count', count)
def noop():
    pass
class Empty:
    pass
print(noop(), type(Empty).__name__)
if True:
    pass
while False:
    pass
