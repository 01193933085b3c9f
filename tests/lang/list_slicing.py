l = list(range(10))
print(l[2:5], l[:3], l[-2:], l[::3], l[::-1], l[7:2:-2])
print(l[-100:100], l[5:1], l[1:-1])
m = l[:]
m[2:5] = ['a', 'b']
print(m)
m[1:1] = [100, 200]
print(m)
m[:2] = []
print(m)
m[::2] = [0] * len(m[::2])
print(m)
m[-1:] = 'xy'
print(m)
n = [1, 2, 3, 4, 5, 6]
del n[1:3]
print(n)
del n[::2]
print(n)
try:
    n[::2] = [1, 2, 3]
except ValueError as e:
    print(type(e).__name__, e)
k = [1, 2, 3]
k[len(k):] = [4, 5]
print(k)
