d = {'a': 1, 'b': 2}
print(d.get('a'), d.get('z'), d.get('z', 0))
print(list(d.keys()), list(d.values()), list(d.items()))
d['c'] = 3
print(d, len(d))
print(d.pop('b'), d.pop('zz', 'dflt'), d)
try:
    d.pop('zz')
except KeyError as e:
    print(type(e).__name__, e)
print(d.setdefault('a', 100), d.setdefault('n', []), d)
d['n'].append(1)
print(d)
d.update({'a': -1, 'q': 9})
d.update([('r', 8)])
d.update(s=7)
print(d)
print(d.popitem(), d)
e = d.copy()
e['new'] = True
print('new' in d, 'new' in e)
d.clear()
print(d, len(d), e)
try:
    {}.popitem()
except KeyError as ex:
    print(type(ex).__name__, ex)
