log = []
class Conn:
    open_count = 0
    def __init__(self, host):
        self.host = host
        self.buf = [host, len(host)]
        Conn.open_count += 1
    def __del__(self):
        Conn.open_count -= 1
        log.append('closed ' + self.host + ' ' + str(self.buf[1]))
def use(host):
    c = Conn(host)
    return c.host.upper()
print(use('alpha'), Conn.open_count)
keep = Conn('beta')
print(Conn.open_count, log)
conns = [Conn('c' + str(i)) for i in range(3)]
print(Conn.open_count)
conns = conns[1:]
print(Conn.open_count, log)
del conns, keep
print(Conn.open_count, log)
