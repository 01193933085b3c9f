text = 'the quick brown fox jumps over the lazy dog and keeps running far away into the distance'
def wrap(s, width):
    lines = []
    cur = ''
    for w in s.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cur + ' ' + w if cur else w
    if cur:
        lines.append(cur)
    return lines
for width in [20, 35]:
    for line in wrap(text, width):
        print('|' + line + ' ' * (width - len(line)) + '|')
rows = [('apples', 3, 1.25), ('kiwis', 12, 0.4), ('melon', 1, 3.999)]
print(f"{'item':<8}{'qty':>5}{'price':>8}{'total':>9}")
for name, q, p in rows:
    print(f'{name:<8}{q:>5}{p:>8.2f}{q * p:>9.2f}')
print(f"{'sum':<8}{sum(r[1] for r in rows):>5}{'':>8}{sum(r[1] * r[2] for r in rows):>9.2f}")
hist = {'a': 5, 'b': 2, 'c': 7}
for k in sorted(hist):
    print(k, '*' * hist[k], hist[k])
