# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's. A module's attributes
# are candidates too: "Did you mean: 'sqrt'?".
import math

print(math.floor(2.5))
print(math.sqr(16))
