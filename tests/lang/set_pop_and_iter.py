s = {5, 3, 9, 1}
out = []
while s:
    out.append(s.pop())
print(sorted(out), s)
try:
    s.pop()
except KeyError as e:
    print(type(e).__name__, e)
t = {10, 20, 30}
total = 0
for v in t:
    total += v
print(total)
print(sorted({x % 4 for x in range(20)}))
print({x % 4 for x in range(20)})
u = {(1, 2), (2, 1), (1, 2)}
print(len(u), (2, 1) in u)
try:
    {[1]}
except TypeError as e:
    print(type(e).__name__, e)
a = {1, 2}
a |= {3}
a &= {1, 3, 4}
a -= {1}
a ^= {7}
print(a)
