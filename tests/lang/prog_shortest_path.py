edges = [('A', 'B', 4), ('A', 'C', 2), ('C', 'B', 1), ('B', 'D', 5), ('C', 'D', 8), ('C', 'E', 10), ('D', 'E', 2), ('E', 'F', 3), ('D', 'F', 6)]
adj = {}
for u, v, w in edges:
    adj.setdefault(u, []).append((v, w))
    adj.setdefault(v, []).append((u, w))
def dijkstra(src):
    dist = {n: None for n in adj}
    prev = {}
    dist[src] = 0
    todo = list(adj)
    while todo:
        best = None
        for n in todo:
            if dist[n] is not None and (best is None or dist[n] < dist[best]):
                best = n
        if best is None:
            break
        todo.remove(best)
        for v, w in adj[best]:
            nd = dist[best] + w
            if dist[v] is None or nd < dist[v]:
                dist[v] = nd
                prev[v] = best
    return dist, prev
dist, prev = dijkstra('A')
print(sorted(dist.items()))
node, path = 'F', []
while node != 'A':
    path.append(node)
    node = prev[node]
path.append('A')
print(' -> '.join(reversed(path)))
