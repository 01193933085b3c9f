# Nested integer loops: while/for, range, augmented assignment, modulo.
def work(n):
    acc = 0
    for i in range(n):
        j = 0
        while j < n:
            acc = (acc + i * j + (i ^ j)) % 1000003
            j += 1
    return acc

print('loops checksum', work(2400))
