raw = '  Name: Ada Lovelace ; Born: 1815 ; Field: Math  '
fields = {}
for part in raw.strip().split(';'):
    k, v = part.split(':')
    fields[k.strip().lower()] = v.strip()
print(fields)
print(fields['name'].upper().replace(' ', '_'), fields['born'].zfill(6))
csv = 'a,b,c\n1,2,3\n4,5,6\n'
rows = [line.split(',') for line in csv.splitlines()]
header, data = rows[0], rows[1:]
print(header, data)
print([dict(zip(header, r)) for r in data])
print(sum(int(r[1]) for r in data))
s = 'Hello, World'
print(s.lower().count('l'), s.find('World'), s[s.find(','):].strip(', '))
print('-'.join(s.split(', ')).lower().startswith('hello-'))
print('{}|{}'.format(s[:5].upper(), s[-5:].lower()))
