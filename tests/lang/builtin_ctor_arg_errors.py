# enumerate, super and file methods report bad arguments with CPython 3.11's
# own words: enumerate binds by the total count as its vectorcall does,
# super's count message says "super()", and file methods name TextIOWrapper
# or _IOBase, the class CPython defines them on.

PATH = '/tmp/minipy_lang_builtin_ctor_arg_errors.txt'


def attempt(label, call):
    try:
        print(label, repr(call()))
    except TypeError as e:
        print(label, 'TypeError:', e)


attempt('enumerate', lambda: enumerate())
attempt('enumerate start only', lambda: enumerate(start=1))
attempt('enumerate x only', lambda: enumerate(x=1))
attempt('enumerate x y', lambda: enumerate(x=1, y=2))
attempt('enumerate iterable kw', lambda: list(enumerate(iterable='ab')))
attempt('enumerate both kw', lambda: list(enumerate(iterable='ab', start=3)))
attempt('enumerate both kw swapped', lambda: list(enumerate(start=3, iterable='ab')))
attempt('enumerate start kw', lambda: list(enumerate('ab', start=5)))
attempt('enumerate iterable twice', lambda: enumerate([], iterable=1))
attempt('enumerate 3', lambda: enumerate([], 1, 2))
attempt('enumerate 2 and kw', lambda: enumerate([], 1, start=2))
attempt('enumerate extra kw', lambda: enumerate([], start=1, x=2))
attempt('enumerate str start', lambda: enumerate([], 'a'))

attempt('super 3', lambda: super(1, 2, 3))
attempt('super int', lambda: super(1))
attempt('super kw', lambda: super(x=1))

f = open(PATH, 'w')
attempt('write none', lambda: f.write())
attempt('write two', lambda: f.write('a', 'b'))
attempt('write kw', lambda: f.write(x=1))
attempt('write int', lambda: f.write(1))
attempt('writelines none', lambda: f.writelines())
attempt('writelines kw', lambda: f.writelines(x=1))
attempt('flush arg', lambda: f.flush(1))
attempt('close kw', lambda: f.close(x=1))
attempt('enter arg', lambda: f.__enter__(1))
attempt('exit kw', lambda: f.__exit__(x=1))
attempt('write ok', lambda: f.write('line\n'))
f.close()
f = open(PATH)
attempt('read kw', lambda: f.read(x=1))
attempt('read two', lambda: f.read(1, 2))
attempt('readline kw', lambda: f.readline(x=1))
attempt('readlines kw', lambda: f.readlines(x=1))
attempt('readlines two', lambda: f.readlines(1, 2))
attempt('read ok', lambda: f.read())
f.close()
