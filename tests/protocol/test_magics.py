"""
tests/protocol/test_magics.py - the notebook memory magics through a real
Jupyter client: %whos (refcounts equal to what sys.getrefcount shows in a cell,
retained sizes), %xdel and %reset with IPython's history semantics, %refgraph's
SVG, %memory, %gc, %leakwatch, %time, %timeit, %memit, the unknown-magic error
and completion after '%'.

Run with /usr/bin/python3 -m unittest and JUPYTER_PATH pointing at a
`minipy install --prefix` tree (tests/protocol/meson.build does both). Each test
class starts its own kernel, so names never leak between classes; timings are
only checked for their shape, never for a value.
"""
import re
import unittest

from jupyter_client.manager import start_new_kernel

TIMEOUT = 120  # seconds per reply; generous for the ASan build, never measured


class Cell:
    """What one execute request produced on iopub."""

    def __init__(self):
        self.stdout = ""
        self.displays = []  # data bundles of display_data
        self.result = None  # text/plain of execute_result
        self.error = None  # (ename, evalue)


class KernelCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="minipy")

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def run_cell(self, code, allow_error=False):
        msg_id = self.kc.execute(code)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        cell = Cell()
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "status" and content["execution_state"] == "idle":
                break
            if kind == "stream" and content["name"] == "stdout":
                cell.stdout += content["text"]
            elif kind == "display_data":
                cell.displays.append(content["data"])
            elif kind == "execute_result":
                cell.result = content["data"]["text/plain"]
            elif kind == "error":
                cell.error = (content["ename"], content["evalue"])
        if not allow_error:
            self.assertIsNone(cell.error, "cell %r failed" % code)
        return cell

    def whos(self, args=""):
        """%whos as {name: row dict} plus the row order and the bundle."""
        cell = self.run_cell("%whos " + args)
        self.assertEqual(len(cell.displays), 1)
        bundle = cell.displays[0]
        lines = bundle["text/plain"].splitlines()
        self.assertEqual(lines[0].split()[:7],
                         ["Variable", "Type", "Refs", "Gen", "Size", "Retained", "Data/Info"])
        self.assertTrue(set(lines[1]) == {"-"})
        rows, order = {}, []
        for line in lines[2:]:
            name, typ, refs, gen, size, retained = line.split()[:6]
            rows[name] = {"type": typ, "refs": int(refs), "gen": gen,
                          "size": int(size), "retained": int(retained)}
            order.append(name)
        return rows, order, bundle


class WhosTests(KernelCase):
    def test_refcounts_match_getrefcount(self):
        self.run_cell("import sys\n"
                      "x = [1, 2]\n"
                      "y = x\n"
                      "d = {'k': x}\n"
                      "class C:\n"
                      "    pass\n"
                      "c = C()\n"
                      "c.me = x\n"
                      "s = 'a' * 100\n")
        cell = self.run_cell("rx = sys.getrefcount(x) - 1\n"
                             "rd = sys.getrefcount(d) - 1\n"
                             "rc = sys.getrefcount(c) - 1\n"
                             "rs = sys.getrefcount(s) - 1\n"
                             "print(rx, rd, rc, rs)")
        rx, rd, rc, rs = (int(v) for v in cell.stdout.split())
        self.assertEqual(rx, 4)  # x, y, d['k'], c.me
        rows, _, bundle = self.whos()
        self.assertEqual(rows["x"]["refs"], rx)
        self.assertEqual(rows["y"]["refs"], rx)
        self.assertEqual(rows["d"]["refs"], rd)
        self.assertEqual(rows["c"]["refs"], rc)
        self.assertEqual(rows["s"]["refs"], rs)
        self.assertEqual(rows["x"]["type"], "list")
        self.assertEqual(rows["c"]["type"], "C")
        self.assertEqual(rows["s"]["gen"], "untracked")
        self.assertIn(rows["x"]["gen"], {"0", "1", "2"})
        cell = self.run_cell("print(sys.getsizeof(x), sys.getsizeof(s))")
        size_x, size_s = (int(v) for v in cell.stdout.split())
        self.assertEqual(rows["x"]["size"], size_x)
        self.assertEqual(rows["s"]["size"], size_s)
        # history names and private names are not listed; the html is a table
        self.assertNotIn("Out", rows)
        self.assertNotIn("_", rows)
        self.assertIn("<table", bundle["text/html"])
        self.assertIn("<td>x</td>", bundle["text/html"])

    def test_retained_sizes(self):
        self.run_cell("inner = list(range(300, 5300))\n"
                      "outer = [inner, list(range(5000))]\n"
                      "solo = [list(range(1000, 3000))]\n"
                      "import sys\n"
                      "inner_size = sys.getsizeof(inner)")
        rows, order, _ = self.whos("-s retained")
        retained = [rows[n]["retained"] for n in order]
        self.assertEqual(retained, sorted(retained, reverse=True))
        # inner is also held by outer: letting the name go frees nothing
        self.assertEqual(rows["inner"]["retained"], 0)
        # solo's inner list and its 2000 ints are freed with it
        self.assertGreater(rows["solo"]["retained"], rows["solo"]["size"] + 2000 * 28)
        self.assertGreater(rows["outer"]["retained"], rows["outer"]["size"])
        self.run_cell("del outer")
        rows, _, _ = self.whos("-s retained")
        inner_size = int(self.run_cell("print(inner_size)").stdout)
        # now inner alone holds its list and 5000 ints (none of them small)
        self.assertGreaterEqual(rows["inner"]["retained"], inner_size + 5000 * 28)
        # a value bound to two names is retained by neither
        self.run_cell("alias = solo")
        rows, _, _ = self.whos()
        self.assertEqual(rows["solo"]["retained"], 0)
        self.assertEqual(rows["alias"]["retained"], 0)

    def test_sort_by_name_and_bad_option(self):
        self.run_cell("zz = 1\naa = 2")
        _, order, _ = self.whos("-s name")
        self.assertEqual(order, sorted(order))
        cell = self.run_cell("%whos -s bogus", allow_error=True)
        self.assertEqual(cell.error[0], "ValueError")


