# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
class Fatal(BaseException):
    pass
try:
    raise Fatal('first')
except Exception:
    print('not caught by Exception')
except BaseException as e:
    print('caught by BaseException', e)
raise Fatal('escapes')
