# Dict- and attribute-heavy code: records as dicts and as instances, grouping, updates.
class Rec:
    def __init__(self, key, a, b):
        self.key = key
        self.a = a
        self.b = b

checksum = 0
for rnd in range(86):
    table = {}
    recs = []
    for i in range(6000):
        key = 'k' + str(i % 300)
        d = {'key': key, 'a': i, 'b': i % 11}
        r = Rec(key, i, i % 11)
        recs.append(r)
        bucket = table.setdefault(key, {'sum': 0, 'n': 0})
        bucket['sum'] += d['a'] + d['b']
        bucket['n'] += 1
    for r in recs:
        r.a = r.a + r.b
        if r.key in table:
            table[r.key]['sum'] -= r.b
    checksum = (checksum + sum(v['sum'] for v in table.values()) + len(table)) % 1000000007
print('dictattr checksum', checksum)
