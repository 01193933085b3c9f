import time
t0 = time.time()
p0 = time.perf_counter()
print(type(t0).__name__, type(p0).__name__, t0 > 1600000000)
time.sleep(0.02)
t1 = time.time()
p1 = time.perf_counter()
print(t1 >= t0, p1 - p0 >= 0.015, p1 - p0 < 5)
total = 0
for i in range(10000):
    total += i
p2 = time.perf_counter()
print(total, p2 >= p1)
print(time.sleep(0) is None)
