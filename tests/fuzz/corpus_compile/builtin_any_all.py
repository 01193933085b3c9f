print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]), all([1, 'a', [0]]))
print(any(x > 3 for x in [1, 2, 5]), all(x > 0 for x in [1, 2, -1]))
print(any('a' in w for w in ['xyz', 'bar']), all(isinstance(v, int) for v in [1, True]))
calls = []
def check(v):
    calls.append(v)
    return v > 2
print(any(map(check, [1, 3, 5, 7])), calls)
calls.clear()
print(all(map(check, [5, 1, 9])), calls)
print(any(''), all(''), any('0'), any([None, False, 0.0, '']))
grid = [[1, 2], [3, 0]]
print(all(all(row) for row in grid), any(any(row) for row in grid))
