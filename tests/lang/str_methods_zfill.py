print('42'.zfill(5), '-42'.zfill(5), '+7'.zfill(4), 'abc'.zfill(2), ''.zfill(3))
for n in [0, 7, 42, 123, -5]:
    print(str(n).zfill(4))
print('3.14'.zfill(8))
width = 6
rows = [(1, 'a'), (22, 'bb'), (333, 'ccc')]
for num, tag in rows:
    print(str(num).zfill(width) + ':' + tag.zfill(4))
print('-0'.zfill(3), '+'.zfill(3))
print([s.zfill(3) for s in ['1', '22', '333', '4444']])
