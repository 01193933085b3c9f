class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__('need ' + str(needed) + ', have ' + str(available))
        self.needed = needed
class Account:
    interest = 0.02
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amt):
        if amt <= 0:
            raise ValueError('deposit must be positive')
        self.balance += amt
        self.history.append(('dep', amt))
    def withdraw(self, amt):
        if amt > self.balance:
            raise InsufficientFunds(amt, self.balance)
        self.balance -= amt
        self.history.append(('wd', amt))
    def add_interest(self):
        self.balance = round(self.balance * (1 + self.interest), 2)
    def __repr__(self):
        return f'Account({self.owner!r}, {self.balance})'
class Savings(Account):
    interest = 0.05
a = Account('ann', 100)
s = Savings('sam')
a.deposit(50)
s.deposit(1000)
for acct, amt in [(a, 30), (a, 500), (s, 999), (s, 2)]:
    try:
        acct.withdraw(amt)
        print('ok', acct)
    except InsufficientFunds as e:
        print('fail', acct.owner, e, e.needed)
try:
    a.deposit(-5)
except ValueError as e:
    print(type(e).__name__, e)
a.add_interest()
s.add_interest()
print(a, s, a.history, s.history)
