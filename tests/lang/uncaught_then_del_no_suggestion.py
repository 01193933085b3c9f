# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's. The traceback keeps the
# failing frame's local `holder` alive until shutdown; its __del__ then
# raises, and CPython reports that with "Exception ignored in" and, unlike
# the uncaught NameError printed before it, no "Did you mean" suggestion.
class Holder:
    def __del__(self):
        prnt('never printed')


def fail():
    holder = Holder()
    print('made', type(holder).__name__)
    raise ValueError('failing with a holder alive')


fail()
