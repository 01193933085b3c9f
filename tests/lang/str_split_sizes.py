# str.split/rsplit preallocate their result as CPython's stringlib does (room
# for maxsplit + 1 pieces, at most 12), so sys.getsizeof agrees; a split that
# cuts nothing returns the string itself, one more reference to it.
import sys

word = "abcdef"
pair = "abc def"
long_words = " ".join(["w" + str(i) for i in range(26)])
long_csv = ",".join(["c" + str(i) for i in range(26)])
cases = [
    word.split(), word.split(","), word.rsplit(), word.rsplit(","),
    word.split("xyz"), word.split("abcdefgh"), word.split(maxsplit=0),
    word.split(",", 0), pair.split(), pair.split(" ", 1), pair.rsplit(" ", 1),
    pair.split(maxsplit=0), "".split(), "".split(","), " abcdef ".split(),
    long_words.split(), long_csv.rsplit(","), long_words.split(None, 30),
    long_words.split(None, 3), "a b c".split(None, 11), "x1 x2\nx3".splitlines(),
]
for r in cases:
    print(len(r), sys.getsizeof(r), bool(r) and r[0] is word)

before = sys.getrefcount(word)
kept = word.split()
print(sys.getrefcount(word) - before)
del kept
print(sys.getrefcount(word) - before)
grown = pair.split()
for i in range(11):
    grown.append("more")
print(len(grown), sys.getsizeof(grown))
grown.append("one more")
print(len(grown), sys.getsizeof(grown))
