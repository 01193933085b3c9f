# The !a conversion (f-strings and str.format) is ascii(): repr with the
# non-ASCII code points escaped.
word = 'café €5 \U0001f600'
print(f'{word!a}')
print(f'{word!r}')
print(f'{word!a:>30}|')
print(f'{["é", 1, None]!a}')
print(f'{"plain"!a}', f'{42!a}')
print('{0!a} {0!r}'.format('ü'))
print('{x!a:^12}|'.format(x='ñ'))
print(f'{"ÿ Ā 𐀀"!a}')
