x, y = y, x
