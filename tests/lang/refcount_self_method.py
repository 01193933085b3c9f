import sys
class C:
    def plain(self):
        return sys.getrefcount(self)
    def with_local(self):
        me = self
        return sys.getrefcount(self)
    def store(self, box):
        box.append(self)
        return sys.getrefcount(self)
    def call_other(self):
        return self.plain()
c = C()
print('global', sys.getrefcount(c))
print('plain', c.plain())
print('with_local', c.with_local())
print('call_other', c.call_other())
print('unbound call', C.plain(c))
box = []
print('store', c.store(box))
print('after store', sys.getrefcount(c))
box.clear()
print('after clear', sys.getrefcount(c))
print('temp instance', C().plain())
