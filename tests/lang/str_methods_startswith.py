s = 'filename.txt'
print(s.startswith('file'), s.startswith('name'), s.endswith('.txt'), s.endswith('.py'))
print(s.startswith(('a', 'f')), s.endswith(('.py', '.txt')))
print(s.startswith(''), s.endswith(''))
print(s.startswith('name', 4), s.endswith('name', 0, 8))
print(''.startswith(''), ''.startswith('a'))
names = ['test_a', 'b_test', 'test_c', 'd']
print([n for n in names if n.startswith('test_')])
print([n for n in names if n.endswith('test')])
print('Hello'.startswith('h'), 'Hello'.lower().startswith('h'))
