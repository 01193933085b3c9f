def find(items, target):
    for i, v in enumerate(items):
        if v == target:
            print('found', target, 'at', i)
            break
    else:
        print(target, 'not found')
find([4, 5, 6], 5)
find([4, 5, 6], 9)
find([], 1)
for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print('prime', n)
for i in range(3):
    for j in range(3):
        if j == 2:
            continue
        if i == 2:
            break
        print(i, j)
for x in []:
    print('never')
else:
    print('empty for else')
for ch in 'abc':
    pass
print('last ch', ch)
for i in range(3):
    i = i * 10
    print(i)
