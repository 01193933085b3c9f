class A:
    def __repr__(self):
        return repr(A())
    def __eq__(self, o):
        return A() == A()
    def __hash__(self):
        return hash(A())
repr(A())
A() == 1
hash(A())
