def bubble(a):
    a = a[:]
    n = len(a)
    swaps = 0
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swaps += 1
                swapped = True
        if not swapped:
            break
    return a, swaps
for data in [[5, 1, 4, 2, 8], [], [1], [3, 3, 1], list(range(10, 0, -1)), ['pear', 'apple', 'fig']]:
    out, swaps = bubble(data)
    print(data, '->', out, 'swaps', swaps, out == sorted(data))
