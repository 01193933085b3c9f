# str.format reports template errors as CPython 3.11 does, in its order: the
# template is scanned one field at a time and each field evaluated before the
# next is scanned, so a bad field late in the string fails only after the
# fields before it were formatted (and their errors win).


class O:
    x = 5

    def __format__(self, spec):
        return 'O<' + spec + '>'


def attempt(label, call):
    try:
        print(label, repr(call()))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as e:
        print(label, type(e).__name__, e)


cases = [
    ("'{'.format(1)", lambda: '{'.format(1)),
    ("'}'.format()", lambda: '}'.format()),
    ("'a{'", lambda: 'a{'.format()),
    ("'a}b'", lambda: 'a}b'.format()),
    ("'{0:'", lambda: '{0:'.format(1)),
    ("'{0!'", lambda: '{0!'.format(1)),
    ("'{0!}'", lambda: '{0!}'.format(1)),
    ("'{0!r'", lambda: '{0!r'.format(1)),
    ("'{0!rx}'", lambda: '{0!rx}'.format(1)),
    ("'{0[}'", lambda: '{0[}'.format(1)),
    ("'{0[0}'", lambda: '{0[0}'.format([1])),
    ("'{0[0]x}'", lambda: '{0[0]x}'.format([1])),
    ("'{0.}'", lambda: '{0.}'.format(1)),
    ("'{0..x}'", lambda: '{0..x}'.format(1)),
    ("'{0[]}'", lambda: '{0[]}'.format([1])),
    ("'{0!x}'", lambda: '{0!x}'.format(1)),
    ("'{} {1}'", lambda: '{} {1}'.format(1, 2)),
    ("'{1} {}'", lambda: '{1} {}'.format(1, 2)),
    ("'{2}'", lambda: '{2}'.format(1)),
    ("'{}'.format()", lambda: '{}'.format()),
    ("'{} {}'.format(1)", lambda: '{} {}'.format(1)),
    ("'{a}'", lambda: '{a}'.format()),
    ("'{a.b}'", lambda: '{a.b}'.format(a=1)),
    ("'{0.x}'", lambda: '{0.x}'.format(O())),
    ("'{0[1]}'", lambda: '{0[1]}'.format([1])),
    ("'{0[a]}'", lambda: '{0[a]}'.format({'a': 3})),
    ("'{0[a]}' KeyError", lambda: '{0[a]}'.format({})),
    ("'{0[-1]}'", lambda: '{0[-1]}'.format({'-1': 9})),
    ("'{0:{1}}'", lambda: '{0:{1}}'.format(3, '>5')),
    ("'{0:{}}'", lambda: '{0:{}}'.format(3, 4)),
    ("'{:{}}'", lambda: '{:{}}'.format(3, 4)),
    ("'{:{1}}'", lambda: '{:{1}}'.format(3, 4)),
    ("'{0:{1:{2}}}'", lambda: '{0:{1:{2}}}'.format(3, 4, 5)),
    ("'{0:{1}'", lambda: '{0:{1}'.format(3, 4)),
    ("'{0:{'", lambda: '{0:{'.format(3, 4)),
    ("'{0:{}'", lambda: '{0:{}'.format(3, 4)),
    ("'{0:}}'", lambda: '{0:}}'.format(3)),
    ("'{0:x}'.format('a')", lambda: '{0:x}'.format('a')),
    ("'{0:d}'.format(1.5)", lambda: '{0:d}'.format(1.5)),
    ("'{0:zz}'.format(1)", lambda: '{0:zz}'.format(1)),
    ("'{0:,,}'.format(1)", lambda: '{0:,,}'.format(1)),
    ("'{0:=s}'", lambda: '{0:=s}'.format('a')),
    ("'{0:O}'", lambda: '{0:abc}'.format(O())),
    ("'{!r:>5}'", lambda: '{!r:>5}'.format('a')),
    ("'{{}}'", lambda: '{{}} {{'.format()),
    ("'{0}}'", lambda: '{0}}'.format(1)),
    ("'{0{'", lambda: '{0{'.format(1)),
    ("'{0{}'", lambda: '{0{}'.format(1)),
    ("'{ }'", lambda: '{ }'.format(1)),
    ("'{0 }'", lambda: '{0 }'.format(1)),
    ("'{-1}'", lambda: '{-1}'.format(1)),
    ("'{00}'", lambda: '{00}'.format(1)),
    ("'{0x}'", lambda: '{0x}'.format(1)),
    ("'{:}'", lambda: '{:}'.format(1)),
    ("'{!s}'", lambda: '{!s}'.format(1)),
    ("'{99999999999999999999}'", lambda: '{99999999999999999999}'.format(1)),
    ("'{0[99999999999999999999]}'", lambda: '{0[99999999999999999999]}'.format({})),
    ("'{[0]}'", lambda: '{[0]}'.format([7])),
    ("'{.x}'", lambda: '{.x}'.format(O())),
    ("'{a[0]}'", lambda: '{a[0]}'.format(a=[3])),
    ("format kw", lambda: '{x}{0}'.format(1, x=2)),
    ("'{0:%}'", lambda: '{0:%}'.format(0.5)),
    ("'{0:.{1}f}'", lambda: '{0:.{1}f}'.format(3.14159, 2)),
    ("'{0:{1}{2}}'", lambda: '{0:{1}{2}}'.format(3, '>', 6)),
    ("'{0:{a}}'", lambda: '{0:{a}}'.format(3, a=5)),
    ("'{0:{b}}'", lambda: '{0:{b}}'.format(3, a=5)),
    ("'{0:{0:{0}}}'", lambda: '{0:{0:{0}}}'.format(3)),
]
cases += [
    ("'{0!é}'", lambda: '{0!é}'.format(1)),
    ("'{0! }'", lambda: '{0! }'.format(1)),
    ("'{0[}]}'", lambda: '{0[}]}'.format({'}': 'brace'})),
    ("'{0[a]b}'", lambda: '{0[a]b}'.format({'a': 1})),
    ("'{0.x.y}'", lambda: '{0.x.y}'.format(O())),
    ("'{0}{1:{'", lambda: '{0}{1:{'.format(1, 2)),
    ("'{a}{'", lambda: '{a}{'.format()),
    ("'{0:{1}}{'", lambda: '{0:{1}}{'.format(1)),
    ("'{!r:{}}'", lambda: '{!r:{}}'.format('a', 6)),
    ("'{0:{1}}'.format(O(), 'q')", lambda: '{0:{1}}'.format(O(), 'q')),
]
for label, call in cases:
    attempt(label, call)
