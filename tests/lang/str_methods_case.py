s = 'Hello World 123'
print(s.upper(), s.lower())
print('ÄÖÜ straße'.lower(), 'éclair'.upper())
print('123'.isdigit(), '12a'.isdigit(), ''.isdigit(), ' 1'.isdigit())
print('abc'.isalpha(), 'ab1'.isalpha(), ''.isalpha(), 'héllo'.isalpha(), 'a b'.isalpha())
print('MiXeD'.upper().lower())
words = ['Banana', 'apple', 'Cherry']
print(sorted(words), sorted(words, key=lambda w: w.lower()))
print('x'.upper() == 'X', 'ABC'.lower() == 'abc')
print('HeLLo'.lower().startswith('hel'))
print(''.upper(), '123abc'.upper())
