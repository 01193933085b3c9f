import gc
gc.disable()
def cnt():
    return gc.get_count()[0]
def main():
    gc.collect()
    cnt()
    cnt()
    c0 = cnt()
    keep = []
    c1 = cnt()
    for i in range(100):
        keep.append([])
    c2 = cnt()
    del keep[:]
    c3 = cnt()
    for i in range(50):
        keep.append([])
    c4 = cnt()
    d = {}
    c5 = cnt()
    print(c1 - c0, c2 - c1, c3 - c2, c4 - c3, c5 - c4, gc.is_tracked(d))
main()
