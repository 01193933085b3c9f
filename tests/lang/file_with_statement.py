path = '/tmp/minipy_lang_file_with_statement.txt'
with open(path, 'w') as f:
    for i in range(5):
        f.write('row ' + str(i) + ' ' + str(i * i) + '\n')
with open(path) as f:
    total = 0
    for line in f:
        parts = line.split()
        total += int(parts[2])
print(total)
with open(path) as f:
    lines = f.readlines()
print(len(lines), lines[0], end='')
print(repr(lines[-1]))
with open(path, 'w') as f:
    f.write('héllo wörld €\n')
with open(path) as f:
    s = f.read()
print(s.strip(), len(s))
try:
    open('/tmp/minipy_lang_no_such_dir_q/x.txt')
except FileNotFoundError as e:
    print(type(e).__name__, isinstance(e, OSError))
except OSError as e:
    print('OSError', e)
