# str's case methods use Unicode's full mappings and its Final_Sigma rule
# ('ß'.upper() is 'SS', 'İ'.lower() two code points, 'ΟΔΟΣ'.lower() ends in
# 'ς'), and the is*() predicates and repr's printability follow the
# Unicode database for every code point, as CPython 3.11's (checksummed over
# planes 0 and 1 and samples of the others).
methods = ['upper', 'lower', 'title', 'swapcase', 'casefold', 'capitalize',
           'isupper', 'islower', 'isalpha', 'isdigit', 'isdecimal', 'isnumeric',
           'isspace', 'isalnum', 'isidentifier']
ranges = [(0, 0xD800), (0xE000, 0x20000), (0x20000, 0x20100), (0x2A6D0, 0x2A800),
          (0xE0000, 0xE0200), (0xF0000, 0xF0010), (0x10FFF0, 0x110000)]
for m in methods:
    total = 0
    for lo, hi in ranges:
        for c in range(lo, hi):
            r = getattr(chr(c), m)()
            if r is True:
                total = (total * 3 + c) % 1000000007
            elif r is False:
                total = (total * 5 + 1) % 1000000007
            else:
                for ch in r:
                    total = (total * 7 + ord(ch)) % 1000000007
    print(m, total)
for s in ['ΣΑΣ ΑΣ.', 'Σ', 'ΑΣ\u0301', 'Α\u0301Σ', 'Α.Σ', "Α'Σ", 'ΑΣ\u0301Α', 'σΣσ',
          'İstanbul', 'ﬁnd ﬂow', 'ŉ ǰ ΐ', 'ǅemal', 'hello ǆ', 'ß-straße', 'ⅷ Ⅷ',
          'ǲ', 'Ǳ ǳ', 'x\u0345', 'ABC\u0345Σ', 'ΟΔΟΣ', 'ß', 'ﬁ', 'İ']:
    print(repr(s), repr(s.upper()), repr(s.lower()), repr(s.title()),
          repr(s.capitalize()), repr(s.swapcase()), repr(s.casefold()),
          s.isupper(), s.islower())
for s in ['½', '²', '٣', '①', '一', 'Ⅷ', '٣٣', '¹', '𝟙', '߀', '०', '\u3000',
          '\x1c', '\x85', '\u200b', 'a1', 'a²', '٣a']:
    print(repr(s), s.isnumeric(), s.isdecimal(), s.isdigit(), s.isalnum(),
          s.isalpha(), s.isspace(), s.isidentifier())
print(repr('\u0378\u00ad\u200b\U000e0001\U000f0000\u2028é€\U0001f600'))
