# Subscripts: '~' under the value, '^' under the brackets.
stock = {"apples": 3, "pears": 5}
print(stock["apples"])
total = stock["apples"] + stock[ "plums" ] + 1
print(total)
