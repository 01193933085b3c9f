def add_method(cls):
    def hello(self):
        return 'hello from ' + type(self).__name__
    cls.hello = hello
    return cls
@add_method
class A:
    x = 1
class B(A):
    pass
print(A().hello(), B().hello())
class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
        self.id = Counter.instances
cs = [Counter() for _ in range(4)]
print([c.id for c in cs], Counter.instances)
class Shadow:
    val = 'class'
    def get(self):
        return self.val
s = Shadow()
print(s.get())
s.val = 'instance'
print(s.get(), Shadow.val)
del s.val
print(s.get())
print([k for k in vars(Shadow) if not k.startswith('__')])
