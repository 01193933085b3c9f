# NameError.name and AttributeError.name/.obj (set when the VM or getattr
# raises them, or by keyword), and str(e): the "Did you mean" suggestion is
# only in a printed traceback, never in the message.
class Box:
    def __init__(self):
        self.width = 3


def look_up_local():
    widht = 1
    try:
        return wdht
    except NameError as e:
        return e


box = Box()
try:
    box.widht
except AttributeError as e:
    print(str(e), '|', e.name, e.obj is box, e.args)

try:
    getattr(box, 'heigth')
except AttributeError as e:
    print(str(e), '|', e.name, e.obj is box)

try:
    box.no_such_method()
except AttributeError as e:
    print(str(e), '|', e.name, e.obj is box)

try:
    Box.widht
except AttributeError as e:
    print(str(e), '|', e.name, e.obj is Box)

try:
    [1, 2].apend(3)
except AttributeError as e:
    print(str(e), '|', e.name, e.obj)

err = look_up_local()
print(type(err).__name__, str(err), '|', err.name)

try:
    prnt('x')
except NameError as e:
    print(str(e), '|', e.name, repr(e))


def unbound():
    value = 1
    del value
    return value


try:
    unbound()
except NameError as e:
    print(type(e).__name__, '|', e.name)


# __getattr__ raising its own AttributeError: getattr adds name and obj.
class Lazy:
    def __getattr__(self, attr):
        raise AttributeError('computed ' + attr + ' missing')


lazy = Lazy()
try:
    lazy.thing
except AttributeError as e:
    print(str(e), '|', e.name, e.obj is lazy)

# Attributes given by keyword, read, set and defaulted.
e = NameError('msg', name='prnt')
print(e.name, e.args, str(e))
e.name = 'other'
print(e.name)
a = AttributeError('msg', name='apend', obj=[1])
print(a.name, a.obj, a.args)
plain = AttributeError('plain')
print(plain.name, plain.obj, NameError().name)
try:
    NameError('m', obj=1)
except TypeError as t:
    print(t)
try:
    AttributeError('m', nam='x')
except TypeError as t:
    print(t)


class MyAttrError(AttributeError):
    pass


m = MyAttrError('mine', name='n', obj=2)
print(m.name, m.obj, m.args)
try:
    raise AttributeError('mine', name='kept', obj=0)
except AttributeError as e:
    print(e.name, e.obj)
