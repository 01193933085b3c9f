nums = [5, 2, 9, 1, 5, 6, -3, 0]
print(sorted(nums), nums)
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
words = ['pear', 'fig', 'banana', 'kiwi', 'apple', 'date']
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
words.sort(key=lambda w: (len(w), w))
print(words)
pairs = [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'a')]
print(sorted(pairs))
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[1], reverse=True))
print(sorted([3.5, 1, 2.25, -1]))
print(sorted('hello'), sorted((3, 1, 2)), sorted({3: 'a', 1: 'b'}))
recs = [{'n': 'x', 'v': 3}, {'n': 'y', 'v': 1}, {'n': 'z', 'v': 2}]
print([r['n'] for r in sorted(recs, key=lambda r: r['v'])])
try:
    sorted([1, 'a'])
except TypeError as e:
    print(type(e).__name__, e)
