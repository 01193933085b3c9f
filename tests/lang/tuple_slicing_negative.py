t = tuple(range(10))
print(t[::-1], t[-3:], t[:-7], t[-1:-4:-1], t[8:1:-3])
print(t[::4], t[1::4], t[100:], t[-100:2])
s = 'abcdefgh'
print(s[-1::-2], s[-2:-6:-1], s[:-1:3])
l = list('abcdefgh')
print(l[-5:-2], l[::-3])
nested = ((1, 2, 3), (4, 5, 6))
print(nested[-1][::-1], [row[-1] for row in nested])
print(len(t[2:8:2]), t[2:8:2])
for step in [1, 2, 3, -1, -2]:
    print(step, t[::step])
