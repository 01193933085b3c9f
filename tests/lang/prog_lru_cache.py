class LRU:
    def __init__(self, cap):
        self.cap = cap
        self.data = {}
        self.hits = 0
        self.misses = 0
    def get(self, k):
        if k in self.data:
            v = self.data.pop(k)
            self.data[k] = v
            self.hits += 1
            return v
        self.misses += 1
        return None
    def put(self, k, v):
        if k in self.data:
            self.data.pop(k)
        elif len(self.data) >= self.cap:
            oldest = next(iter(self.data))
            print('evict', oldest)
            del self.data[oldest]
        self.data[k] = v
c = LRU(3)
for k in ['a', 'b', 'c']:
    c.put(k, k.upper())
print(c.get('a'), list(c.data))
c.put('d', 'D')
print(c.get('b'), list(c.data))
c.put('a', 'AA')
c.put('e', 'E')
print(list(c.data.items()), c.hits, c.misses)
for k in 'abcde':
    c.get(k)
print(c.hits, c.misses)
