[a, (b, c)] = d
