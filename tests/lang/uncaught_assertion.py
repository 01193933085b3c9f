# Ends with an uncaught exception: run_diff.py compares stdout, the exit
# status and the last line of stderr with CPython's.
log = []
for step in range(3):
    log.append(step * step)
print('setup', log)
def withdraw(balance, amount):
    assert amount <= balance, 'insufficient funds'
    return balance - amount
print(withdraw(100, 30))
print(withdraw(10, 30))
