text = 'the cat and the hat and the bat sat on the mat'
freq = {}
for w in text.split():
    if w in freq:
        freq[w] += 1
    else:
        freq[w] = 1
print(freq)
by_len = {}
for w in text.split():
    by_len.setdefault(len(w), []).append(w)
print(by_len)
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(top)
grid = {}
for r in range(3):
    for c in range(3):
        grid[(r, c)] = r * 3 + c
print(grid[(2, 1)], len(grid), max(grid, key=lambda k: grid[k]))
tree = {'a': {'b': {'c': 1}}, 'd': {}}
print(tree['a']['b']['c'], tree.get('d').get('e', 'missing'))
