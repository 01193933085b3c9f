import gc
gc.disable()
gc.collect()
class Handler:
    def handle(self):
        return 'handled'
h = Handler()
h.callback = h.handle
print(h.callback())
del h
print(gc.collect())
class Emitter:
    def __init__(self):
        self.listeners = []
class Listener:
    def __init__(self, em):
        self.em = em
        em.listeners.append(self.on_event)
    def on_event(self):
        return 1
em = Emitter()
ls = [Listener(em) for _ in range(3)]
del ls
print(gc.collect())
del em
print(gc.collect())
