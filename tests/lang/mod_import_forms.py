import math
import math as mm
from math import sqrt, floor
from math import pi as PI
import sys, gc
import random as rnd
from weakref import ref
print(math.sqrt(9), mm.sqrt(9), sqrt(9), floor(2.5), PI)
print(mm is math, sqrt is math.sqrt, PI == math.pi)
print(callable(ref), callable(gc.collect), callable(sys.getrefcount), callable(rnd.seed))
def local_import():
    import time
    return callable(time.time)
print(local_import(), 'time' in globals())
try:
    import no_such_module_qq
except ImportError as e:
    print(type(e).__name__, e)
try:
    from math import no_such_name_qq
except ImportError as e:
    print(type(e).__name__)
