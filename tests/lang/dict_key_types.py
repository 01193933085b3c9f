d = {}
d[1] = 'int one'
d[1.0] = 'float one'
d[True] = 'bool true'
print(d, len(d))
d[0] = 'zero'
d[False] = 'false'
d[0.0] = 'fzero'
print(d)
d[None] = 'none'
d[(1, 2)] = 'tuple'
d['1'] = 'string one'
d[-1] = 'neg'
print(len(d), d[None], d[1, 2], d['1'], d[-1])
print(sorted(k for k in d if isinstance(k, int)))
print(2.0 in {2: 'x'}, {1: 'a'} == {1.0: 'a'}, hash(0) == hash(0.0) == hash(False))
m = {(0, 0): 'o', (0, 1): 'n'}
print(m[(0, 1)], (1, 1) in m)
