# A generator expression evaluates to a generator: no length hint, so list(),
# sorted() and extend() of one presize as CPython's; exhausted, it stays empty.
import sys
g = (x * 2 for x in range(5))
print(type(g).__name__, repr(g).startswith("<generator object <genexpr> at 0x"))
print(list(g), list(g))
print(sys.getsizeof(list(x for x in range(3))), sys.getsizeof(sorted(x for x in range(20))))
l = []; l.extend(x for x in range(10)); print(sys.getsizeof(l))
print(sum(x for x in range(10)), max(x for x in [3, 1, 2]), tuple(x for x in "ab"))
print(hasattr(g, "__length_hint__"), iter(g) is g, next((x for x in [7]), None))
print(", ".join(str(i) for i in range(3)), set(x % 2 for x in range(5)))
import gc
print(gc.is_tracked(x for x in []))
