# Ends with an uncaught custom exception raised from a method.
class QueueEmpty(Exception):
    pass
class Queue:
    def __init__(self):
        self.items = []
    def get(self):
        if not self.items:
            raise QueueEmpty('queue is empty')
        return self.items.pop(0)
q = Queue()
q.items.extend([1, 2])
print(q.get(), q.get())
q.get()
