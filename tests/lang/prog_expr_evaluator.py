def tokenize(s):
    toks = []
    i = 0
    while i < len(s):
        c = s[i]
        if c.isdigit():
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            toks.append(int(s[i:j]))
            i = j
        elif c in '+-*/()':
            toks.append(c)
            i += 1
        elif c == ' ':
            i += 1
        else:
            raise SyntaxError('bad char ' + repr(c))
    return toks
class Parser:
    def __init__(self, toks):
        self.toks = toks
        self.pos = 0
    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else None
    def take(self):
        t = self.peek()
        self.pos += 1
        return t
    def expr(self):
        v = self.term()
        while self.peek() in ('+', '-'):
            v = v + self.term() if self.take() == '+' else v - self.term()
        return v
    def term(self):
        v = self.factor()
        while self.peek() in ('*', '/'):
            v = v * self.factor() if self.take() == '*' else v // self.factor()
        return v
    def factor(self):
        t = self.take()
        if t == '(':
            v = self.expr()
            self.take()
            return v
        if t == '-':
            return -self.factor()
        return t
for src in ['1 + 2 * 3', '(1 + 2) * 3', '10 / 3 - 1', '-(4 - 6) * 5', '2 * (3 + (4 - 1)) / 2', '7']:
    print(src, '=', Parser(tokenize(src)).expr())
try:
    tokenize('1 + x')
except SyntaxError as e:
    print(type(e).__name__, e)
