# A context manager without __exit__ (or without __enter__) is rejected before
# the body runs, with CPython 3.11's message for each case.
class OnlyEnter:
    def __enter__(self):
        print('enter should not run')


class OnlyExit:
    def __exit__(self, *exc):
        print('exit should not run')


class Neither:
    pass


for mgr in [OnlyEnter(), OnlyExit(), Neither()]:
    try:
        with mgr:
            print('body should not run')
    except TypeError as e:
        print(type(mgr).__name__, '->', e)
