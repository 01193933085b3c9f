class Thing:
    def __init__(self):
        self.present = 1
t = Thing()
try:
    t.absent_attribute_xyz
except AttributeError as e:
    print(type(e).__name__, e)
try:
    Thing.nope_nope_nope
except AttributeError as e:
    print(type(e).__name__, e)
try:
    (5).qqqq
except AttributeError as e:
    print(type(e).__name__, e)
try:
    'str'.zzzz()
except AttributeError as e:
    print(type(e).__name__, e)
try:
    None.foo_bar_baz
except AttributeError as e:
    print(type(e).__name__, e)
try:
    [].pushx(1)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del t.gone_gone_gone
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr(t, 'present'), getattr(t, 'absent_attribute_xyz', None))
