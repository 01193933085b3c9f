import sys
n = sys.stdout.write('written directly\n')
print(n)
sys.stdout.write('a')
sys.stdout.write('b')
sys.stdout.write('\n')
sys.stderr.write('this goes to stderr\n')
print('after write')
out = sys.stdout
out.write('via alias ' + str(42) + '\n')
for i in range(3):
    sys.stdout.write(str(i) + ' ')
sys.stdout.write('\n')
