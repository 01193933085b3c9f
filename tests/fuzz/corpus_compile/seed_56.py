x: int
y: int = 1
(z): int = 2
a.b: int
c[0]: int = 3
