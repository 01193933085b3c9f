for thing in [ValueError, ValueError('inst'), KeyError]:
    try:
        raise thing
    except Exception as e:
        print(type(e).__name__, repr(e), e.args)
try:
    raise 5
except TypeError as e:
    print(type(e).__name__, e)
def risky(n):
    if n % 2:
        raise ValueError('odd ' + str(n))
    return n
results = []
for i in range(5):
    try:
        results.append(risky(i))
    except ValueError as e:
        results.append(str(e))
print(results)
class Stop(Exception):
    pass
try:
    for i in range(10):
        for j in range(10):
            if i * j == 12:
                raise Stop(i, j)
except Stop as s:
    print('stopped at', s.args)
