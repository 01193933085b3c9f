names = [BaseException, Exception, KeyboardInterrupt, ArithmeticError, ZeroDivisionError,
         OverflowError, LookupError, IndexError, KeyError, NameError, UnboundLocalError,
         TypeError, ValueError, AttributeError, AssertionError, StopIteration, RuntimeError,
         RecursionError, NotImplementedError, MemoryError, ImportError, ModuleNotFoundError,
         OSError, FileNotFoundError, SyntaxError]
for cls in names:
    try:
        raise cls('msg for ' + cls.__name__)
    except BaseException as e:
        print(cls.__name__, type(e) is cls, str(e), isinstance(e, Exception))
def parents(cls):
    return [p.__name__ for p in names if p is not cls and issubclass(cls, p)]
for cls in [ZeroDivisionError, KeyError, UnboundLocalError, RecursionError, ModuleNotFoundError, FileNotFoundError]:
    print(cls.__name__, parents(cls))
try:
    raise KeyboardInterrupt
except Exception:
    print('wrong')
except KeyboardInterrupt as e:
    print('KeyboardInterrupt caught', repr(e))
