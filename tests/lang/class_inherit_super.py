class Animal:
    sound = '...'
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + ' says ' + self.sound
    def kind(self):
        return 'animal'
class Dog(Animal):
    sound = 'woof'
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def kind(self):
        return 'dog/' + super().kind()
class Puppy(Dog):
    def speak(self):
        return super().speak() + ' (tiny)'
a = Animal('gen')
d = Dog('rex', 'lab')
p = Puppy('bit', 'pug')
for x in [a, d, p]:
    print(x.speak(), '|', x.kind(), '|', type(x).__name__)
print(p.breed, isinstance(p, Animal), isinstance(a, Dog), issubclass(Puppy, Animal), issubclass(Animal, Puppy))
print(issubclass(Dog, object), isinstance(d, object), issubclass(Dog, (int, Animal)))
class Base:
    def __init__(self):
        self.log = ['base']
class Mid(Base):
    def __init__(self):
        super().__init__()
        self.log.append('mid')
class Leaf(Mid):
    def __init__(self):
        super().__init__()
        self.log.append('leaf')
print(Leaf().log)
