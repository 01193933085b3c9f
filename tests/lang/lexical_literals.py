print(0x1F, 0o17, 0b1011, 0X10, 0B11, 0O7)
print(1e3, 1E-2, 2.5e+3, .5, 5., 0.0)
print('single', "double", '''triple single''', """triple double""")
print('escapes: \\ \' \" \t| \n|')
print('\x41\x42', '\u00e9', '\101', len('\n\t'))
print('a' 'b' 'c', ('x'
                    'y'))
s = 'line one \
continued'
print(s)
total = (1 +
         2 +
         3)
print(total)
lst = [
    1,
    2,
]
print(lst, {'trailing': 'comma',}, (1, 2,))
x = 1; y = 2; print(x + y)
if x: print('inline if')
