x = 10
def f():
    print(x)
    x = 5
try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def g():
    try:
        return y
    finally:
        pass
    y = 1
try:
    g()
except NameError as e:
    print(type(e).__name__, e, isinstance(e, UnboundLocalError))
def h():
    z = 1
    del z
    return z
try:
    h()
except UnboundLocalError as e:
    print(type(e).__name__, e)
try:
    del never_defined_zz
except NameError as e:
    print(type(e).__name__, e)
