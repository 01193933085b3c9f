if True:
    inside_if = 'visible'
print(inside_if)
for i in range(3):
    loop_local = i * 2
print(i, loop_local)
while True:
    in_while = 'yes'
    break
print(in_while)
try:
    in_try = 1
    1 / 0
except ZeroDivisionError:
    in_except = 2
finally:
    in_finally = 3
print(in_try, in_except, in_finally)
def f():
    if False:
        never = 1
    try:
        return never
    except UnboundLocalError as e:
        return type(e).__name__
print(f())
with open('/tmp/minipy_lang_scope.txt', 'w') as fh:
    in_with = 'with body'
print(in_with)
x = 'global'
def g():
    return [x for _ in range(1)][0]
print(g())
