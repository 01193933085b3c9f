print(ord('A'), ord('a'), ord('0'), ord(' '), ord('\n'), ord('é'), ord('€'))
print(chr(65), chr(97), chr(48), repr(chr(10)), chr(233), chr(8364))
print(''.join(chr(ord(c) + 1) for c in 'HAL'))
def caesar(s, k):
    out = []
    for c in s:
        if 'a' <= c <= 'z':
            out.append(chr((ord(c) - ord('a') + k) % 26 + ord('a')))
        else:
            out.append(c)
    return ''.join(out)
print(caesar('hello world', 3), caesar(caesar('hello world', 3), -3))
try:
    ord('ab')
except TypeError as e:
    print(type(e).__name__, e)
