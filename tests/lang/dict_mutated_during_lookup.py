# A stored key's __eq__ that empties, refills or regrows the dict being searched: the
# lookup starts again on the dict's new table (and an emptied dict has none).
import sys

d = {}


class Key:
    def __init__(self, h, action):
        self.h = h
        self.action = action

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        if self.action == "clear":
            self.action = None
            d.clear()
        elif self.action == "grow":
            self.action = None
            for i in range(100):
                d[i * 1000 + 7] = i
        return False


d[Key(1, "clear")] = "a"
print(d.get(Key(1, None)), len(d))
d[Key(1, "grow")] = "b"
print(d.get(Key(1, None)), len(d))
print(Key(1, None) in d, len(d))

# Empty dicts share one empty table: clear, refill and copy them.
e = {}
print(sys.getsizeof(e), e.get("x"), "x" in e, list(e))
e["x"] = 1
print(sys.getsizeof(e))
e.clear()
print(sys.getsizeof(e), e, len(e))
e.update(a=1, b=2)
print(e, e.copy(), dict(e), sys.getsizeof(e.copy()))
print(e.popitem(), e.popitem(), e)
try:
    e.popitem()
except KeyError as exc:
    print("KeyError", exc)
print({}.copy(), dict({}), {**{}}, sys.getsizeof({}.copy()))

# Globals read through the LOAD_GLOBAL cache while the globals dict grows and
# shrinks (every new key changes the keys version).
def read():
    return len


for i in range(20):
    globals()["g" + str(i)] = i
    read()
for i in range(20):
    del globals()["g" + str(i)]
print(read() is len)
len = 5
print(read())
del len
print(read()(["x"]))
