# The failing operation covers its whole line: no caret line, even indented.
def check(flag):
    if flag:
        raise ValueError("flag set")
    return flag


print(check(False))
for flag in [False, True]:
    check(flag)
