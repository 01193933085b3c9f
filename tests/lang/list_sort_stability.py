data = [('a', 3), ('b', 1), ('c', 3), ('d', 2), ('e', 1), ('f', 3), ('g', 2)]
by_num = sorted(data, key=lambda t: t[1])
print(by_num)
by_num_rev = sorted(data, key=lambda t: t[1], reverse=True)
print(by_num_rev)
students = [('ann', 'b', 15), ('bob', 'a', 12), ('cid', 'b', 10), ('dan', 'a', 15)]
s1 = sorted(students, key=lambda s: s[2])
s2 = sorted(s1, key=lambda s: s[1])
print(s2)
big = [(i * 7919) % 101 for i in range(200)]
sb = sorted(big)
print(sb[:10], sb[-10:], len(sb))
ok = True
for i in range(len(sb) - 1):
    if sb[i] > sb[i + 1]:
        ok = False
print(ok)