class HistoryTests(KernelCase):
    def test_xdel_frees_the_object(self):
        self.run_cell("import weakref\n"
                      "class Big:\n"
                      "    pass\n"
                      "b = Big()\n"
                      "r = weakref.ref(b)")
        self.assertRegex(self.run_cell("b").result, r"Big object")
        self.assertEqual(self.run_cell("del b\nr() is None").result, "False")  # Out holds it
        self.run_cell("b = r()")
        cell = self.run_cell("%xdel b")
        self.assertEqual(cell.stdout, "")
        self.assertEqual(self.run_cell("r() is None").result, "True")
        cell = self.run_cell("%xdel nothing_here")
        self.assertEqual(cell.stdout, "NameError: name 'nothing_here' is not defined\n")

    def test_reset_out_and_in(self):
        self.run_cell("keep = [1, 2, 3]")
        self.run_cell("keep")
        self.run_cell("len(keep)")
        n = int(self.run_cell("print(len(Out))").stdout)
        self.assertGreaterEqual(n, 2)
        cell = self.run_cell("%reset -f out")
        self.assertEqual(cell.stdout, "Flushing output cache (%d entries)\n" % n)
        cell = self.run_cell("print(len(Out), repr(_), repr(__), repr(___), "
                             "[k for k in globals() if k[:1] == '_' and k[1:].isdigit()])")
        self.assertEqual(cell.stdout, "0 '' '' '' []\n")
        self.run_cell("print(keep)")  # user names survive
        count = int(self.run_cell("print(len(In))").stdout)
        cell = self.run_cell("%reset -f in")
        self.assertEqual(cell.stdout, "Flushing input history\n")
        # as IPython: _i is the previous cell, the ones before it were emptied
        cell = self.run_cell("print(len(In) >= %d, set(In[:%d]), repr(_i), repr(_ii))"
                             % (count, count))
        self.assertEqual(cell.stdout, "True {''} '%reset -f in' ''\n")

    def test_reset_all_names(self):
        self.run_cell("a_name = [1]\ndef f():\n    pass")
        self.run_cell("a_name")
        cell = self.run_cell("%reset -f\n%who")
        self.assertEqual(cell.stdout, "Interactive namespace is empty.\n")
        cell = self.run_cell("print(len(Out), len(In) > 3, __name__)")
        self.assertEqual(cell.stdout, "0 True __main__\n")
        cell = self.run_cell("%reset -f sideways", allow_error=True)
        self.assertEqual(cell.error[0], "ValueError")


