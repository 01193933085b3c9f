# dict.fromkeys is a class method: called on the type, on an instance, or
# taken as a bound method first; the value is shared, not copied.
print(dict.fromkeys([1, 2]))
print({}.fromkeys("ab", 0))
shared = dict.fromkeys(range(3), [])
shared[0].append("x")
print(shared)
f = dict.fromkeys
print(f("xy"))
print(dict.fromkeys(()))
try:
    dict.fromkeys()
except TypeError as e:
    print("TypeError:", e)
