s = rf'\n{x}' + Fr'{y}\t'
