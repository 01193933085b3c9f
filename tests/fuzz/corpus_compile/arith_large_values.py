big = 9223372036854775807
print(big, big - 1, -big)
print(big // 2, big % 1000, big // 1000000007)
print(4611686018427387904 + 4611686018427387903)
print(3037000499 * 3037000499)
print(-9223372036854775807 - 1)
print(2 ** 62 + (2 ** 62 - 1))
print(hex(big), bin(2 ** 40))
n = 1
fact = []
for i in range(1, 21):
    n *= i
    fact.append(n)
print(fact[-1], fact[9])
print(abs(-9223372036854775807))
print(1 << 62, (1 << 62) - 1 + (1 << 62))
