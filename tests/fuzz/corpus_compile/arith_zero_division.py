def attempt(label, f):
    try:
        print(label, f())
    except ZeroDivisionError as e:
        print(label, type(e).__name__, e)
    except ArithmeticError as e:
        print(label, 'arith', e)
attempt('int /', lambda: 1 / 0)
attempt('int //', lambda: 1 // 0)
attempt('int %', lambda: 1 % 0)
attempt('float /', lambda: 1.0 / 0)
attempt('float //', lambda: 1.0 // 0.0)
attempt('float %', lambda: 5.5 % 0.0)
attempt('divmod', lambda: divmod(3, 0))
attempt('pow', lambda: 0 ** -1)
attempt('ok', lambda: 0 / 5)
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(ArithmeticError, Exception))
