with open(f) as g, h as (i, j), k:
    pass
