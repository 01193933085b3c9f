class EventBus:
    def __init__(self):
        self.handlers = {}
    def on(self, name, fn):
        self.handlers.setdefault(name, []).append(fn)
        return fn
    def off(self, name, fn):
        self.handlers[name].remove(fn)
    def emit(self, name, *args, **kwargs):
        results = []
        for fn in list(self.handlers.get(name, [])):
            try:
                results.append(fn(*args, **kwargs))
            except Exception as e:
                results.append(type(e).__name__ + ': ' + str(e))
        return results
bus = EventBus()
log = []
def logger(*args, **kwargs):
    log.append((args, sorted(kwargs.items())))
    return 'logged'
bus.on('save', logger)
bus.on('save', lambda path, mode='w': 'saving ' + path + ' ' + mode)
bus.on('save', lambda path, **kw: 1 / 0)
print(bus.emit('save', 'a.txt'))
print(bus.emit('save', 'b.txt', mode='a'))
print(bus.emit('load'))
bus.off('save', logger)
print(bus.emit('save', 'c.txt'))
print(log)
once_calls = []
def once(fn):
    done = [False]
    def wrapper(*a):
        if not done[0]:
            done[0] = True
            return fn(*a)
    return wrapper
bus.on('tick', once(lambda: once_calls.append('tick')))
for _ in range(3):
    bus.emit('tick')
print(once_calls)
