# Assigning a non-iterable to a slice: CPython's two messages (a TypeError from
# __iter__ is replaced too); errors raised by __next__ pass through unchanged.
def attempt(label, fn):
    try:
        print(label, fn())
    except (TypeError, ValueError) as e:
        print(label, type(e).__name__ + ':', e)


def assign(l, s, v):
    l[s] = v
    return l


class Bad:
    def __iter__(self):
        raise TypeError('custom iter failure')


class BadNext:
    def __iter__(self):
        return self

    def __next__(self):
        raise TypeError('custom next failure')


attempt('simple int', lambda: assign([1, 2, 3, 4], slice(1, 3), 5))
attempt('extended int', lambda: assign([1, 2, 3, 4], slice(0, 4, 2), 5))
attempt('simple None', lambda: assign([1, 2], slice(None), None))
attempt('custom iter', lambda: assign([1, 2], slice(0, 1), Bad()))
attempt('custom next', lambda: assign([1, 2], slice(0, 1), BadNext()))
attempt('extended size', lambda: assign([1, 2, 3, 4], slice(0, 4, 2), [1]))
attempt('str ok', lambda: assign([1, 2, 3], slice(1, 2), 'ab'))
attempt('range ok', lambda: assign([1, 2, 3], slice(None, None, -1), range(3)))
attempt('self ok', lambda: assign([1, 2], slice(1, 1), [7]))
l = [1, 2, 3]
l[1:] = l
print(l)
