if x: pass
while y: y -= 1; z = 2
