for i, j in enumerate(x):
    pass
else:
    pass
