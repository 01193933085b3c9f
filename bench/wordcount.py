# Dict word count over generated text: string split, dict get/set, sorting items.
syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'qu']

def make_text(n, seed):
    words = []
    for i in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        k = seed % 1000
        w = syllables[k % 10] + syllables[(k // 10) % 10]
        if k % 3 == 0:
            w = w + syllables[(k // 100) % 10]
        words.append(w)
    return ' '.join(words), seed

seed = 7
counts = {}
for chunk in range(32):
    text, seed = make_text(40000, seed)
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print('distinct', len(counts), 'top', top)
print('wordcount checksum', sum(v * len(k) for k, v in counts.items()))
