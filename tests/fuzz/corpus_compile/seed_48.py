import a, b.c as d, e.f.g
from m import x, y as z
from a.b import (c, d,)
