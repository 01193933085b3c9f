s = f''
t = f'{a["k"]}{b}'
