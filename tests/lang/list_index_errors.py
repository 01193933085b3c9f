l = [10, 20, 30]
print(l[0], l[-1], l[-3])
for idx in [3, -4, 100]:
    try:
        print(l[idx])
    except IndexError as e:
        print(type(e).__name__, e)
try:
    l[5] = 1
except IndexError as e:
    print(type(e).__name__, e)
try:
    l['a']
except TypeError as e:
    print(type(e).__name__, e)
try:
    l[1.0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1, 2)[2]
except IndexError as e:
    print(type(e).__name__, e)
try:
    del l[7]
except IndexError as e:
    print(type(e).__name__, e)
print(l[True], l[False])
