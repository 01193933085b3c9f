/*
 * tests/unit/test_lang_parser.c - the parser against CPython 3.11's answers.
 *
 * Each program's ast_dump() must equal CPython's ast.dump(ast.parse(src)), and
 * each bad program must give CPython's message, line and offset. The expected
 * strings were printed by python3 3.11.7 and pasted here.
 */
#include "parser.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static const struct {
    const char *src, *dump;
} dumps[] = {
    {"x = 1\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"},
    {"a = b = c = 3\n",
     "Module(body=[Assign(targets=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store()), Name(id='c', ctx=Store())], value=Constant(value=3))], type_ignores=[])"},
    {"x, y = y, x\n",
     "Module(body=[Assign(targets=[Tuple(elts=[Name(id='x', ctx=Store()), Name(id='y', ctx=Store())], ctx=Store())], value=Tuple(elts=[Name(id='y', ctx=Load()), Name(id='x', ctx=Load())], ctx=Load()))], type_ignores=[])"},
    {"a, *b = c\n",
     "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Starred(value=Name(id='b', ctx=Store()), ctx=Store())], ctx=Store())], value=Name(id='c', ctx=Load()))], type_ignores=[])"},
    {"[a, (b, c)] = d\n",
     "Module(body=[Assign(targets=[List(elts=[Name(id='a', ctx=Store()), Tuple(elts=[Name(id='b', ctx=Store()), Name(id='c', ctx=Store())], ctx=Store())], ctx=Store())], value=Name(id='d', ctx=Load()))], type_ignores=[])"},
    {"x += 1\ny -= 2\nz *= 3\nw /= 4\nv //= 5\nu %= 6\nt **= 7\ns <<= 1\nr >>= 2\nq &= 3\np |= 4\no ^= 5\n",
     "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Add(), value=Constant(value=1)), AugAssign(target=Name(id='y', ctx=Store()), op=Sub(), value=Constant(value=2)), AugAssign(target=Name(id='z', ctx=Store()), op=Mult(), value=Constant(value=3)), AugAssign(target=Name(id='w', ctx=Store()), op=Div(), value=Constant(value=4)), AugAssign(target=Name(id='v', ctx=Store()), op=FloorDiv(), value=Constant(value=5)), AugAssign(target=Name(id='u', ctx=Store()), op=Mod(), value=Constant(value=6)), AugAssign(target=Name(id='t', ctx=Store()), op=Pow(), value=Constant(value=7)), AugAssign(target=Name(id='s', ctx=Store()), op=LShift(), value=Constant(value=1)), AugAssign(target=Name(id='r', ctx=Store()), op=RShift(), value=Constant(value=2)), AugAssign(target=Name(id='q', ctx=Store()), op=BitAnd(), value=Constant(value=3)), AugAssign(target=Name(id='p', ctx=Store()), op=BitOr(), value=Constant(value=4)), AugAssign(target=Name(id='o', ctx=Store()), op=BitXor(), value=Constant(value=5))], type_ignores=[])"},
    {"x = 1 + 2 * 3 - 4 / 5 // 6 % 7\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=BinOp(left=Constant(value=1), op=Add(), right=BinOp(left=Constant(value=2), op=Mult(), right=Constant(value=3))), op=Sub(), right=BinOp(left=BinOp(left=BinOp(left=Constant(value=4), op=Div(), right=Constant(value=5)), op=FloorDiv(), right=Constant(value=6)), op=Mod(), right=Constant(value=7))))], type_ignores=[])"},
    {"x = -2 ** -3 ** 2\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=UnaryOp(op=USub(), operand=BinOp(left=Constant(value=2), op=Pow(), right=UnaryOp(op=USub(), operand=BinOp(left=Constant(value=3), op=Pow(), right=Constant(value=2))))))], type_ignores=[])"},
    {"x = ~a | b ^ c & d << 1 >> 2\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=UnaryOp(op=Invert(), operand=Name(id='a', ctx=Load())), op=BitOr(), right=BinOp(left=Name(id='b', ctx=Load()), op=BitXor(), right=BinOp(left=Name(id='c', ctx=Load()), op=BitAnd(), right=BinOp(left=BinOp(left=Name(id='d', ctx=Load()), op=LShift(), right=Constant(value=1)), op=RShift(), right=Constant(value=2))))))], type_ignores=[])"},
    {"x = a < b <= c > d >= e == f != g in h not in i is j is not k\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), LtE(), Gt(), GtE(), Eq(), NotEq(), In(), NotIn(), Is(), IsNot()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', ctx=Load()), Name(id='f', ctx=Load()), Name(id='g', ctx=Load()), Name(id='h', ctx=Load()), Name(id='i', ctx=Load()), Name(id='j', ctx=Load()), Name(id='k', ctx=Load())]))], type_ignores=[])"},
    {"x = not a and b or c and not d\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BoolOp(op=Or(), values=[BoolOp(op=And(), values=[UnaryOp(op=Not(), operand=Name(id='a', ctx=Load())), Name(id='b', ctx=Load())]), BoolOp(op=And(), values=[Name(id='c', ctx=Load()), UnaryOp(op=Not(), operand=Name(id='d', ctx=Load()))])]))], type_ignores=[])"},
    {"x = a if b else c if d else e\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', ctx=Load()), orelse=IfExp(test=Name(id='d', ctx=Load()), body=Name(id='c', ctx=Load()), orelse=Name(id='e', ctx=Load()))))], type_ignores=[])"},
    {"f = lambda: 0\ng = lambda x, y=1, *a, k, **kw: x + y\n",
     "Module(body=[Assign(targets=[Name(id='f', ctx=Store())], value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=0))), Assign(targets=[Name(id='g', ctx=Store())], value=Lambda(args=arguments(posonlyargs=[], args=[arg(arg='x'), arg(arg='y')], vararg=arg(arg='a'), kwonlyargs=[arg(arg='k')], kw_defaults=[None], kwarg=arg(arg='kw'), defaults=[Constant(value=1)]), body=BinOp(left=Name(id='x', ctx=Load()), op=Add(), right=Name(id='y', ctx=Load()))))], type_ignores=[])"},
    {"f(a, b, *c, d=1, **e)\n",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load()), Starred(value=Name(id='c', ctx=Load()), ctx=Load())], keywords=[keyword(arg='d', value=Constant(value=1)), keyword(value=Name(id='e', ctx=Load()))]))], type_ignores=[])"},
    {"f(x for x in y if x if not x)\n",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[Name(id='x', ctx=Load()), UnaryOp(op=Not(), operand=Name(id='x', ctx=Load()))], is_async=0)])], keywords=[]))], type_ignores=[])"},
    {"a.b.c(d)[e][f:g][::h][1:2, 3]\n",
     "Module(body=[Expr(value=Subscript(value=Subscript(value=Subscript(value=Subscript(value=Call(func=Attribute(value=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), attr='c', ctx=Load()), args=[Name(id='d', ctx=Load())], keywords=[]), slice=Name(id='e', ctx=Load()), ctx=Load()), slice=Slice(lower=Name(id='f', ctx=Load()), upper=Name(id='g', ctx=Load())), ctx=Load()), slice=Slice(step=Name(id='h', ctx=Load())), ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), upper=Constant(value=2)), Constant(value=3)], ctx=Load()), ctx=Load()))], type_ignores=[])"},
    {"x = [1, 2, 3]\ny = (1,)\nz = ()\nw = {}\nv = {1: 2, **d, 3: 4}\nu = {1, 2, *s}\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=List(elts=[Constant(value=1), Constant(value=2), Constant(value=3)], ctx=Load())), Assign(targets=[Name(id='y', ctx=Store())], value=Tuple(elts=[Constant(value=1)], ctx=Load())), Assign(targets=[Name(id='z', ctx=Store())], value=Tuple(elts=[], ctx=Load())), Assign(targets=[Name(id='w', ctx=Store())], value=Dict(keys=[], values=[])), Assign(targets=[Name(id='v', ctx=Store())], value=Dict(keys=[Constant(value=1), None, Constant(value=3)], values=[Constant(value=2), Name(id='d', ctx=Load()), Constant(value=4)])), Assign(targets=[Name(id='u', ctx=Store())], value=Set(elts=[Constant(value=1), Constant(value=2), Starred(value=Name(id='s', ctx=Load()), ctx=Load())]))], type_ignores=[])"},
    {"l = [x * y for x in a for y in b if x if y]\ns = {x for x in a}\nd = {k: v for k, v in items}\ng = (x for x in a)\n",
     "Module(body=[Assign(targets=[Name(id='l', ctx=Store())], value=ListComp(elt=BinOp(left=Name(id='x', ctx=Load()), op=Mult(), right=Name(id='y', ctx=Load())), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='a', ctx=Load()), ifs=[], is_async=0), comprehension(target=Name(id='y', ctx=Store()), iter=Name(id='b', ctx=Load()), ifs=[Name(id='x', ctx=Load()), Name(id='y', ctx=Load())], is_async=0)])), Assign(targets=[Name(id='s', ctx=Store())], value=SetComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='a', ctx=Load()), ifs=[], is_async=0)])), Assign(targets=[Name(id='d', ctx=Store())], value=DictComp(key=Name(id='k', ctx=Load()), value=Name(id='v', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store()), Name(id='v', ctx=Store())], ctx=Store()), iter=Name(id='items', ctx=Load()), ifs=[], is_async=0)])), Assign(targets=[Name(id='g', ctx=Store())], value=GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='a', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])"},
    {"x = None, True, False, ...\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Tuple(elts=[Constant(value=None), Constant(value=True), Constant(value=False), Constant(value=Ellipsis)], ctx=Load()))], type_ignores=[])"},
    {"x = 0x1F + 0o17 + 0b101 + 1_000_000 + 0\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Constant(value=31), op=Add(), right=Constant(value=15)), op=Add(), right=Constant(value=5)), op=Add(), right=Constant(value=1000000)), op=Add(), right=Constant(value=0)))], type_ignores=[])"},
    {"x = 1.5 + .5 + 1e10 + 1.5e-7 + 3. + 1_0.0_1 + 1e16 + 0.1\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Constant(value=1.5), op=Add(), right=Constant(value=0.5)), op=Add(), right=Constant(value=10000000000.0)), op=Add(), right=Constant(value=1.5e-07)), op=Add(), right=Constant(value=3.0)), op=Add(), right=Constant(value=10.01)), op=Add(), right=Constant(value=1e+16)), op=Add(), right=Constant(value=0.1)))], type_ignores=[])"},
    {"s = 'a' \"b\" '''c\nd''' \"\"\"e\"\"\"\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=Constant(value='abc\\nde'))], type_ignores=[])"},
    {"s = '\\n\\t\\\\\\'\\\"\\x41\\u00e9\\U0001F600\\0\\101\\q\\a\\b\\f\\v\\r'\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=Constant(value='\\n\\t\\\\\\'\"Aé😀\\x00A\\\\q\\x07\\x08\\x0c\\x0b\\r'))], type_ignores=[])"},
    {"s = r'\\n\\q' R\"\\x\"\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=Constant(value='\\\\n\\\\q\\\\x'))], type_ignores=[])"},
    {"s = 'a\\\nb'\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=Constant(value='ab'))], type_ignores=[])"},
    {"s = f'a{x}b{y!r}c{z!s:>8}d{w:.2f}e{{}}'\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=JoinedStr(values=[Constant(value='a'), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), Constant(value='b'), FormattedValue(value=Name(id='y', ctx=Load()), conversion=114), Constant(value='c'), FormattedValue(value=Name(id='z', ctx=Load()), conversion=115, format_spec=JoinedStr(values=[Constant(value='>8')])), Constant(value='d'), FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='.2f')])), Constant(value='e{}')]))], type_ignores=[])"},
    {"s = f'{x:{w}.{p}}' f'{a}' 'lit'\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1), Constant(value='.'), FormattedValue(value=Name(id='p', ctx=Load()), conversion=-1)])), FormattedValue(value=Name(id='a', ctx=Load()), conversion=-1), Constant(value='lit')]))], type_ignores=[])"},
    {"s = f'{x=}' + f'{ y = !s}' + f'{z=:>5}'\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=BinOp(left=BinOp(left=JoinedStr(values=[Constant(value='x='), FormattedValue(value=Name(id='x', ctx=Load()), conversion=114)]), op=Add(), right=JoinedStr(values=[Constant(value=' y = '), FormattedValue(value=Name(id='y', ctx=Load()), conversion=115)])), op=Add(), right=JoinedStr(values=[Constant(value='z='), FormattedValue(value=Name(id='z', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[Constant(value='>5')]))])))], type_ignores=[])"},
    {"s = rf'\\n{x}' + Fr'{y}\\t'\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=BinOp(left=JoinedStr(values=[Constant(value='\\\\n'), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]), op=Add(), right=JoinedStr(values=[FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1), Constant(value='\\\\t')])))], type_ignores=[])"},
    {"s = f''\nt = f'{a[\"k\"]}{b}'\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=JoinedStr(values=[])), Assign(targets=[Name(id='t', ctx=Store())], value=JoinedStr(values=[FormattedValue(value=Subscript(value=Name(id='a', ctx=Load()), slice=Constant(value='k'), ctx=Load()), conversion=-1), FormattedValue(value=Name(id='b', ctx=Load()), conversion=-1)]))], type_ignores=[])"},
    {"s = f'''{\nx\n}'''\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]))], type_ignores=[])"},
    {"s = 'a' f'{b}' 'c'\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=JoinedStr(values=[Constant(value='a'), FormattedValue(value=Name(id='b', ctx=Load()), conversion=-1), Constant(value='c')]))], type_ignores=[])"},
    {"def f(a, b=1, *args, c, d=2, **kw):\n    return a\n",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a'), arg(arg='b')], vararg=arg(arg='args'), kwonlyargs=[arg(arg='c'), arg(arg='d')], kw_defaults=[None, Constant(value=2)], kwarg=arg(arg='kw'), defaults=[Constant(value=1)]), body=[Return(value=Name(id='a', ctx=Load()))], decorator_list=[])], type_ignores=[])"},
    {"def f(a, /, b, *, c):\n    pass\n",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a')], args=[arg(arg='b')], kwonlyargs=[arg(arg='c')], kw_defaults=[None], defaults=[]), body=[Pass()], decorator_list=[])], type_ignores=[])"},
    {"@dec\n@dec2(1)\ndef f():\n    pass\n",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[Name(id='dec', ctx=Load()), Call(func=Name(id='dec2', ctx=Load()), args=[Constant(value=1)], keywords=[])])], type_ignores=[])"},
    {"@dataclass\nclass A(B, C, metaclass=M):\n    x = 1\n    def m(self):\n        return self.x\n",
     "Module(body=[ClassDef(name='A', bases=[Name(id='B', ctx=Load()), Name(id='C', ctx=Load())], keywords=[keyword(arg='metaclass', value=Name(id='M', ctx=Load()))], body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), FunctionDef(name='m', args=arguments(posonlyargs=[], args=[arg(arg='self')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Return(value=Attribute(value=Name(id='self', ctx=Load()), attr='x', ctx=Load()))], decorator_list=[])], decorator_list=[Name(id='dataclass', ctx=Load())])], type_ignores=[])"},
    {"class A:\n    pass\nclass B():\n    pass\n",
     "Module(body=[ClassDef(name='A', bases=[], keywords=[], body=[Pass()], decorator_list=[]), ClassDef(name='B', bases=[], keywords=[], body=[Pass()], decorator_list=[])], type_ignores=[])"},
    {"del a, b[1], c.d, (e, f), [g]\n",
     "Module(body=[Delete(targets=[Name(id='a', ctx=Del()), Subscript(value=Name(id='b', ctx=Load()), slice=Constant(value=1), ctx=Del()), Attribute(value=Name(id='c', ctx=Load()), attr='d', ctx=Del()), Tuple(elts=[Name(id='e', ctx=Del()), Name(id='f', ctx=Del())], ctx=Del()), List(elts=[Name(id='g', ctx=Del())], ctx=Del())])], type_ignores=[])"},
    {"if a:\n    pass\nelif b:\n    pass\nelif c:\n    x = 1\nelse:\n    y = 2\n",
     "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='b', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='c', ctx=Load()), body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], orelse=[Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))])])])], type_ignores=[])"},
    {"while x:\n    break\nelse:\n    continue\n",
     "Module(body=[While(test=Name(id='x', ctx=Load()), body=[Break()], orelse=[Continue()])], type_ignores=[])"},
    {"for i, j in enumerate(x):\n    pass\nelse:\n    pass\n",
     "Module(body=[For(target=Tuple(elts=[Name(id='i', ctx=Store()), Name(id='j', ctx=Store())], ctx=Store()), iter=Call(func=Name(id='enumerate', ctx=Load()), args=[Name(id='x', ctx=Load())], keywords=[]), body=[Pass()], orelse=[Pass()])], type_ignores=[])"},
    {"for x in a, b:\n    pass\n",
     "Module(body=[For(target=Name(id='x', ctx=Store()), iter=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()), body=[Pass()], orelse=[])], type_ignores=[])"},
    {"with open(f) as g, h as (i, j), k:\n    pass\n",
     "Module(body=[With(items=[withitem(context_expr=Call(func=Name(id='open', ctx=Load()), args=[Name(id='f', ctx=Load())], keywords=[]), optional_vars=Name(id='g', ctx=Store())), withitem(context_expr=Name(id='h', ctx=Load()), optional_vars=Tuple(elts=[Name(id='i', ctx=Store()), Name(id='j', ctx=Store())], ctx=Store())), withitem(context_expr=Name(id='k', ctx=Load()))], body=[Pass()])], type_ignores=[])"},
    {"raise\nraise E\nraise E from e\n",
     "Module(body=[Raise(), Raise(exc=Name(id='E', ctx=Load())), Raise(exc=Name(id='E', ctx=Load()), cause=Name(id='e', ctx=Load()))], type_ignores=[])"},
    {"try:\n    pass\nexcept E as e:\n    pass\nexcept (A, B):\n    pass\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\n",
     "Module(body=[Try(body=[Pass()], handlers=[ExceptHandler(type=Name(id='E', ctx=Load()), name='e', body=[Pass()]), ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load()), Name(id='B', ctx=Load())], ctx=Load()), body=[Pass()]), ExceptHandler(body=[Pass()])], orelse=[Pass()], finalbody=[Pass()])], type_ignores=[])"},
    {"try:\n    pass\nfinally:\n    pass\n",
     "Module(body=[Try(body=[Pass()], handlers=[], orelse=[], finalbody=[Pass()])], type_ignores=[])"},
    {"assert x\nassert x, 'msg'\n",
     "Module(body=[Assert(test=Name(id='x', ctx=Load())), Assert(test=Name(id='x', ctx=Load()), msg=Constant(value='msg'))], type_ignores=[])"},
    {"import a, b.c as d, e.f.g\nfrom m import x, y as z\nfrom a.b import (c, d,)\n",
     "Module(body=[Import(names=[alias(name='a'), alias(name='b.c', asname='d'), alias(name='e.f.g')]), ImportFrom(module='m', names=[alias(name='x'), alias(name='y', asname='z')], level=0), ImportFrom(module='a.b', names=[alias(name='c'), alias(name='d')], level=0)], type_ignores=[])"},
    {"def f():\n    global a, b\n    nonlocal c\n",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Global(names=['a', 'b']), Nonlocal(names=['c'])], decorator_list=[])], type_ignores=[])"},
    {"x = 1; y = 2;\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))], type_ignores=[])"},
    {"if x: pass\nwhile y: y -= 1; z = 2\n",
     "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Pass()], orelse=[]), While(test=Name(id='y', ctx=Load()), body=[AugAssign(target=Name(id='y', ctx=Store()), op=Sub(), value=Constant(value=1)), Assign(targets=[Name(id='z', ctx=Store())], value=Constant(value=2))], orelse=[])], type_ignores=[])"},
    {"x = (1 +\n     2)\ny = [\n  1,\n  2,\n]\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2))), Assign(targets=[Name(id='y', ctx=Store())], value=List(elts=[Constant(value=1), Constant(value=2)], ctx=Load()))], type_ignores=[])"},
    {"x = 1 + \\\n    2\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2)))], type_ignores=[])"},
    {"# comment\n\n   # indented comment\nx = 1  # trailing\n\n\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"},
    {"if a:\n\tx = 1\n\tif b:\n\t\ty = 2\n",
     "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), If(test=Name(id='b', ctx=Load()), body=[Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))], orelse=[])], orelse=[])], type_ignores=[])"},
    {"x = a[1:]\ny = a[:2]\nz = a[::]\nw = a[:]\nv = a[1:2:3]\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(lower=Constant(value=1)), ctx=Load())), Assign(targets=[Name(id='y', ctx=Store())], value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(upper=Constant(value=2)), ctx=Load())), Assign(targets=[Name(id='z', ctx=Store())], value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(), ctx=Load())), Assign(targets=[Name(id='w', ctx=Store())], value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(), ctx=Load())), Assign(targets=[Name(id='v', ctx=Store())], value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(lower=Constant(value=1), upper=Constant(value=2), step=Constant(value=3)), ctx=Load()))], type_ignores=[])"},
    {"print(*a, *b, sep='')\n",
     "Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load()), args=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], keywords=[keyword(arg='sep', value=Constant(value=''))]))], type_ignores=[])"},
    {"x = [*a, *b]\n(*a, b) = c\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=List(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], ctx=Load())), Assign(targets=[Tuple(elts=[Starred(value=Name(id='a', ctx=Store()), ctx=Store()), Name(id='b', ctx=Store())], ctx=Store())], value=Name(id='c', ctx=Load()))], type_ignores=[])"},
    {"x = a.b.c\na.b.c = 1\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Attribute(value=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), attr='c', ctx=Load())), Assign(targets=[Attribute(value=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), attr='c', ctx=Store())], value=Constant(value=1))], type_ignores=[])"},
    {"x = 1 if 2 else 3\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=IfExp(test=Constant(value=2), body=Constant(value=1), orelse=Constant(value=3)))], type_ignores=[])"},
    {"x = 9223372036854775807\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=9223372036854775807))], type_ignores=[])"},
    {"x = 'é' + \"ü\"\nnaïve = 1\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value='é'), op=Add(), right=Constant(value='ü'))), Assign(targets=[Name(id='naïve', ctx=Store())], value=Constant(value=1))], type_ignores=[])"},
    {"f(a)(b)(c)\n",
     "Module(body=[Expr(value=Call(func=Call(func=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load())], keywords=[]), args=[Name(id='b', ctx=Load())], keywords=[]), args=[Name(id='c', ctx=Load())], keywords=[]))], type_ignores=[])"},
    {"x = a[b][c]\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Subscript(value=Subscript(value=Name(id='a', ctx=Load()), slice=Name(id='b', ctx=Load()), ctx=Load()), slice=Name(id='c', ctx=Load()), ctx=Load()))], type_ignores=[])"},
    {"x = -1\ny = +x\nz = not x\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=UnaryOp(op=USub(), operand=Constant(value=1))), Assign(targets=[Name(id='y', ctx=Store())], value=UnaryOp(op=UAdd(), operand=Name(id='x', ctx=Load()))), Assign(targets=[Name(id='z', ctx=Store())], value=UnaryOp(op=Not(), operand=Name(id='x', ctx=Load())))], type_ignores=[])"},
    {"lambda *, k: k\n",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[arg(arg='k')], kw_defaults=[None], defaults=[]), body=Name(id='k', ctx=Load())))], type_ignores=[])"},
    {"lambda *a, **k: 0\n",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], vararg=arg(arg='a'), kwonlyargs=[], kw_defaults=[], kwarg=arg(arg='k'), defaults=[]), body=Constant(value=0)))], type_ignores=[])"},
    {"x = {**a}\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Dict(keys=[None], values=[Name(id='a', ctx=Load())]))], type_ignores=[])"},
    {"x = 1e308 * 10\ny = 1.0e-320\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value=1e+308), op=Mult(), right=Constant(value=10))), Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=1e-320))], type_ignores=[])"},
    {"s = f'{a!r:{b}}'\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=JoinedStr(values=[FormattedValue(value=Name(id='a', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='b', ctx=Load()), conversion=-1)]))]))], type_ignores=[])"},
    {"s = f'{3.14:{\"<\"}10}'\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=JoinedStr(values=[FormattedValue(value=Constant(value=3.14), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Constant(value='<'), conversion=-1), Constant(value='10')]))]))], type_ignores=[])"},
    {"x = a if b else lambda: c\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', ctx=Load()), orelse=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Name(id='c', ctx=Load()))))], type_ignores=[])"},
    {"x = [i for i in range(3)][0]\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Subscript(value=ListComp(elt=Name(id='i', ctx=Load()), generators=[comprehension(target=Name(id='i', ctx=Store()), iter=Call(func=Name(id='range', ctx=Load()), args=[Constant(value=3)], keywords=[]), ifs=[], is_async=0)]), slice=Constant(value=0), ctx=Load()))], type_ignores=[])"},
    {"def f(\n    a,\n    b,\n):\n    pass\n",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a'), arg(arg='b')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[])], type_ignores=[])"},
    {"class C(object, **kw):\n    '''doc'''\n",
     "Module(body=[ClassDef(name='C', bases=[Name(id='object', ctx=Load())], keywords=[keyword(value=Name(id='kw', ctx=Load()))], body=[Expr(value=Constant(value='doc'))], decorator_list=[])], type_ignores=[])"},
    {"x = (a for b in c for d in e)\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=GeneratorExp(elt=Name(id='a', ctx=Load()), generators=[comprehension(target=Name(id='b', ctx=Store()), iter=Name(id='c', ctx=Load()), ifs=[], is_async=0), comprehension(target=Name(id='d', ctx=Store()), iter=Name(id='e', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])"},
    {"s = '\\xff\\777'\n",
     "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=Constant(value='ÿǿ'))], type_ignores=[])"},
    {"x = a.b(c).d[e] ** -f.g\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Subscript(value=Attribute(value=Call(func=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), args=[Name(id='c', ctx=Load())], keywords=[]), attr='d', ctx=Load()), slice=Name(id='e', ctx=Load()), ctx=Load()), op=Pow(), right=UnaryOp(op=USub(), operand=Attribute(value=Name(id='f', ctx=Load()), attr='g', ctx=Load()))))], type_ignores=[])"},
    {"if x:\n    if y:\n        pass\n    else:\n        pass\n",
     "Module(body=[If(test=Name(id='x', ctx=Load()), body=[If(test=Name(id='y', ctx=Load()), body=[Pass()], orelse=[Pass()])], orelse=[])], type_ignores=[])"},
    {"while 1:\n    if 2:\n        break\n    x = 1\n",
     "Module(body=[While(test=Constant(value=1), body=[If(test=Constant(value=2), body=[Break()], orelse=[]), Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], orelse=[])], type_ignores=[])"},
};

