# String building and joining: concatenation, join, slicing, replace, upper, find.
def build_line(i):
    parts = []
    for j in range(20):
        parts.append(str(i * j))
    return '-'.join(parts)

checksum = 0
for rnd in range(500):
    lines = []
    for i in range(400):
        s = build_line(i + rnd)
        s = s.replace('1', 'one').upper()
        lines.append(s[::2] + s[-5:])
    blob = '\n'.join(lines)
    checksum = (checksum + len(blob) + blob.find('ONE') + blob.count('-')) % 1000000007
    acc = ''
    for k in range(300):
        acc += chr(97 + k % 26)
    checksum = (checksum + len(acc.upper().split('Z'))) % 1000000007
print('strings checksum', checksum)