class GraphAndMemoryTests(KernelCase):
    def test_refgraph_svg(self):
        self.run_cell("target_list = [1, 2]\nholder = {'key': target_list}")
        cell = self.run_cell("%refgraph target_list")
        self.assertEqual(len(cell.displays), 1)
        svg = cell.displays[0]["image/svg+xml"]
        self.assertIn("<svg", svg)
        self.assertIn("target_list", svg)
        self.assertIn("holder", svg)  # the dict's own global name, one level up
        self.assertIn("refcount 2", svg)  # target_list: the name and the dict
        self.assertIn("refgraph of target_list", cell.displays[0]["text/plain"])
        cell = self.run_cell("%refgraph no_such_name", allow_error=True)
        self.assertEqual(cell.error[0], "NameError")
        cell = self.run_cell("%refgraph target_list 0", allow_error=True)
        self.assertEqual(cell.error[0], "ValueError")

    def live(self, text, what):
        return int(re.search(r"^Live %s: +(\d+)" % what, text, re.M).group(1))

    def test_memory_shows_growth(self):
        before = self.run_cell("%memory").stdout
        self.assertIn("By type", before)
        self.assertIn("By generation", before)
        self.run_cell("grown = [str(i) for i in range(30000)]")
        after = self.run_cell("%memory").stdout
        self.assertGreater(self.live(after, "objects") - self.live(before, "objects"), 29000)
        self.assertGreater(self.live(after, "bytes") - self.live(before, "bytes"), 30000 * 40)
        top = after.split("Globals retaining the most")[1].splitlines()[1]
        self.assertEqual(top.split()[0], "grown")
        # in the same cell, the change since the previous cell shows the growth
        cell = self.run_cell("more = [str(i) for i in range(10000)]\n%memory")
        delta = int(re.search(r"^Live objects: +\d+ +\(\+(\d+)\)", cell.stdout, re.M).group(1))
        self.assertGreaterEqual(delta, 10000)

    def test_gc_magic(self):
        self.run_cell("import gc\n"
                      "class Node:\n"
                      "    pass\n"
                      "a = Node(); b = Node(); a.other = b; b.other = a\n"
                      "del a, b\n"
                      "found = gc.collect()")
        text = self.run_cell("%gc").stdout
        self.assertIn("thresholds: (700, 10, 10)", text)
        self.assertIn("enabled: True", text)
        last = [l for l in text.splitlines() if "gc.collect" in l][-1].split()
        found = int(self.run_cell("print(found)").stdout)
        self.assertEqual(last[1], "2")  # generation
        self.assertEqual(int(last[4]), found)  # collected
        self.assertTrue(last[-1].endswith("s"))

    def test_leakwatch(self):
        self.run_cell("%leakwatch on")
        cell = self.run_cell("leaky = [str(i) for i in range(20000)]")
        self.assertRegex(cell.stdout, r"^leakwatch: live memory grew by ")
        self.assertRegex(cell.stdout, r"\n  leaky +\+\d")
        cell = self.run_cell("leaky")  # now Out, _ and _N share it
        cell = self.run_cell("del leaky\nnew_one = [str(i) for i in range(5000)]")
        self.assertIn("new_one", cell.stdout)
        self.run_cell("%leakwatch off")
        cell = self.run_cell("quiet = [str(i) for i in range(20000)]")
        self.assertEqual(cell.stdout, "")
        cell = self.run_cell("%leakwatch sideways", allow_error=True)
        self.assertEqual(cell.error[0], "ValueError")


class TimingTests(KernelCase):
    def test_time(self):
        cell = self.run_cell("%time total = sum(range(1000))")
        self.assertRegex(cell.stdout,
                         r"^CPU times: user \S+ \S+, sys: \S+ \S+, total: \S+ \S+\n"
                         r"Wall time: \S+ \S+\n$")
        self.assertEqual(self.run_cell("total").result, "499500")
        self.assertEqual(self.run_cell("%time 6 * 7").result, "42")

    def test_timeit(self):
        cell = self.run_cell("%timeit -n 20 -r 3 sum(range(100))")
        self.assertRegex(cell.stdout,
                         r"^\S+ (s|ms|µs|ns) ± \S+ (s|ms|µs|ns) per loop "
                         r"\(mean ± std. dev. of 3 runs, 20 loops each\)\n$")
        cell = self.run_cell("%timeit -r 1 x = 1")  # auto-ranging: a power of ten
        self.assertRegex(cell.stdout, r"of 1 run, 1(0|,000)* loops? each\)\n$")
        cell = self.run_cell("%timeit 1/0", allow_error=True)
        self.assertEqual(cell.error[0], "ZeroDivisionError")

    def test_memit(self):
        cell = self.run_cell("%memit kept = list(range(100000))")
        m = re.search(r"increment: .*\((\d+) bytes allocated at the peak\)\n"
                      r"still held after: .*\((-?\d+) bytes", cell.stdout)
        self.assertIsNotNone(m, cell.stdout)
        peak, held = int(m.group(1)), int(m.group(2))
        self.assertGreaterEqual(held, 800000)  # the list's 100000 slots at least
        self.assertGreaterEqual(peak, held)
        cell = self.run_cell("%memit tmp = list(range(100000)); del tmp")
        m = re.search(r"\((\d+) bytes allocated at the peak\)\n"
                      r"still held after: .*\((-?\d+) bytes", cell.stdout)
        peak, held = int(m.group(1)), int(m.group(2))
        self.assertGreaterEqual(peak, 800000)
        self.assertLess(held, 10000)


class DispatchTests(KernelCase):
    def test_unknown_magic(self):
        cell = self.run_cell("%nosuchmagic 1 2", allow_error=True)
        self.assertEqual(cell.error[0], "NameError")
        self.assertIn("Line magic function `%nosuchmagic` not found", cell.error[1])
        for name in ("%whos", "%memory", "%gc", "%refgraph", "%reset", "%xdel", "%time",
                     "%timeit", "%memit", "%leakwatch"):
            self.assertIn(name, cell.error[1])

    def test_completion_lists_magics(self):
        self.kc.complete("%me", 3)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(set(reply["content"]["matches"]), {"%memory", "%memit"})


if __name__ == "__main__":
    unittest.main()
