class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
class Box:
    pass
b = Box()
b.item = T('one')
b.item = T('two')
print('after replace')
del b.item
print('after delattr')
b.a = T('a')
b.z = T('z')
b.m = T('m')
print('dropping box')
del b
lst = [T('l0'), T('l1')]
lst[0] = T('l0-new')
print('after item replace')
lst[:] = []
print('end')
