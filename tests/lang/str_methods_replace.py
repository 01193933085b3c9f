s = 'one two one two one'
print(s.replace('one', '1'))
print(s.replace('one', '1', 2))
print(s.replace('two', ''))
print(s.replace('xyz', 'abc'))
print('aaaa'.replace('aa', 'b'))
print('abc'.replace('', '-'))
print('hello'.replace('l', 'L', 1))
print('tab\there'.replace('\t', '    '))
t = 'mississippi'
print(t.replace('ss', 'SS').replace('i', '!'))
print(t.count('ss'), t.count('i'), t.count('x'), t.count(''))
