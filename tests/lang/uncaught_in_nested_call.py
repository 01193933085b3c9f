# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
def a(n):
    return b(n) + 1
def b(n):
    return c(n) * 2
def c(n):
    return [0, 1, 2][n]
print(a(1))
print(a(3))
