a = b = c = 3
