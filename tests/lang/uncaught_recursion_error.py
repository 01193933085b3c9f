# Ends with an uncaught RecursionError.
def countdown(n):
    if n == 0:
        return 'done'
    return countdown(n - 1)
print(countdown(100))
def forever(n):
    return forever(n + 1) + 1
print('about to recurse without end')
forever(0)
