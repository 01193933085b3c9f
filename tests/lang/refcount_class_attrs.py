import sys
shared = {}
class Config:
    value = shared
print('class attr', sys.getrefcount(shared))
class Sub(Config):
    pass
print('subclass shares', sys.getrefcount(shared))
c = Config()
print('instance reads', sys.getrefcount(shared), c.value is shared)
c.value = shared
print('instance attr', sys.getrefcount(shared))
del c.value
print('instance attr removed', sys.getrefcount(shared))
Sub.value = shared
print('sub attr', sys.getrefcount(shared))
del Sub.value
Config.value = None
print('class attr cleared', sys.getrefcount(shared))
inst = Sub()
print('instance of Sub', sys.getrefcount(inst))
holder = [inst, inst]
print(sys.getrefcount(inst))
