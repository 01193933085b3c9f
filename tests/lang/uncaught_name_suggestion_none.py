# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's. 'Flase' is two edits
# from 'False', a keyword in the parser but a builtin name to CPython's
# suggestion, so the printed NameError offers it.
flags = [True, False]
print(flags)
print(flags[0] is Flase)
