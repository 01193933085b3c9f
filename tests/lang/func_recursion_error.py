import sys
print(sys.getrecursionlimit())
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print(type(e).__name__, isinstance(e, RuntimeError))
    print(str(e).startswith('maximum recursion depth exceeded'))
def ok(n):
    return n if n == 0 else ok(n - 1)
print(ok(200))
print('still alive')
