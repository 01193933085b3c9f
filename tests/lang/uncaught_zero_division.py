# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
def ratio(a, b):
    return a / b
print('before')
print(ratio(1, 2))
print(ratio(1, 0))
print('never printed')
