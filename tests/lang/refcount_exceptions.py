import sys
payload = []
print(sys.getrefcount(payload))
e = ValueError(payload)
print(sys.getrefcount(payload))
del e
print(sys.getrefcount(payload))
try:
    raise KeyError(payload)
except KeyError as err:
    print('in handler', sys.getrefcount(payload), err.args[0] is payload)
print('after handler', sys.getrefcount(payload))
saved = None
try:
    raise RuntimeError(payload, payload)
except RuntimeError as err:
    saved = err
print('saved', sys.getrefcount(payload))
saved = None
print('released', sys.getrefcount(payload))
class Err(Exception):
    def __init__(self, obj):
        super().__init__('custom')
        self.obj = obj
try:
    raise Err(payload)
except Err as x:
    print('attr', sys.getrefcount(payload))
print('end', sys.getrefcount(payload))
