# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's. The printed NameError
# ends with ". Did you mean: 'counter'?": the global 'count' is as close,
# but the failing frame's local variables are searched first.
count = 0


def tally(items):
    counter = 0
    for item in items:
        counter += item
    print('counted', counter)
    return countr


tally([1, 2, 3])
