# An assert on a comparison marks the comparison; an augmented assignment
# marks the whole statement, its target the target.
def withdraw(balance, amount):
    assert amount > 0 and amount <= balance, "insufficient funds"
    return balance - amount


counts = {"a": 1}
counts["a"] += 1
print(counts, withdraw(10, 3))
try:
    withdraw(1, 5)
except AssertionError as e:
    print("caught", e)
counts["a"] += "x"
