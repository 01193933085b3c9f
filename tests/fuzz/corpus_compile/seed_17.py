l = [x * y for x in a for y in b if x if y]
s = {x for x in a}
d = {k: v for k, v in items}
g = (x for x in a)
