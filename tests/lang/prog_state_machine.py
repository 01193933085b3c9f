TRANSITIONS = {
    ('idle', 'start'): 'running',
    ('running', 'pause'): 'paused',
    ('paused', 'resume'): 'running',
    ('running', 'stop'): 'idle',
    ('paused', 'stop'): 'idle',
}
class Machine:
    def __init__(self):
        self.state = 'idle'
        self.log = []
        self.listeners = []
    def on_change(self, fn):
        self.listeners.append(fn)
    def fire(self, event):
        key = (self.state, event)
        if key not in TRANSITIONS:
            raise RuntimeError('bad event ' + event + ' in ' + self.state)
        old = self.state
        self.state = TRANSITIONS[key]
        for fn in self.listeners:
            fn(old, self.state)
m = Machine()
m.on_change(lambda a, b: m.log.append(a + '>' + b))
m.on_change(lambda a, b: print('changed', a, 'to', b))
for ev in ['start', 'pause', 'resume', 'resume', 'stop', 'stop']:
    try:
        m.fire(ev)
    except RuntimeError as e:
        print('error:', e)
print(m.state, m.log)
