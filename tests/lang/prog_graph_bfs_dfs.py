graph = {'a': ['b', 'c'], 'b': ['d'], 'c': ['d', 'e'], 'd': ['f'], 'e': ['f'], 'f': [], 'g': ['a']}
def bfs(start):
    seen = {start: 0}
    order = [start]
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nb in graph[node]:
            if nb not in seen:
                seen[nb] = seen[node] + 1
                order.append(nb)
                queue.append(nb)
    return order, seen
def dfs(node, seen, order):
    seen[node] = True
    order.append(node)
    for nb in graph[node]:
        if nb not in seen:
            dfs(nb, seen, order)
    return order
print(bfs('a'))
print(dfs('a', {}, []), dfs('g', {}, []))
def topo():
    indeg = {n: 0 for n in graph}
    for n in graph:
        for m in graph[n]:
            indeg[m] += 1
    ready = sorted(n for n in graph if indeg[n] == 0)
    out = []
    while ready:
        n = ready.pop(0)
        out.append(n)
        for m in graph[n]:
            indeg[m] -= 1
            if indeg[m] == 0:
                ready.append(m)
    return out
print(topo())
