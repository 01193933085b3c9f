def layer3():
    raise KeyError('deep')
def layer2():
    try:
        layer3()
    except ValueError:
        print('not reached')
    finally:
        print('layer2 finally')
def layer1():
    try:
        layer2()
    except KeyError as e:
        print('layer1 caught', e)
        return 'recovered'
print(layer1())
try:
    try:
        raise TypeError('inner')
    except TypeError as e:
        print('handling', e)
        try:
            raise ValueError('nested')
        except ValueError as e2:
            print('nested handled', e2)
        print('back in outer handler', e)
finally:
    print('done')
e = 'before'
try:
    raise ValueError('x')
except ValueError as e:
    pass
print('e' in globals())
