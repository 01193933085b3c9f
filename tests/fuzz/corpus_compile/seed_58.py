print(*a, *b, sep='')
