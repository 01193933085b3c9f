x = [*a, *b]
(*a, b) = c
