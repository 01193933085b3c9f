# notebooks/data/make_orders.py - writes orders.csv, the table notebook 04 cleans.
#
# A year of orders from a small online shop, with the mess real exports have:
# stray spaces, mixed case, blank and "N/A" fields, prices with a currency sign,
# a few duplicated rows. Deterministic (seeded), so the committed CSV can be
# checked against it: `python3 make_orders.py > orders.csv` (CPython 3.11).
import random

CITIES = [
    ("France", "Paris", 34), ("France", "Lyon", 9), ("France", "Marseille", 7),
    ("Germany", "Berlin", 21), ("Germany", "Munich", 12), ("Germany", "Hamburg", 10),
    ("Spain", "Madrid", 15), ("Spain", "Barcelona", 13), ("Spain", "Valencia", 5),
    ("Italy", "Rome", 14), ("Italy", "Milan", 13), ("Italy", "Naples", 6),
    ("Netherlands", "Amsterdam", 11), ("Netherlands", "Rotterdam", 5),
    ("Belgium", "Brussels", 8), ("Belgium", "Antwerp", 4),
    ("Portugal", "Lisbon", 8), ("Portugal", "Porto", 5),
    ("Poland", "Warsaw", 9), ("Poland", "Krakow", 6),
    ("Sweden", "Stockholm", 7), ("Denmark", "Copenhagen", 6),
    ("Austria", "Vienna", 8), ("Ireland", "Dublin", 7), ("Czechia", "Prague", 7),
]

PRODUCTS = [
    ("Stationery", "Notebook A5 dotted", 6.90), ("Stationery", "Notebook A4 lined", 8.50),
    ("Stationery", "Fountain pen", 24.00), ("Stationery", "Ink cartridges (6)", 4.20),
    ("Stationery", "Gel pens (10)", 9.99), ("Stationery", "Sticky notes", 3.49),
    ("Kitchen", "Coffee grinder", 39.90), ("Kitchen", "French press 1l", 29.00),
    ("Kitchen", "Ceramic mug", 11.50), ("Kitchen", "Tea infuser", 7.80),
    ("Kitchen", "Chef knife 20cm", 64.00), ("Kitchen", "Cutting board", 22.90),
    ("Home", "Desk lamp", 45.00), ("Home", "Wool blanket", 79.00),
    ("Home", "Scented candle", 14.90), ("Home", "Picture frame 30x40", 18.00),
    ("Electronics", "USB-C cable 2m", 12.99), ("Electronics", "Wireless mouse", 27.50),
    ("Electronics", "Mechanical keyboard", 119.00), ("Electronics", "Headphones", 89.00),
    ("Electronics", "Power bank 10000mAh", 34.90), ("Books", "Python Crash Course", 35.00),
    ("Books", "The Art of Computer Programming", 189.99), ("Books", "Crafting Interpreters", 42.00),
    ("Books", "Structure and Interpretation", 55.00), ("Garden", "Seed collection", 15.00),
    ("Garden", "Watering can", 19.90), ("Garden", "Pruning shears", 26.00),
]

STATUSES = [("delivered", 80), ("shipped", 8), ("returned", 5), ("cancelled", 4),
            ("pending", 3)]
CHANNELS = [("web", 60), ("mobile", 30), ("phone", 6), ("marketplace", 4)]
DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def weighted(rng, table):
    total = sum(row[-1] for row in table)
    pick = rng.uniform(0, total)
    for row in table:
        pick -= row[-1]
        if pick <= 0:
            return row
    return table[-1]


def messy(rng, text):
    """Real exports are inconsistent: case, padding and missing values."""
    r = rng.random()
    if r < 0.02:
        return text.upper()
    if r < 0.04:
        return text.lower()
    if r < 0.07:
        return " " + text + " "
    return text


def main():
    rng = random.Random(2023)
    print("order_id,date,customer_id,country,city,category,product,quantity,"
          "unit_price,discount,channel,status")
    customers = [f"C{n:05d}" for n in range(1, 6001)]
    order_id = 100000
    rows = 30000
    previous = None
    for i in range(rows):
        if previous is not None and rng.random() < 0.004:
            print(previous)          # an exported row, exported twice
            continue
        order_id += rng.randint(1, 3)
        month = 1 + i * 12 // rows
        day = rng.randint(1, DAYS_IN_MONTH[month - 1])
        country, city, _ = weighted(rng, CITIES)
        category, product, price = rng.choice(PRODUCTS)
        quantity = rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 5, 10])
        discount = rng.choice(["", "", "", "", "0.05", "0.10", "0.15", "0.25"])
        unit_price = f"{price:.2f}"
        if rng.random() < 0.05:
            unit_price = "EUR " + unit_price
        qty = str(quantity)
        if rng.random() < 0.01:
            qty = "N/A"
        channel = weighted(rng, CHANNELS)[0]
        status = weighted(rng, STATUSES)[0]
        fields = [str(order_id), f"2023-{month:02d}-{day:02d}", rng.choice(customers),
                  messy(rng, country), messy(rng, city), category, product, qty,
                  unit_price, discount, messy(rng, channel), status]
        previous = ",".join(fields)
        print(previous)


main()
