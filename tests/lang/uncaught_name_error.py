# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
values = [1, 2, 3]
print(sum(values))
print(max(values))
print(totally_missing_variable_q)
