def run(v):
    out = []
    try:
        out.append('try')
        r = 10 // v
        out.append('ok ' + str(r))
    except ZeroDivisionError:
        out.append('zero')
    except TypeError as e:
        out.append('type ' + str(e))
    else:
        out.append('else')
    finally:
        out.append('finally')
    return out
print(run(2))
print(run(0))
print(run('x'))
def early():
    try:
        return 'from try'
    finally:
        print('finally runs before return')
print(early())
def override():
    try:
        return 1
    finally:
        return 2
print(override())
for i in range(3):
    try:
        if i == 1:
            continue
        print('body', i)
    finally:
        print('cleanup', i)
while True:
    try:
        break
    finally:
        print('finally on break')
