# A failing call inside a larger expression: carets under the call only.
def parse_all(words):
    return [w.upper() for w in words]


print(parse_all(["a", "b"]))
count = len(parse_all(["x"])) + int("twelve") + 1
print(count)
