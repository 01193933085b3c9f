d = {}
for k in ['zeta', 'alpha', 'mid', 'beta']:
    d[k] = len(k)
print(d)
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, '=', v)
d['alpha'] = 100
print(list(d))
del d['zeta']
d['zeta'] = 0
print(list(d))
print(list(d.values()), sum(d.values()))
n = {3: 'c', 1: 'a', 2: 'b'}
print(n, sorted(n), list(n.items()))
print(dict(zip('abc', range(3))))
print(dict([(1, 2), (3, 4)]), dict(a=1, b=2), dict({'x': 1}), dict())
