g = 0
def bump():
    global g
    g += 1
bump(); bump()
print(g)
def set_new_global():
    global created_here
    created_here = 'yes'
set_new_global()
print(created_here)
def outer():
    x = 'outer'
    def inner():
        nonlocal x
        x = 'changed'
    print(x)
    inner()
    print(x)
outer()
def shadow():
    g = 'local'
    return g
print(shadow(), g)
def reader():
    return g * 10
print(reader())
def two_levels():
    a = 1
    def lvl1():
        def lvl2():
            nonlocal a
            a += 10
        lvl2()
        return a
    return lvl1()
print(two_levels())
