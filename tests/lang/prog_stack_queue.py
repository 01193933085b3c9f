class Stack:
    def __init__(self):
        self.items = []
    def push(self, v):
        self.items.append(v)
    def pop(self):
        if not self.items:
            raise IndexError('pop from empty stack')
        return self.items.pop()
    def __len__(self):
        return len(self.items)
    def __repr__(self):
        return 'Stack(' + repr(self.items) + ')'
def balanced(s):
    pairs = {')': '(', ']': '[', '}': '{'}
    st = Stack()
    for c in s:
        if c in '([{':
            st.push(c)
        elif c in pairs:
            if len(st) == 0 or st.pop() != pairs[c]:
                return False
    return len(st) == 0
for s in ['()', '([]{})', '(]', '((', '', '{[()()]}', ')(']:
    print(repr(s), balanced(s))
st = Stack()
for i in range(4):
    st.push(i * i)
print(st, len(st), st.pop(), st)
try:
    Stack().pop()
except IndexError as e:
    print(type(e).__name__, e)
queue = []
for job in ['a', 'b', 'c']:
    queue.append(job)
while queue:
    print('processing', queue.pop(0), 'remaining', len(queue))
