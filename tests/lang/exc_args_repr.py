errs = [ValueError(), ValueError('msg'), ValueError('a', 1), KeyError('key'), KeyError(3),
        IndexError('idx'), TypeError('t'), RuntimeError(None), Exception('x', 'y'),
        ZeroDivisionError('zd'), StopIteration(5), AssertionError()]
for e in errs:
    print(type(e).__name__, repr(e), '|', str(e), '|', e.args, len(e.args))
e = ValueError('v')
print(isinstance(e, Exception), isinstance(e, BaseException), isinstance(e, TypeError))
e.note = 'custom attr'
print(e.note)
def make():
    return OSError('os')
print(repr(make()))
