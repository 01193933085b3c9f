def pretty(obj, indent=0):
    pad = '  ' * indent
    if isinstance(obj, dict):
        if not obj:
            return '{}'
        lines = ['{']
        for k in obj:
            lines.append(pad + '  ' + repr(k) + ': ' + pretty(obj[k], indent + 1) + ',')
        lines.append(pad + '}')
        return '\n'.join(lines)
    if isinstance(obj, (list, tuple)):
        open_, close = ('[', ']') if isinstance(obj, list) else ('(', ')')
        if not obj:
            return open_ + close
        inner = [pretty(v, indent + 1) for v in obj]
        if sum(len(s) for s in inner) < 30 and all('\n' not in s for s in inner):
            return open_ + ', '.join(inner) + close
        return open_ + '\n' + ',\n'.join(pad + '  ' + s for s in inner) + '\n' + pad + close
    return repr(obj)
doc = {'name': 'minipy', 'version': (0, 1), 'tags': ['gc', 'refcount', 'kernel'],
       'deps': {'zmq': {'min': '4.3', 'opt': False}, 'none': {}},
       'matrix': [[1, 2, 3], [4, 5, 6], ['a long string value', 'another long string']], 'empty': []}
print(pretty(doc))
def depth(o):
    if isinstance(o, dict):
        return 1 + max([depth(v) for v in o.values()] or [0])
    if isinstance(o, (list, tuple)):
        return 1 + max([depth(v) for v in o] or [0])
    return 0
print(depth(doc))
