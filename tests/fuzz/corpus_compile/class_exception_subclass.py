class AppError(Exception):
    pass
class ParseError(AppError):
    def __init__(self, line, msg):
        super().__init__(msg)
        self.line = line
class Retry(AppError):
    def __str__(self):
        return 'retry please'
try:
    raise ParseError(7, 'bad token')
except AppError as e:
    print(type(e).__name__, e, e.line, e.args, repr(e))
try:
    raise Retry('ignored', 2)
except Exception as e:
    print(type(e).__name__, e, e.args)
print(issubclass(ParseError, Exception), issubclass(AppError, BaseException), issubclass(KeyError, LookupError))
for exc in [AppError(), AppError('one'), AppError('a', 2)]:
    print(repr(exc), str(exc), exc.args)
class MyKeyError(KeyError):
    pass
try:
    raise MyKeyError('k')
except LookupError as e:
    print(type(e).__name__, e)
