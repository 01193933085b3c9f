class Bag:
    pass
b = Bag()
setattr(b, 'color', 'red')
setattr(b, 'size', 3)
print(b.color, getattr(b, 'size'), hasattr(b, 'color'), hasattr(b, 'weight'))
delattr(b, 'color')
print(hasattr(b, 'color'), vars(b))
for name in ['a', 'b', 'c']:
    setattr(b, name, name * 2)
print(sorted(vars(b).items()))
print([getattr(b, n) for n in ['a', 'b', 'c']])
try:
    getattr(b, 'zzz_missing')
except AttributeError as e:
    print(type(e).__name__, e)
try:
    delattr(b, 'zzz_missing')
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr(Bag, '__name__'), getattr([1], 'append') is not None)
fn = getattr('a-b-c', 'split')
print(fn('-'))
class Cfg:
    debug = False
setattr(Cfg, 'debug', True)
print(Cfg.debug, Cfg().debug)
