# Recursive Fibonacci: function calls, integer arithmetic, comparisons.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

total = 0
for n in range(20, 31):
    total += fib(n)
print('fib', fib(31), 'checksum', total)