static const struct {
    const char *src;
    bool indentation;
    const char *message;
    int line, offset;
} errors[] = {
    {"if x:\n    a\n  b\n", true, "unindent does not match any outer indentation level", 3, 4},
    {"x = (1,\n", false, "'(' was never closed", 1, 5},
    {"x = '''abc\n\n", false, "unterminated triple-quoted string literal (detected at line 2)", 1, 5},
    {"x = 'abc\n", false, "unterminated string literal (detected at line 1)", 1, 5},
    {"x = 1 $ 2\n", false, "invalid syntax", 1, 7},
    {"x ? 2\n", false, "invalid syntax", 1, 3},
    {"x = 012\n", false, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5},
    {"x = 1_\n", false, "invalid decimal literal", 1, 6},
    {"x = 0x\n", false, "invalid hexadecimal literal", 1, 6},
    {"x = 1e\n", false, "invalid decimal literal", 1, 5},
    {"x = 1abc\n", false, "invalid decimal literal", 1, 5},
    {"x = 0o8\n", false, "invalid digit '8' in octal literal", 1, 7},
    {"x = 0b2\n", false, "invalid digit '2' in binary literal", 1, 7},
    {"1 = 2\n", false, "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1},
    {"f() = 1\n", false, "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1},
    {"x + 1 = 2\n", false, "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1},
    {"(1, 2) = x\n", false, "cannot assign to literal", 1, 2},
    {"(a, b) += 1\n", false, "'tuple' is an illegal expression for augmented assignment", 1, 1},
    {"if x\n", false, "expected ':'", 1, 5},
    {"if x:\npass\n", true, "expected an indented block after 'if' statement on line 1", 2, 1},
    {"  x = 1\n", true, "unexpected indent", 1, 2},
    {"x = )\n", false, "unmatched ')'", 1, 5},
    {"x = (]\n", false, "closing parenthesis ']' does not match opening parenthesis '('", 1, 6},
    {"x = (\n]\n", false, "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 1},
    {"a \\ b\n", false, "unexpected character after line continuation character", 1, 4},
    {"a = \\", false, "unexpected EOF while parsing", 1, 6},
    {"def f(:\n", false, "invalid syntax", 1, 7},
    {"f(a for a in b, c)\n", false, "Generator expression must be parenthesized", 1, 3},
    {"x = 1 2\n", false, "invalid syntax", 1, 7},
    {"a.1\n", false, "invalid syntax", 1, 2},
    {"del f()\n", false, "cannot delete function call", 1, 5},
    {"for 1 in x: pass\n", false, "cannot assign to literal", 1, 5},
    {"with a as 1: pass\n", false, "cannot assign to literal", 1, 11},
    {"x = f'{a!x}'\n", false, "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 13},
    {"x = f'{}'\n", false, "f-string: empty expression not allowed", 1, 10},
    {"x = f'{a'\n", false, "f-string: expecting '}'", 1, 10},
    {"x = f'}'\n", false, "f-string: single '}' is not allowed", 1, 9},
    {"def f(a=1, b): pass\n", false, "non-default argument follows default argument", 1, 12},
    {"f(a=1, b)\n", false, "positional argument follows keyword argument", 1, 9},
    {"f(**a, *b)\n", false, "iterable argument unpacking follows keyword argument unpacking", 1, 8},
    {"x = [1, 2\n", false, "'[' was never closed", 1, 5},
    {"x = {1: 2,\n", false, "'{' was never closed", 1, 5},
    {"else:\n", false, "invalid syntax", 1, 1},
    {"try:\n  pass\n", false, "expected 'except' or 'finally' block", 2, 7},
    {"try:\n  pass\nx=1\n", false, "expected 'except' or 'finally' block", 3, 1},
    {"class A(:\n", false, "invalid syntax", 1, 9},
    {"x = not\n", false, "invalid syntax", 1, 8},
    {"import\n", false, "invalid syntax", 1, 7},
    {"def f():\n  x = 1\n    y = 2\n", true, "unexpected indent", 3, 4},
    {"x = 'a' 'b\n", false, "unterminated string literal (detected at line 1)", 1, 9},
    {"'\\xZZ'\n", false, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape", 1, 7},
    {"'\\x4'\n", false, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 6},
    {"x = 1 if 2\n", false, "expected 'else' after 'if' expression", 1, 5},
    {"*a = b\n", false, "starred assignment target must be in a list or tuple", 1, 1},
    {"*a, *b = c\n", false, "multiple starred expressions in assignment", 1, 1},
    {"x = *a\n", false, "can't use starred expression here", 1, 5},
    {"x = 1 +\n", false, "invalid syntax", 1, 8},
    {"€ = 1\n", false, "invalid character '€' (U+20AC)", 1, 1},
    {"def f(*): pass\n", false, "named arguments must follow bare *", 1, 7},
    {"f'{a\\n}'\n", false, "f-string expression part cannot include a backslash", 1, 9},
    {"True = 1\n", false, "cannot assign to True", 1, 1},
    {"None = 1\n", false, "cannot assign to None", 1, 1},
    {"__debug__ = 1\n", false, "cannot assign to __debug__", 1, 1},
    {"x.True\n", false, "invalid syntax", 1, 3},
    {"def None(): pass\n", false, "invalid syntax", 1, 5},
    {"for x in y:\n", true, "expected an indented block after 'for' statement on line 1", 1, 12},
    {"while 1:\n  pass\nelse\n", false, "expected ':'", 3, 5},
    {"x = [\n", false, "'[' was never closed", 1, 5},
    {"x = \"\"\"\n", false, "unterminated triple-quoted string literal (detected at line 1)", 1, 5},
    {"x = 1\\\n", false, "unexpected EOF while parsing", 1, 7},
    {"if 1:\n  pass\n else:\n  pass\n", true, "unindent does not match any outer indentation level", 3, 7},
    {"d = {**a, b}\n", false, "':' expected after dictionary key", 1, 11},
    {"del a + b\n", false, "cannot delete expression", 1, 5},
    {"f(a)(b) += 1\n", false, "'function call' is an illegal expression for augmented assignment", 1, 1},
    {"[x]: int\n", false, "only single target (not list) can be annotated", 1, 1},
};

/* Errors that are Minipy's own: constructs outside the subset. */
static const struct {
    const char *src, *message;
    int line, offset;
} unsupported[] = {
    {"def f():\n    yield 1\n", "'yield' is not supported in Minipy", 2, 5},
    {"async def f(): pass\n", "'async' is not supported in Minipy", 1, 1},
    {"await x\n", "'await' is not supported in Minipy", 1, 1},
    {"match x:\n    case 1: pass\n", "'match' is not supported in Minipy", 1, 1},
    {"x = [i := 1]\n", "the walrus operator ':=' is not supported in Minipy", 1, 8},
    {"x = b'ab'\n", "bytes literals are not supported in Minipy", 1, 5},
    {"x = 1j\n", "complex literals are not supported in Minipy", 1, 5},
    {"a @ b\n", "the '@' operator is not supported in Minipy", 1, 3},
    {"from m import *\n", "'from ... import *' is not supported in Minipy", 1, 15},
    {"from . import x\n", "relative import is not supported in Minipy", 1, 6},
    {"x = 9223372036854775808\n", "integer literal too large", 1, 5},
    {"x = 0x1_0000_0000_0000_0000\n", "integer literal too large", 1, 5},
};

static char *dump(const Module *m)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    ast_dump(m, f);
    fclose(f);
    if (len > 0 && buf[len - 1] == '\n')
        buf[len - 1] = '\0';
    return buf;
}

static void test_dumps(void)
{
    for (size_t i = 0; i < sizeof dumps / sizeof dumps[0]; i++) {
        AstArena *a = ast_arena_new();
        LangError err;
        Module *m = lang_parse_module(a, dumps[i].src, strlen(dumps[i].src), &err);
        CHECK(m != NULL);
        if (m == NULL) {
            fprintf(stderr, "  %s  -> %s (%d:%d)\n", dumps[i].src, err.message, err.line,
                    err.offset);
        } else {
            char *got = dump(m);
            CHECK(got != NULL && strcmp(got, dumps[i].dump) == 0);
            if (got != NULL && strcmp(got, dumps[i].dump) != 0)
                fprintf(stderr, "  %s  expected %s\n  got      %s\n", dumps[i].src,
                        dumps[i].dump, got);
            free(got);
        }
        ast_arena_free(a);
    }
}

static void check_error(const char *src, bool indentation, const char *message, int line,
                        int offset)
{
    AstArena *a = ast_arena_new();
    LangError err;
    Module *m = lang_parse_module(a, src, strlen(src), &err);
    CHECK(m == NULL);
    if (m == NULL) {
        bool ok = strcmp(err.message, message) == 0 && err.line == line &&
                  err.offset == offset &&
                  (err.kind == LANG_INDENTATION_ERROR) == indentation;
        CHECK(ok);
        if (!ok)
            fprintf(stderr, "  %s  expected %s %d:%d\n  got      %s %d:%d\n", src, message,
                    line, offset, err.message, err.line, err.offset);
        CHECK(err.text != NULL);
    }
    ast_arena_free(a);
}

static void test_errors(void)
{
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
        check_error(errors[i].src, errors[i].indentation, errors[i].message,
                    errors[i].line, errors[i].offset);
    for (size_t i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++)
        check_error(unsupported[i].src, false, unsupported[i].message, unsupported[i].line,
                    unsupported[i].offset);
}

static void test_error_text_and_positions(void)
{
    AstArena *a = ast_arena_new();
    LangError err;
    const char *src = "x = 1\ny = (2 +\n      3))\n";
    CHECK(lang_parse_module(a, src, strlen(src), &err) == NULL);
    CHECK(strcmp(err.message, "unmatched ')'") == 0);
    CHECK(err.line == 3 && err.offset == 9);
    CHECK(strcmp(err.text, "      3))") == 0);
    ast_arena_free(a);

    /* node positions: 1-based lines, 0-based columns in code points */
    a = ast_arena_new();
    src = "s = 'é'\nif x:\n    y = f(a,\n          b)\n";
    Module *m = lang_parse_module(a, src, strlen(src), &err);
    CHECK(m != NULL && m->body.count == 2);
    if (m != NULL && m->body.count == 2) {
        Stmt *s = m->body.items[0];
        CHECK(s->pos.line == 1 && s->pos.col == 0 && s->pos.end_col == 7);
        Stmt *inner = m->body.items[1]->ifstmt.body.items[0];
        Expr *call = inner->assign.value;
        CHECK(call->kind == EXPR_CALL && call->pos.line == 3 && call->pos.col == 8);
        CHECK(call->pos.end_line == 4 && call->pos.end_col == 12);
        CHECK(m->body.items[1]->pos.end_line == 4);
    }
    ast_arena_free(a);
}

static void test_values(void)
{
    AstArena *a = ast_arena_new();
    LangError err;
    const char *src = "x = 9223372036854775807\ny = '\\0a\\x00'\n";
    Module *m = lang_parse_module(a, src, strlen(src), &err);
    CHECK(m != NULL);
    if (m != NULL) {
        Expr *i = m->body.items[0]->assign.value;
        CHECK(i->constant.kind == CONST_INT && i->constant.i == INT64_MAX);
        Expr *s = m->body.items[1]->assign.value;
        CHECK(s->constant.kind == CONST_STR && s->constant.s.len == 3);
        CHECK(memcmp(s->constant.s.data, "\0a\0", 3) == 0);
    }
    ast_arena_free(a);
}

static void check_complete(const char *src, LangCompleteness want, int want_indent)
{
    int indent = -1;
    LangCompleteness got = lang_is_complete(src, strlen(src), &indent);
    CHECK(got == want && (want != LANG_INCOMPLETE || indent == want_indent));
    if (got != want || (want == LANG_INCOMPLETE && indent != want_indent))
        fprintf(stderr, "  is_complete(%s) = %d indent %d\n", src, (int)got, indent);
}

static void test_is_complete(void)
{
    check_complete("x = 1", LANG_COMPLETE, 0);
    check_complete("x = 1\n", LANG_COMPLETE, 0);
    check_complete("", LANG_COMPLETE, 0);
    check_complete("if x:", LANG_INCOMPLETE, 4);
    check_complete("if x:\n", LANG_INCOMPLETE, 4);
    check_complete("for x in y:\n    if z:\n", LANG_INCOMPLETE, 8);
    check_complete("if x:\n    y = 1", LANG_INCOMPLETE, 4);
    check_complete("if x:\n    y = 1\n\n", LANG_COMPLETE, 0);
    check_complete("x = (1,\n", LANG_INCOMPLETE, 0);
    check_complete("f(a,\n  b", LANG_INCOMPLETE, 2);
    check_complete("s = '''abc\n", LANG_INCOMPLETE, 0);
    check_complete("x = 1 + \\\n", LANG_INCOMPLETE, 0);
    check_complete("try:\n    pass\n", LANG_INCOMPLETE, 4);
    check_complete("x = 1 +", LANG_INVALID, 0);
    check_complete("x = )", LANG_INVALID, 0);
    check_complete("x = 1 2\n", LANG_INVALID, 0);
    check_complete("  x = 1\n", LANG_INVALID, 0);
}

int main(void)
{
    test_dumps();
    test_errors();
    test_error_text_and_positions();
    test_values();
    test_is_complete();
    return UNIT_DONE();
}
