# str methods check their arguments with CPython 3.11's messages: the
# find family counts in PyArg_ParseTuple's words ("find() takes at least 1
# argument (0 given)"), keyword and one-argument errors name the type
# ("str.strip() takes no keyword arguments"), start/end take only ints, None
# or __index__ objects, and join and str() refuse what CPython refuses.


def attempt(label, call):
    try:
        print(label, repr(call()))
    except TypeError as e:
        print(label, 'TypeError:', e)


class Two:
    def __index__(self):
        return 2


attempt('find kw', lambda: 'a'.find(x=1))
attempt('find none', lambda: 'a'.find())
attempt('find many', lambda: 'a'.find('a', 0, 1, 2))
attempt('rfind none', lambda: 'a'.rfind())
attempt('index none', lambda: 'a'.index())
attempt('rindex kw', lambda: 'a'.rindex('a', x=1))
attempt('count none', lambda: 'a'.count())
attempt('count many', lambda: 'a'.count('a', 0, 1, 2, 3))
attempt('startswith none', lambda: 'a'.startswith())
attempt('endswith kw', lambda: 'a'.endswith(x=1))
attempt('strip kw', lambda: 'a'.strip(chars='x'))
attempt('lstrip kw', lambda: 'a'.lstrip(chars='x'))
attempt('rstrip int', lambda: 'a'.rstrip(1))
attempt('replace kw', lambda: 'a'.replace(old='a', new='b'))
attempt('replace one', lambda: 'a'.replace('a'))
attempt('replace int', lambda: 'a'.replace('a', 1))
attempt('partition none', lambda: 'a'.partition())
attempt('rpartition kw', lambda: 'a'.rpartition(sep='a'))
attempt('center kw', lambda: 'a'.center(width=3))
attempt('ljust fill int', lambda: 'a'.ljust(3, 1))
attempt('rjust fill long', lambda: 'a'.rjust(3, 'ab'))
attempt('splitlines str', lambda: 'a\nb'.splitlines('x'))
attempt('splitlines 1', lambda: 'a\nb'.splitlines(1))
attempt('splitlines True', lambda: 'a\nb'.splitlines(keepends=True))

attempt('index str start', lambda: 'abc'.index('b', 'x'))
attempt('find str end', lambda: 'abc'.find('b', 0, 'x'))
attempt('rfind float', lambda: 'abc'.rfind('b', 1.0))
attempt('count list', lambda: 'abc'.count('b', []))
attempt('startswith str', lambda: 'abc'.startswith('b', 'x'))
attempt('endswith str end', lambda: 'abc'.endswith('c', 0, 'x'))
attempt('rindex str', lambda: 'abc'.rindex('b', 'x'))
attempt('find None None', lambda: 'abc'.find('c', None, None))
attempt('find __index__', lambda: 'abcabc'.find('c', Two()))
attempt('count bool', lambda: 'abc'.count('b', True))
attempt('list index str', lambda: [1, 2].index(2, 'a'))
attempt('list index None', lambda: [1, 2].index(2, None))
attempt('tuple index str', lambda: (1, 2).index(2, 0, 'a'))
attempt('list index __index__', lambda: [1, 2, 3, 2].index(2, Two()))

attempt('join int', lambda: 'a'.join(5))
attempt('join None', lambda: 'a'.join(None))
attempt('join int item', lambda: '-'.join(['a', 2]))
attempt('join dict', lambda: '-'.join({'x': 1, 'y': 2}))
attempt('join range', lambda: '-'.join(range(2)))
attempt('join str', lambda: '-'.join('abc'))

attempt('str 4', lambda: str(1, 2, 3, 4))
attempt('str encoding int', lambda: str(1, 2))
attempt('str encoding None', lambda: str(1, None))
attempt('str errors int', lambda: str('a', 'utf-8', 3))
attempt('str decode int', lambda: str(1, 'utf-8'))
attempt('str decode str', lambda: str('a', errors='strict'))
attempt('str encoding only', lambda: str(encoding='utf-8'))
attempt('str x', lambda: str(x=1))
attempt('str object', lambda: str(object=12))
