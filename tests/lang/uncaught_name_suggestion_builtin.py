# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's. No local or global is
# close to 'supre', so the builtins are searched, in CPython's order: 'super'
# and 'tuple' are equally close and 'super' comes first.
class Base:
    def hello(self):
        return 'base'


class Child(Base):
    def hello(self):
        return 'child+' + supre().hello()


print(Base().hello())
print(Child().hello())
