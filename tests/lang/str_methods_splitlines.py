text = 'line one\nline two\r\nline three\n\nlast'
print(text.splitlines())
print('trailing\n'.splitlines(), ''.splitlines(), '\n'.splitlines())
print(text.splitlines(True))
for i, line in enumerate(text.splitlines()):
    print(i, repr(line), len(line))
print('a\rb\r\nc'.splitlines())
print('no newline'.splitlines())
print(len('x\n\ny\n'.splitlines()))
poem = 'roses are red\nviolets are blue\n'
print([l.split()[0] for l in poem.splitlines()])
