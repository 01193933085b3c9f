class Ctx:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print('exit', self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress
with Ctx('plain') as v:
    print('body', v)
with Ctx('noas'):
    print('body without as')
try:
    with Ctx('raises'):
        raise ValueError('inside')
except ValueError as e:
    print('propagated', e)
with Ctx('swallow', suppress=True):
    raise KeyError('hidden')
print('after swallow')
def early():
    with Ctx('early'):
        return 'returned'
print(early())
for i in range(2):
    with Ctx('loop' + str(i)):
        if i == 0:
            continue
        print('second iteration')
with Ctx('outer'):
    with Ctx('inner'):
        print('nested body')
