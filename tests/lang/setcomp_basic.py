squares = {x * x for x in range(-4, 5)}
print(sorted(squares), len(squares))
evens = {n for n in range(20) if n % 2 == 0}
print(evens == set(range(0, 20, 2)))
print({x % 5 for x in range(100)})
pairs = {(a, b) for a in range(3) for b in range(3) if a < b}
print(sorted(pairs))
lens = {len(w) for w in ['a', 'bb', 'cc', 'ddd']}
print(sorted(lens))
s = {0}
for i in range(5):
    s = s | {i * 10}
print(sorted(s))
print({1, 2, 3} - {x for x in range(2)})
print(type({x for x in []}).__name__, len({x for x in []}))
