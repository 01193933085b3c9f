s = 'hello world, hello moon'
print(s.find('hello'), s.find('hello', 1), s.find('xyz'), s.find('o', 5, 8))
print(s.index('world'), s.index('moon'))
print(s.find(''), s.find('', 100))
try:
    s.index('mars')
except ValueError as e:
    print(type(e).__name__, e)
print('abc'.find('c'), 'abc'.find('abcd'))
print(s.count('hello'), s.count('o'), s.count('l', 0, 5))
i = s.find('o')
positions = []
while i != -1:
    positions.append(i)
    i = s.find('o', i + 1)
print(positions)
