def trigger(kind):
    if kind == 'key':
        {}['k']
    elif kind == 'index':
        [][1]
    elif kind == 'zero':
        1 // 0
    elif kind == 'value':
        int('abc')
    elif kind == 'type':
        None + 1
    elif kind == 'name':
        undefined_variable_qq
    elif kind == 'attr':
        object().qq
    elif kind == 'assert':
        assert False, 'boom'
    elif kind == 'runtime':
        raise RuntimeError('rt')
    elif kind == 'notimpl':
        raise NotImplementedError('later')
for kind in ['key', 'index', 'zero', 'value', 'type', 'name', 'attr', 'assert', 'runtime', 'notimpl']:
    try:
        trigger(kind)
    except LookupError as e:
        print(kind, 'LookupError', type(e).__name__)
    except ArithmeticError as e:
        print(kind, 'ArithmeticError', type(e).__name__)
    except (ValueError, TypeError) as e:
        print(kind, 'Value/Type', type(e).__name__)
    except Exception as e:
        print(kind, 'Exception', type(e).__name__, e)
print(issubclass(NotImplementedError, RuntimeError), issubclass(RecursionError, RuntimeError))
print(issubclass(UnboundLocalError, NameError), issubclass(ModuleNotFoundError, ImportError))
print(issubclass(FileNotFoundError, OSError), issubclass(KeyboardInterrupt, Exception), issubclass(KeyboardInterrupt, BaseException))
print(issubclass(StopIteration, Exception), issubclass(OverflowError, ArithmeticError), issubclass(MemoryError, Exception))
