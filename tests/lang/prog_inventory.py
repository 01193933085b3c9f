inventory = {}
def add(name, qty, price):
    item = inventory.setdefault(name, {'qty': 0, 'price': price})
    item['qty'] += qty
    item['price'] = price
def remove(name, qty):
    if name not in inventory:
        raise KeyError(name)
    if inventory[name]['qty'] < qty:
        raise ValueError('only ' + str(inventory[name]['qty']) + ' ' + name + ' left')
    inventory[name]['qty'] -= qty
    if inventory[name]['qty'] == 0:
        del inventory[name]
ops = [('add', 'bolt', 100, 0.05), ('add', 'nut', 250, 0.02), ('add', 'gear', 5, 12.5),
       ('remove', 'bolt', 30), ('remove', 'gear', 10), ('remove', 'cog', 1), ('remove', 'gear', 5),
       ('add', 'bolt', 10, 0.06)]
for op in ops:
    try:
        if op[0] == 'add':
            add(op[1], op[2], op[3])
        else:
            remove(op[1], op[2])
        print('ok', op)
    except (KeyError, ValueError) as e:
        print('error', type(e).__name__, e)
for name in sorted(inventory):
    it = inventory[name]
    print(f"{name:<6}{it['qty']:>5}{it['price']:>8.2f}{it['qty'] * it['price']:>8.2f}")
print(round(sum(i['qty'] * i['price'] for i in inventory.values()), 2))
