s = f'{x:{w}.{p}}' f'{a}' 'lit'
