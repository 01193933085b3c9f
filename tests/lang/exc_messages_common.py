tests = [
    lambda: undefined_name_abc,
    lambda: {'a': 1}['b'],
    lambda: 1 + 'a',
    lambda: 'a' + 1,
    lambda: [1] + None,
    lambda: 3 - 'x',
    lambda: 'x' * 2.5,
    lambda: 1 / 0,
    lambda: [1, 2][5],
    lambda: int('x'),
    lambda: int('3.5'),
    lambda: float('abc'),
    lambda: None(),
    lambda: 5(),
    lambda: 5[0],
    lambda: len(5),
    lambda: 1 < 'a',
    lambda: [] > 3,
    lambda: {[]: 1},
    lambda: iter(5),
    lambda: -'s',
    lambda: ~1.5,
    lambda: 'abc'.index('z'),
    lambda: (1, 2).x,
    lambda: chr(-1),
]
for t in tests:
    try:
        t()
        print('no error')
    except Exception as e:
        print(type(e).__name__ + ':', e)
