x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 4; print(x)
x //= 5; print(x)
x %= 4; print(x)
x **= 5; print(x)
x /= 8; print(x)
y = 6
y <<= 3; print(y)
y >>= 1; print(y)
y &= 0b10110; print(y)
y |= 1; print(y)
y ^= 0b11; print(y)
s = 'ab'
s += 'cd'; print(s)
s *= 3; print(s)
l = [1]
l2 = l
l += [2, 3]
print(l, l2, l is l2)
l *= 2
print(l2)
t = (1,)
t2 = t
t += (2,)
print(t, t2, t is t2)
class P:
    pass
p = P()
p.v = 1
p.v += 10
print(p.v)
d = {'k': 1}
d['k'] += 41
d['k'] *= 2
print(d)
lst = [5, 6, 7]
lst[1] -= 6
lst[-1] **= 2
print(lst)
