def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
def days_in(y, m):
    return 29 if m == 2 and is_leap(y) else DAYS[m - 1]
def day_of_year(y, m, d):
    return sum(days_in(y, k) for k in range(1, m)) + d
def weekday(y, m, d):
    t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
    if m < 3:
        y -= 1
    return (y + y // 4 - y // 100 + y // 400 + t[m - 1] + d) % 7
names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
print([y for y in range(1896, 1912) if is_leap(y)], is_leap(2000), is_leap(2100))
for y, m, d in [(2024, 1, 1), (2023, 12, 31), (2000, 2, 29), (1969, 7, 20), (2024, 3, 1)]:
    print(f'{y}-{m:02d}-{d:02d}', day_of_year(y, m, d), names[weekday(y, m, d)])
print(sum(days_in(2024, m) for m in range(1, 13)), sum(days_in(2023, m) for m in range(1, 13)))
