class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def fails():
    local = T('local')
    raise ValueError('boom')
try:
    fails()
except ValueError as e:
    print('caught', e)
print('after handler')
def holder():
    try:
        x = T('in try')
        1 / 0
    except ZeroDivisionError:
        print('handled inside')
    print('leaving holder')
holder()
print('end')
