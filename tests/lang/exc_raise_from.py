class ConfigError(Exception):
    pass
def load(d, key):
    try:
        return d[key]
    except KeyError as e:
        raise ConfigError('missing ' + key) from e
try:
    load({}, 'port')
except ConfigError as e:
    print(type(e).__name__, e)
    print(type(e.__cause__).__name__, e.__cause__)
    print(e.__context__ is e.__cause__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('during handling')
except ValueError as e:
    print(e, type(e.__context__).__name__, e.__cause__)
try:
    raise RuntimeError('no cause') from None
except RuntimeError as e:
    print(e, e.__cause__, e.__suppress_context__)
def reraise():
    try:
        [][0]
    except IndexError:
        print('logging and re-raising')
        raise
try:
    reraise()
except IndexError as e:
    print('outer got', e)
