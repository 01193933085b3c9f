# A call nested inside an expression, failing inside the callee.
def foo(n):
    return [1, 2, 3][n]


print(foo(1))
x = 1 + foo(2) * 3
print(x)
x = 1 + foo(5) * 3
print(x)
