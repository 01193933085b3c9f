"""
tests/reliability/test_reset.py - after `%reset -f` and `gc.collect()` the
runtime's own accounting (the live objects %memory reports, gc_live_objects())
is back where it was: every object the cells made is gone.

What stays, and why it is not a user object:
  * In (and _ih) keeps one str per executed cell: IPython's `%reset -f` keeps
    the input history (only `%reset in` flushes it);
  * the runtime's process-lifetime caches: interned names (identifiers and
    attribute names the compiler interned), builtin modules once imported (as
    CPython's sys.modules), and the dicts of builtin types readied on first
    use (the traceback type, sys.stdout's type).
So the kernel runs every demo notebook once, then `%reset -f` and
`gc.collect()` (the caches are now warm), reads the count, and runs them all
a second time: after the second reset the count must be exactly the first
one plus one str per cell of the second run. The gap to a fresh kernel is
printed (the caches above), not asserted.
"""
import glob
import os
import re
import unittest

import nbformat

from harness import Kernel, execute

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOTEBOOKS = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))


def cells():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.source.strip():
                yield cell.source


class ResetTest(unittest.TestCase):
    def setUp(self):
        # The notebooks open data/orders.csv relative to their folder.
        self.cwd = os.getcwd()
        os.chdir(os.path.join(ROOT, "notebooks"))
        self.kernel = Kernel()
        self.client = self.kernel.client()

    def tearDown(self):
        self.kernel.close()
        os.chdir(self.cwd)

    def cell(self, code):
        content, out, error = execute(self.client, code, timeout=300,
                                      allow_stdin=False)
        return content, out, error

    def live_objects(self):
        content, out, error = self.cell("%memory")
        self.assertEqual(content["status"], "ok", error)
        if os.environ.get("RESET_DEBUG"):
            print(out)
        return int(re.search(r"Live objects: (\d+)", out).group(1))

    def reset(self):
        for code in ("%reset -f", "import gc\ngc.collect()"):
            content, _, error = self.cell(code)
            self.assertEqual(content["status"], "ok", error)
        return self.live_objects()

    def run_notebooks(self):
        n = 0
        for source in cells():
            self.cell(source)
            n += 1
        return n

    def test_reset_frees_every_cell_object(self):
        fresh = self.live_objects()
        self.run_notebooks()
        first = self.reset()
        n = self.run_notebooks()
        second = self.reset()
        # The second run's cells: each In entry, plus the %memory, %reset,
        # gc.collect() cells of self.reset() and self.live_objects().
        in_entries = n + 3
        print(f"\nlive objects: fresh kernel {fresh}; after the notebooks, %reset -f "
              f"and gc.collect(): {first} (the caches above and In); after a second "
              f"run of {n} cells and reset: {second} = {first} + {second - first}")
        self.assertEqual(second, first + in_entries)


if __name__ == "__main__":
    unittest.main()
