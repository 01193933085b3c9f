# Methods of builtin types (and math/time functions) name themselves with their
# type or module in "takes no arguments", "takes exactly one argument" and
# "takes no keyword arguments", as CPython 3.11 does ("list.append() ...").
import math
import time


def attempt(label, call):
    try:
        print(label, call())
    except TypeError as e:
        print(label, 'TypeError:', e)


attempt('append', lambda: [].append())
attempt('append kw', lambda: [].append(x=1))
attempt('insert kw', lambda: [].insert(1, x=1))
attempt('reverse', lambda: [].reverse(1))
attempt('list count', lambda: [].count())
attempt('dict keys', lambda: {}.keys(1))
attempt('dict get kw', lambda: {}.get(x=1))
attempt('dict popitem', lambda: {}.popitem(1))
attempt('set add', lambda: set().add())
attempt('set pop', lambda: set().pop(1))
attempt('set union kw', lambda: set().union(x=1))
attempt('set symdiff', lambda: set().symmetric_difference())
attempt('tuple count', lambda: (1,).count())
attempt('tuple index', lambda: (1,).index())
attempt('range index', lambda: range(3).index())
attempt('str upper', lambda: 'a'.upper(1))
attempt('str isdigit', lambda: 'a'.isdigit(1))
attempt('str zfill', lambda: 'a'.zfill())
attempt('str join', lambda: ','.join())
attempt('int bit_length', lambda: (5).bit_length(1))
attempt('float is_integer', lambda: (1.5).is_integer(1))
attempt('math sqrt', lambda: math.sqrt())
attempt('math sqrt two', lambda: math.sqrt(1, 2))
attempt('time sleep', lambda: time.sleep())
attempt('time time', lambda: time.time(1))
attempt('len', lambda: len())
attempt('ok', lambda: [3, 1].count(1))
