# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
class Robot:
    def __init__(self):
        self.battery = 100
r = Robot()
print(r.battery)
print(r.wheels_quantity_xyz)
