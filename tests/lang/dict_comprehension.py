sq = {x: x * x for x in range(6)}
print(sq)
print({k: v for k, v in sq.items() if v % 2 == 0})
words = ['apple', 'bob', 'cat', 'apple', 'dog', 'bob']
print({w: len(w) for w in words})
inv = {v: k for k, v in {'a': 1, 'b': 2}.items()}
print(inv)
print({i: [j for j in range(i)] for i in range(4)})
print({(i, j): i * j for i in range(2) for j in range(2)})
keys = ['a', 'b', 'c']
vals = [1, 2, 3]
print({k: v for k, v in zip(keys, vals)})
print({k: None for k in keys}, {})
