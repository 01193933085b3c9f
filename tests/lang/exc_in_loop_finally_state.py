log = []
def work(i):
    try:
        log.append('start ' + str(i))
        if i == 2:
            raise ValueError(i)
        if i == 4:
            return 'early'
        log.append('end ' + str(i))
    except ValueError as e:
        log.append('caught ' + str(e))
        return 'handled'
    finally:
        log.append('finally ' + str(i))
    return 'normal'
print([work(i) for i in range(5)])
for line in log:
    print(line)
