# StopIteration.value is the first argument, or None.
try:
    raise StopIteration(5)
except StopIteration as e:
    print(e.value, e, e.args)

try:
    next(iter([]))
except StopIteration as e:
    print(e.value, repr(e))


class MyStop(StopIteration):
    pass


print(MyStop(1, 2).value, StopIteration().value, StopIteration('x', 'y').value)
print(hasattr(ValueError(), 'value'), hasattr(StopIteration(), 'value'))
