d = {'x': 1, 'y': 2}
print(d.keys())
print(d.values())
print(d.items())
ks = d.keys()
d['z'] = 3
print(len(ks), 'z' in ks, list(ks))
print(sorted(d.values(), reverse=True))
print([k + str(v) for k, v in d.items()])
print(repr({}), repr({1: {2: {}}}), str({'q': [1, 'q']}))
print({1: 'a'} == {1: 'a'}, {1: 'a', 2: 'b'} == {2: 'b', 1: 'a'}, {1: 1} != {1: 2})
