s = 'programming'
counts = {}
for ch in s:
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print(list(s[:4]), tuple('ab'), set('aab') == {'a', 'b'})
print([c.upper() for c in s if c in 'aeiou'])
rev = ''
for ch in s:
    rev = ch + rev
print(rev, rev == s[::-1])
print(list(enumerate('abc')))
print(sorted('banana'), ''.join(sorted('banana')))
print(list(reversed('abc')))
