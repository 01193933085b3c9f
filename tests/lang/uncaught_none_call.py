# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
handlers = {'start': lambda: 'started'}
print(handlers['start']())
h = handlers.get('stop')
print(h)
h()
