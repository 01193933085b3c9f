# Non-ASCII text before the span (carets count characters) and a method call
# split over lines (its span starts at the method name).
names = ["é", "ü"]
greeting = "héllo " + names[0]
print(greeting)
tags = {"ñ": 1}
total = (tags
         .items()
         .count("ñ")) + "é" * 2
print(total)
