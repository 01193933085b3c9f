# Expressions over several lines: carets up to the end of the first line.
def combine(a, b, c):
    return a + b + c


print(combine(1, 2, 3))
items = [1, 2]
value = combine(1,
                2,
                3) + items[
    5]
print(value)
