class O:
    pass
o = O()
o.a = o.b = 5
print(o.a, o.b)
l = [0] * 5
l[0] = l[1] = 'x'
print(l)
l[2], l[3] = 'y', 'z'
print(l)
d = {}
d['k'], o.c = 1, 2
print(d, o.c)
i = 0
i, l[i] = 4, 'set at new i'
print(i, l)
a = [1, 2, 3]
a[1:2] = [9, 9, 9]
print(a)
x, (y, z), w = 1, [2, 3], 'w'
print(x, y, z, w)
m = [[0, 0], [0, 0]]
m[1][0] = 7
m[0][-1] += 3
print(m)
first, second = second, first = 'ab'
print(first, second)
t = u = v = []
t.append(1)
print(u, v)
