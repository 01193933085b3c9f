class BST:
    def __init__(self):
        self.root = None
        self.count = 0
    def insert(self, key):
        if self.root is None:
            self.root = [key, None, None]
        else:
            node = self.root
            while True:
                if key == node[0]:
                    return False
                idx = 1 if key < node[0] else 2
                if node[idx] is None:
                    node[idx] = [key, None, None]
                    break
                node = node[idx]
        self.count += 1
        return True
    def inorder(self, node, out):
        if node is not None:
            self.inorder(node[1], out)
            out.append(node[0])
            self.inorder(node[2], out)
        return out
    def height(self, node):
        if node is None:
            return 0
        return 1 + max(self.height(node[1]), self.height(node[2]))
t = BST()
for k in [50, 30, 70, 20, 40, 60, 80, 30, 65, 10]:
    print(k, t.insert(k))
print(t.inorder(t.root, []), t.count, t.height(t.root))
words = BST()
for w in 'the quick brown fox jumps over the lazy dog'.split():
    words.insert(w)
print(words.inorder(words.root, []), words.count)
