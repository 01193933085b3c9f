# A tour of notebook memory: reference counts, cycles and scopes.
import sys
import gc


class Table:
    def __init__(self, name, rows):
        self.name = name
        self.rows = rows


def show(label, obj):
    print(f"{label:<28} refcount={sys.getrefcount(obj)}")


rows = [[i, i * i] for i in range(1000)]
t = Table("squares", rows)
show("rows (bound + in table)", rows)
alias = rows
show("rows after alias", rows)
del alias
show("rows after del alias", rows)

# A cycle: del cannot free it, the collector can.
a = Table("a", [])
b = Table("b", [])
a.rows.append(b)
b.rows.append(a)
del a, b
print("unreachable objects found by gc.collect():", gc.collect())


# Function scopes free their locals on return.
def pipeline():
    raw = [[str(i), i * 2] for i in range(10000)]
    cleaned = [r for r in raw if r[1] % 3 == 0]
    return len(cleaned)


print("rows kept by the pipeline:", pipeline())
print("after return, nothing of it is left:", gc.collect())
