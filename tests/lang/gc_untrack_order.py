# Which containers a collection untracks, and in what order it decides: tuples
# at every collection (in list order: an outer tuple built before its inner
# one stays tracked until the next collection), dicts only at full ones, after
# all the tuples (so a dict holding a tuple built after it is untracked too).
import gc

gc.disable()
gc.collect()


def tracked(*objs):
    return [gc.is_tracked(o) for o in objs]


one, two, a, b = 1, 2, 'a', 'b'   # tuples built from names are tracked at first


# A dict created before the tuple it holds: the tuple is untracked first.
d = {}
t = (one, two)      # tracked until a collection looks at it
d['t'] = t
print('before', tracked(d, t))
gc.collect(0)
print('gen 0', tracked(d, t))          # tuple untracked; dicts wait
gc.collect()
print('full', tracked(d, t))

# Same, with the tuple still to be decided when the dict is asked.
d2 = {}
inner = (a, b)
d2['k'] = inner
gc.collect()
print('full at once', tracked(d2, inner))

# Nested tuples: the outer one, older, is asked first.
outer = ((one,),)
outer = (outer[0],)                   # the outer tuple is now the younger one
older = (one,)
outer2 = (older,)
print('nested', tracked(outer, outer[0], outer2, older))
gc.collect()
print('nested after 1', tracked(outer, outer[0], outer2, older))
gc.collect()
print('nested after 2', tracked(outer, outer[0], outer2, older))

# Tuples and dicts that hold a mutable container stay tracked.
lst = []
t3 = (lst, one)
d3 = {'t': t3}
d4 = {'l': lst}
gc.collect()
print('mutable inside', tracked(t3, d3, d4))

# A dict holding a dict never leaves, whatever the inner one does.
e = {'x': [one]}
f = {'e': e}
gc.collect()
print('dict in dict', tracked(e, f))

# Garbage found in the same collection: a tuple in a dead cycle keeps its
# dict tracked until it is freed.
class Node:
    pass


n = Node()
n.self = n
n.t = (n,)
keep = {'t2': (one, a)}
del n
print('collected', gc.collect())
print('survivor dict', tracked(keep, keep['t2']))
gc.enable()
