def f(a, b):
    return a + b
def g(a, b=1, *args):
    return a
calls = [
    lambda: f(1),
    lambda: f(1, 2, 3),
    lambda: f(1, c=3),
    lambda: f(1, a=2),
    lambda: f(),
    lambda: g(),
    lambda: f(1, 2, b=2),
    lambda: len(),
    lambda: len([1], [2]),
]
for c in calls:
    try:
        c()
    except TypeError as e:
        print(type(e).__name__, e)
class K:
    def m(self, x):
        return x
try:
    K().m()
except TypeError as e:
    print(type(e).__name__, e)
try:
    K().m(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
