# The format-spec mini-language checks a spec as CPython 3.11's
# parse_internal_render_format_spec does before any type looks at it
# (grouping with a type, both ',' and '_', too many digits, missing
# precision, more than one type character), then each type's own rules,
# naming the object's type (bool, not int) and odd type codes as '\x5'.

specs = [',,', ',_', '_,', '__', ',s', '_s', ',x', '_x', ',b', ',n', '_n',
         ',c', '_c', ',e', '_%', ',', '_', ',d', ',.2f', '.', '.x', 'xx', '=5s',
         '+s', ' s', '#s', '0s', '05', '<05', 'x<05', '>>5', '<<', 'z', 'zd',
         'z.1f', 'zs', '99999999999999999999', '.99999999999999999999', ',.2',
         '.2', '.0', '.2d', '=', '=10', '^10', 'é<5', 'é', '*^7', 'c', '+c',
         'n', '#', '#o', '#x', '#c', '10.3%', 'g', 'G', '.3e', '.3s', ',.3s',
         'ù', '\x05', '_b', '_o', '08,', '010_x', '-08.2f']
values = [12345, -42, 3.14159, -0.0, 'abc', True]
for spec in specs:
    for v in values:
        try:
            print(repr(spec), repr(v), repr(format(v, spec)))
        except (ValueError, OverflowError) as e:
            print(repr(spec), repr(v), type(e).__name__, e)

for template in ['{:,,}', '{:{}}', '{0:{1}}', '{:{},}']:
    try:
        print(template.format(1, ',,'))
    except ValueError as e:
        print(template, 'ValueError', e)

x = 5
w = ',,'
for call in [lambda: f'{x:{w}}', lambda: f'{x:,,}', lambda: f'{x!r:{w}}',
             lambda: f'{x:{"z"}}', lambda: f'{-0.0:z}', lambda: f'{x:{"0"}{8}}']:
    try:
        print(call())
    except ValueError as e:
        print('ValueError', e)
