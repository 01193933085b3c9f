log = []
def trace(fn):
    def wrapper(*args, **kwargs):
        log.append('call ' + fn.__name__)
        result = fn(*args, **kwargs)
        log.append('ret ' + repr(result))
        return result
    return wrapper
@trace
def add(a, b):
    return a + b
print(add(2, 3), add(b=1, a=1))
print(log)
def repeat(n):
    def deco(fn):
        def w(x):
            return [fn(x) for _ in range(n)]
        return w
    return deco
@repeat(3)
def shout(s):
    return s.upper()
print(shout('hi'))
def tag(label):
    def deco(fn):
        fn.label = label
        return fn
    return deco
@tag('first')
@tag('second')
def both():
    return 'both'
print(both(), both.label)
registry = {}
def register(cls):
    registry[cls.__name__] = cls
    return cls
@register
class Plugin:
    pass
print(list(registry), registry['Plugin'] is Plugin)
