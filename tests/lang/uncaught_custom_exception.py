# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
class ValidationError(Exception):
    pass
def validate(x):
    if x < 0:
        raise ValidationError('negative value: ' + str(x))
    return x
print(validate(5))
validate(-2)
