words = ['alpha', 'beta', 'gamma']
print(', '.join(words))
print(''.join(words))
print('-'.join('abc'))
print(' '.join([]))
print('|'.join(['only']))
print('\n'.join(['l1', 'l2', 'l3']))
print(','.join(str(i) for i in range(5)))
print('+'.join(map(str, [1, 2, 3])))
print('.'.join(('x', 'y')))
try:
    ','.join(['a', 1])
except TypeError as e:
    print(type(e).__name__, e)
parts = []
for i in range(4):
    parts.append('p' + str(i))
print('/'.join(parts))
