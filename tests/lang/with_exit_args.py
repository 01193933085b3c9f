class Recorder:
    def __init__(self):
        self.log = []
    def __enter__(self):
        self.log.append('enter')
        return self
    def __exit__(self, t, v, tb):
        self.log.append((t is None, v is None, tb is None))
        if t is not None:
            self.log.append(t.__name__)
            self.log.append(isinstance(v, t))
        return t is ZeroDivisionError
r = Recorder()
with r as same:
    print(same is r)
print(r.log)
r2 = Recorder()
with r2:
    1 / 0
print(r2.log)
r3 = Recorder()
try:
    with r3:
        [][0]
except IndexError as e:
    print('IndexError escaped', e)
print(r3.log)
class Lock:
    held = False
    def __enter__(self):
        Lock.held = True
    def __exit__(self, *args):
        Lock.held = False
with Lock() as nothing:
    print(Lock.held, nothing)
print(Lock.held)
