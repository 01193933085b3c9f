# A binary operator: '~' under the operands, '^' under the operator.
def label(n):
    return "item " + str(n)


print(label(3))
width = 10
text = label(4)  +   width // 2
print(text)
