l = []
for i in range(300000):
    l = [l]
repr(l)
l == [l]
str({1: l})
