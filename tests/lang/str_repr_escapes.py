vals = ['plain', "it's", 'say "hi"', 'both \' and "', 'tab\there', 'new\nline',
        'back\\slash', '\x00\x01', 'caf\u00e9', '\u20ac', '', ' ', '\r', '\x7f']
for v in vals:
    print(repr(v), len(v))
print(repr(['a', "b'c"]), repr(('x',)))
print(str('x'), repr('x'), repr(repr('x')))
print('a\tb', 'c\\d')
print("""triple
quoted""")
print('adjacent' ' literals' " join")
