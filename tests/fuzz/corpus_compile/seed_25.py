s = f'a{x}b{y!r}c{z!s:>8}d{w:.2f}e{{}}'
