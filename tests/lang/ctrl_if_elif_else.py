def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'large'
for v in [-5, 0, 3, 10, 99]:
    print(v, classify(v))
x = 7
if x:
    print('truthy')
if not []:
    print('empty list is falsy')
if '' or None or 0 or []:
    print('never')
else:
    print('all falsy')
if x > 5 and x < 10:
    print('between')
if x < 0 or x % 7 == 0:
    print('multiple of 7')
y = 'big' if x > 5 else 'small'
print(y, 'a' if 0 else 'b' if 0 else 'c')
if x == 1: print('one')
elif x == 7: print('seven')
