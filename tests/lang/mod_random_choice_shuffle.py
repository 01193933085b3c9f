import random
rng_seed = 2024
random.seed(rng_seed)
colors = ['red', 'green', 'blue', 'cyan', 'magenta']
picks = [random.choice(colors) for _ in range(8)]
print(picks)
deck = [r + s for s in 'SHDC' for r in 'A23456789TJQK']
random.shuffle(deck)
print(deck[:10], len(deck))
hand = sorted(deck[:5])
print(hand)
random.seed(rng_seed)
print(random.choice(colors) == picks[0])
rolls = [random.randint(1, 6) + random.randint(1, 6) for _ in range(20)]
print(rolls, sum(rolls))
print([round(random.random(), 6) for _ in range(3)])
print(random.randrange(0, 100, 5), random.uniform(10, 20) < 20)
