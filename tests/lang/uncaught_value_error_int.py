# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
inputs = ['10', '20', 'thirty']
total = 0
for s in inputs:
    total += int(s)
    print('running total', total)
