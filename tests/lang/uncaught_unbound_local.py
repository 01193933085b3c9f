# Ends with an uncaught UnboundLocalError.
total = 10
def add_to_total(v):
    print('adding', v)
    total = total + v
    return total
print(total)
def ok(v):
    return total + v
print(ok(1))
add_to_total(5)
