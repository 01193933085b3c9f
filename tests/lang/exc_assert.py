def check(v):
    assert v > 0, 'value must be positive, got ' + str(v)
    return v
print(check(3))
try:
    check(-1)
except AssertionError as e:
    print(type(e).__name__, e, e.args)
try:
    assert 1 == 2
except AssertionError as e:
    print('bare assert', repr(e), e.args)
assert True
assert [1], 'never raised'
try:
    assert [], ['list', 'message']
except AssertionError as e:
    print(e.args[0])
