def greet(name, greeting='Hello', punct='!'):
    return greeting + ', ' + name + punct
print(greet('Ann'))
print(greet('Bob', 'Hi'))
print(greet('Cy', punct='?'))
print(greet(punct='.', name='Di', greeting='Yo'))
def power(base, exp=2):
    return base ** exp
print(power(3), power(3, 3), power(exp=0, base=5))
def show(a, b=None, c=[]):
    return (a, b, c)
print(show(1), show(1, 2), show(1, c=(3,)))
counter_default = 10
def uses_default(x=counter_default):
    return x
counter_default = 20
print(uses_default())
def f(a, b, c=3, d=4):
    return a + b * 10 + c * 100 + d * 1000
print(f(1, 2), f(1, 2, d=0), f(*[1, 2, 5]), f(**{'a': 1, 'b': 1, 'd': 9}))
