name = 'Ada'
n = 42
pi = 3.14159265
print(f'{name} has {n} items')
print(f'{n + 1} {n * 2} {name.upper()} {len(name)}')
print(f'{name!r} {name!s} {n!r}')
print(f'[{name:>8}] [{name:<8}] [{name:^8}]')
print(f'{pi:.2f} {pi:.4f} {pi:10.3f} {-pi:.1f}')
print(f'{1234567:,} {1234567.891:,.2f}')
print(f'{255:x} {255:X} {5:b} {42:08d} {42:5d}')
print(f'{{braces}} {n}')
print(f'{[1, 2]} {(1,)} {None} {True}')
items = [('apple', 3, 0.5), ('kiwi', 12, 0.25)]
for item, qty, price in items:
    print(f'{item:<8}|{qty:>4}|{qty * price:>7.2f}')
print(f'{"nested"} {n if n > 0 else -n}')
