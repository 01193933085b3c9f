def is_pal(s):
    t = ''.join(c.lower() for c in s if c.isalpha())
    return t == t[::-1]
for s in ['racecar', 'A man a plan a canal Panama', 'hello', '', 'Was it a car or a cat I saw']:
    print(repr(s), is_pal(s))
words = ['listen', 'silent', 'enlist', 'google', 'gooegl', 'cat', 'act', 'tac', 'dog']
groups = {}
for w in words:
    key = ''.join(sorted(w))
    groups.setdefault(key, []).append(w)
for key in sorted(groups):
    print(key, groups[key])
print([g for g in groups.values() if len(g) > 1])
def longest_pal(s):
    best = ''
    for i in range(len(s)):
        for j in range(i, len(s)):
            sub = s[i:j + 1]
            if sub == sub[::-1] and len(sub) > len(best):
                best = sub
    return best
print(longest_pal('babad'), longest_pal('forgeeksskeegfor'), longest_pal('abc'))
