# A SystemExit whose code is neither None nor an int prints it on stderr
# (the last line compared) and exits with status 1.
import sys


def finish(reason):
    print("finishing")
    sys.exit("stopped: " + reason)


finish("no more input")
print("not reached")
