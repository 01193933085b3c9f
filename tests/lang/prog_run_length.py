def rle(s):
    if not s:
        return []
    out = []
    cur = s[0]
    n = 1
    for c in s[1:]:
        if c == cur:
            n += 1
        else:
            out.append((cur, n))
            cur = c
            n = 1
    out.append((cur, n))
    return out
def encode(s):
    return ''.join(c + str(n) for c, n in rle(s))
def decode(e):
    out = []
    i = 0
    while i < len(e):
        c = e[i]
        j = i + 1
        while j < len(e) and e[j].isdigit():
            j += 1
        out.append(c * int(e[i + 1:j]))
        i = j
    return ''.join(out)
for s in ['aaabccdddd', 'abc', '', 'zzzzzzzzzzzz', 'aabbaa']:
    e = encode(s)
    print(repr(s), rle(s), e, decode(e) == s)
