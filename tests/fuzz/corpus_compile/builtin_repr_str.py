vals = [1, -2, 3.0, 'q', "a'b", None, True, [1, [2]], (1,), (), {'a': [1]}, {1}, set(), range(2, 5)]
for v in vals:
    print(repr(v), str(v))
class P:
    def __repr__(self):
        return 'P()'
print(repr([P(), P()]), str((P(),)), repr({'p': P()}))
print(repr(ValueError('x')), str(ValueError('x')))
print(repr(int), repr(str), repr(ValueError), repr(P))
print(str(1.0), repr(0.1), str('multi\nline'), repr('multi\nline'))
