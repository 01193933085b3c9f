text = 'line one\nline two\r\nline three\n\nlast'
print(text.splitlines())
print('trailing\n'.splitlines(), ''.splitlines(), '\n'.splitlines())
print(text.splitlines(True))
for i, line in enumerate(text.splitlines()):
    print(i, repr(line), len(line))
