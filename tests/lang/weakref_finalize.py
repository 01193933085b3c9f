import weakref
class Res:
    pass
def cleanup(name, tag='t'):
    print('cleanup', name, tag)
    return name.upper()
r = Res()
f = weakref.finalize(r, cleanup, 'res1', tag='x')
print(f.alive)
del r
print(f.alive)
r = Res()
f2 = weakref.finalize(r, cleanup, 'res2')
print(f2.alive, f2())
print(f2.alive, f2())
del r
print('no second call')
r = Res()
f3 = weakref.finalize(r, cleanup, 'res3')
print(f3.alive)
f3()
print(f3.alive, f3())
del r
a = Res()
fa = weakref.finalize(a, print, 'finalize runs at exit')
print('end of program')
