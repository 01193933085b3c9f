# An error in a function called from module level: two entries, each with
# the carets of its own failing operation.
def average(values):
    total = sum(values)
    return total / len(values)


print(average([1, 2, 3]))
scores = {"ann": [], "bob": [4]}
result = {name: 0 for name in scores}
result["ann"] = round(average(scores["ann"]), 2)
print(result)
