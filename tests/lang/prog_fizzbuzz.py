out = []
for i in range(1, 31):
    if i % 15 == 0:
        out.append('FizzBuzz')
    elif i % 3 == 0:
        out.append('Fizz')
    elif i % 5 == 0:
        out.append('Buzz')
    else:
        out.append(str(i))
print(' '.join(out))
counts = {}
for w in out:
    key = w if not w.isdigit() else 'number'
    counts[key] = counts.get(key, 0) + 1
print(counts)
def fb(n):
    return 'Fizz' * (n % 3 == 0) + 'Buzz' * (n % 5 == 0) or str(n)
print([fb(i) for i in range(10, 16)])
