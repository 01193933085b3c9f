@dataclass
class A(B, C, metaclass=M):
    x = 1
    def m(self):
        return self.x
