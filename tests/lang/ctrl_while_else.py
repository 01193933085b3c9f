i = 0
while i < 5:
    i += 1
    if i == 3:
        continue
    print('i', i)
else:
    print('while finished normally', i)
j = 0
while True:
    j += 1
    if j > 4:
        break
print('j', j)
k = 10
while k > 0:
    k -= 3
    if k == 1:
        print('break at 1')
        break
else:
    print('no break', k)
n = 0
while n < 0:
    print('never')
else:
    print('else on empty while')
a, b = 0, 1
fibs = []
while a < 100:
    fibs.append(a)
    a, b = b, a + b
print(fibs)
