# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's. The printed
# AttributeError ends with ". Did you mean: 'battery_level'?", the closest
# name in dir(robot).
class Robot:
    def __init__(self):
        self.battery_level = 100

    def recharge(self):
        self.battery_level = 100


robot = Robot()
robot.recharge()
print(robot.battery_level)
print(robot.batery_level)
