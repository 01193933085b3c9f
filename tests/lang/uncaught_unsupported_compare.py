# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
items = [3, 1, 'two']
print(len(items))
print(items[::-1])
items.sort()
