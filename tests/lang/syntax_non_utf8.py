# A source file that is not UTF-8 is a SyntaxError, as in CPython.
s = "ab™c"
print(s)
