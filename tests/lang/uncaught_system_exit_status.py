# SystemExit ends the program without a traceback: its code is the exit
# status (None is 0). e.code is None, the one argument, or the args tuple.
import sys

for args in [(), (3,), ("text",), (1, 2), (None,)]:
    try:
        raise SystemExit(*args)
    except SystemExit as e:
        print(args, "->", repr(e.code), e.args)
try:
    sys.exit(5)
except SystemExit as e:
    print("sys.exit:", e.code, isinstance(e, Exception), isinstance(e, BaseException))
try:
    try:
        sys.exit()
    except Exception:
        print("not reached: SystemExit is no Exception")
except BaseException as e:
    print("caught as BaseException:", type(e).__name__, e.code)
print("exiting with 3")
sys.exit(3)
