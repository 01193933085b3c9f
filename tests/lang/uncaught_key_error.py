# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
config = {'host': 'localhost', 'port': 8080}
print(config['host'])
print(config.get('user', 'nobody'))
print(config['password'])
