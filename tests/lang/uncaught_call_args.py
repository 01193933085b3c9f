# Ends with an uncaught TypeError about call arguments.
def area(width, height):
    return width * height
print(area(2, 3))
sizes = [(1, 1), (2, 5), (3, 3)]
print([area(w, h) for w, h in sizes])
print(sum(area(*s) for s in sizes))
print(area(height=4, width=5))
dims = [7]
area(*dims)
