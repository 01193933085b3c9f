s = '   hello world \t\n'
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print(repr('xxhixx'.strip('x')), repr('xxhixx'.lstrip('x')), repr('xxhixx'.rstrip('x')))
print(repr('abcHELLOcba'.strip('abc')))
print(repr(''.strip()), repr('    '.strip()))
print(repr('\n\nline\n'.rstrip('\n')))
print(repr('0001200'.strip('0')))
print(repr('www.example.com'.lstrip('cmowz.')))
