import weakref
class Obj:
    pass
events = []
def cb1(r):
    events.append('cb1')
def cb2(r):
    events.append('cb2 ' + str(r() is None))
o = Obj()
r1 = weakref.ref(o, cb1)
r2 = weakref.ref(o, cb2)
print(r1 is r2, r1() is o)
del o
print(events)
events.clear()
o = Obj()
r3 = weakref.ref(o, cb1)
del r3
del o
print('callback of dead weakref', events)
holder = {}
def remember(r):
    holder['dead'] = True
o = Obj()
rr = weakref.ref(o, remember)
objs = [o]
del o
print(holder)
objs.pop()
print(holder)
o = Obj()
lam = weakref.ref(o, lambda ref: print('lambda callback'))
o = Obj()
print('end')
