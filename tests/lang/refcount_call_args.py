import sys
class Obj:
    pass
o = Obj()
def one(p):
    return sys.getrefcount(p)
def two(p, q):
    return sys.getrefcount(p)
def passthrough(p):
    return one(p)
def star(*args):
    return sys.getrefcount(args[0])
def kw(**kwargs):
    return sys.getrefcount(kwargs['v'])
def default(p=o):
    return sys.getrefcount(p)
print('global', sys.getrefcount(o))
print('one', one(o))
print('two same', two(o, o))
print('passthrough', passthrough(o))
print('star', star(o))
print('kw', kw(v=o))
print('default', default())
print('after calls', sys.getrefcount(o))
def keep(p, store):
    store.append(p)
    return sys.getrefcount(p)
box = []
print('keep', keep(o, box))
print('after keep', sys.getrefcount(o))
def local_copy(p):
    a = p
    b = p
    return sys.getrefcount(p)
print('local copies', local_copy(o))
print('end', sys.getrefcount(o))
