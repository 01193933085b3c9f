# Exceptions: raise/except in loops, custom classes, try/finally, lookups that fail.
class Miss(Exception):
    pass

def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise Miss(k)

d = {i: i * i for i in range(50)}
hits = 0
misses = 0
cleanups = 0
for i in range(800000):
    try:
        try:
            hits += lookup(d, i % 70) % 5
        finally:
            cleanups += 1
    except Miss as e:
        misses += 1
    if i % 3 == 0:
        try:
            int('x' + str(i % 10))
        except ValueError:
            misses += 1
print('exceptions checksum', hits, misses, cleanups)
