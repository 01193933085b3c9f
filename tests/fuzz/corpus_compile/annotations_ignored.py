count: int = 5
name: str = 'annot'
def add(a: int, b: int = 2) -> int:
    result: int = a + b
    return result
class Point:
    x: float
    y: float = 0.0
    def __init__(self, x: float) -> None:
        self.x = x
print(count, name, add(1), add(1, b=5))
p = Point(1.5)
print(p.x, p.y)
values: list = [1, 2]
values.append(3)
print(values)
def f(x: 'not evaluated as a type') -> 'ret':
    return x * 2
print(f(21))
