# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError('could not parse ' + repr(s)) from e
print(parse('12'))
print(parse('x1'))
