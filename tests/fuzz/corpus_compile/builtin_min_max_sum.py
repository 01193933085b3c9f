data = [4, -2, 9, 0, 9, -7]
print(min(data), max(data), sum(data), sum(data, 100))
print(min(3, 7), max(3, 7, 5), min('apple', 'pear', 'fig'), max('a', 'B'))
print(max(data, key=abs), min(data, key=lambda v: (v % 3, v)))
print(max([], default=None), min((), default=0))
print(max([[1, 2], [1, 3], [0, 9]]), min([(2, 'b'), (2, 'a')]))
words = ['kiwi', 'banana', 'fig', 'cherry']
print(max(words, key=len), min(words, key=len))
print(sum([0.1] * 10), sum([1, 2.5, True]))
try:
    max([])
except ValueError as e:
    print(type(e).__name__, e)
try:
    sum(['a', 'b'])
except TypeError as e:
    print(type(e).__name__, e)
print(max(x * x for x in range(-5, 3)), min(len(w) for w in words))
