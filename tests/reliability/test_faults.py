"""
tests/reliability/test_faults.py - faults a kernel must survive: interrupts of a
busy loop, a sleep, a deep recursion and a pending input() (by interrupt_request
and by SIGINT, each within 200 ms, globals intact); cells past --max-memory or the
C stack; a client that vanishes mid-request; a client that never reads IOPub while
a cell prints a gigabyte; SIGTERM, shutdown and restart while busy (exit within a
second).
"""
import os
import signal
import threading
import time
import unittest

import zmq

from harness import Kernel, TIMEOUT, execute, rss_kib, value

INTERRUPT_BOUND = 0.2  # seconds: the bound, polled generously below
EXIT_BOUND = 1.0

BUSY_CELLS = {
    "loop": "while True:\n    pass\n",
    "sleep": "import time\ntime.sleep(100)\n",
    "recursion": ("import sys\nsys.setrecursionlimit(5000)\n"
                  "def down(n):\n    if n == 0:\n        while True:\n            pass\n"
                  "    return down(n - 1)\ndown(3000)\n"),
    "input": "input('never answered? ')\n",
}


class Interrupts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kernel = Kernel()
        cls.client = cls.kernel.client()
        execute(cls.client, "kept = [1, 2, 3]")

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()

    def interrupt_cell(self, cell, how):
        c = self.client
        msg_id = c.execute(cell, allow_stdin=(cell == BUSY_CELLS["input"]))
        # Wait until the cell is really running: its execute_input was published
        # (and for input(), the input_request arrived).
        while True:
            m = c.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
                break
        if cell == BUSY_CELLS["input"]:
            req = c.get_stdin_msg(timeout=TIMEOUT)
            self.assertEqual(req["msg_type"], "input_request")
        time.sleep(0.1)  # let the loop get going
        t0 = time.monotonic()
        if how == "signal":
            os.kill(self.kernel.pid, signal.SIGINT)
        else:
            c.control_channel.send(c.session.msg("interrupt_request", {}))
        reply = c.get_shell_msg(timeout=TIMEOUT)
        elapsed = time.monotonic() - t0
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        self.assertLess(elapsed, INTERRUPT_BOUND, "interrupted after %.3f s" % elapsed)
        # drain to idle, then globals survive and the next cell runs
        while True:
            m = c.get_iopub_msg(timeout=TIMEOUT)
            if (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                    and m["content"]["execution_state"] == "idle"):
                break
        self.assertEqual(value(self.client, "kept"), "[1, 2, 3]")

    def test_interrupt_request(self):
        for name, cell in BUSY_CELLS.items():
            with self.subTest(cell=name):
                self.interrupt_cell(cell, "message")

    def test_sigint(self):
        for name, cell in BUSY_CELLS.items():
            with self.subTest(cell=name):
                self.interrupt_cell(cell, "signal")


class Limits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kernel = Kernel("--max-memory", "256M")
        cls.client = cls.kernel.client()
        execute(cls.client, "kept = {'a': 1}")

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()

    def raises(self, cell, ename, cleanup=None):
        content, _, error = execute(self.client, cell)
        self.assertEqual(content["status"], "error", cell)
        self.assertEqual(content["ename"], ename, (cell, error))
        self.assertTrue(content["traceback"], "the traceback was formatted")
        if cleanup:  # what the cell bound is the user's to drop, as in CPython
            content, _, error = execute(self.client, cleanup)
            self.assertEqual(content["status"], "ok", error)
        self.assertEqual(value(self.client, "kept"), "{'a': 1}")
        self.assertEqual(value(self.client, "1 + 1"), "2")

    def test_memory_error(self):
        cells = [
            ("x = [0] * (10 ** 12)", None),
            ("x = 'a' * (10 ** 12)", None),
            ("x = [0] * (2 ** 61)", None),
            ("x = (0,) * (10 ** 12)", None),
            ("l = []\nwhile True:\n    l.append('x' * 1000)", "del l"),
            ("d = {}\ni = 0\nwhile True:\n    d[i] = i\n    i += 1", "del d"),
            ("s = 'ab'\nwhile True:\n    s = s + s", "del s"),
            ("x = list(range(10 ** 9))", None),
            ("x = set(range(10 ** 9))", None),
            ("x = [str(i) for i in range(10 ** 9)]", None),
            ("big = ['ab' * 1000] * 200000\nr = repr(big)", "del big"),
            ("big = ['ab' * 1000] * 200000\nr = ''.join(big)", "del big"),
        ]
        for cell, cleanup in cells:
            with self.subTest(cell=cell):
                self.raises(cell, "MemoryError", cleanup)

    def test_native_recursion(self):
        nest = "l = []\nfor i in range(300000):\n    l = [l]\n"
        cells = [
            "import sys\nsys.setrecursionlimit(100000)\ndef f(n):\n    return f(n + 1)\nf(0)",
            nest + "repr(l)",
            nest + "l == [l]",
            nest + "str({1: l})",
            "t = ()\nfor i in range(300000):\n    t = (t,)\nhash(t)",
            "class A:\n    def __repr__(self):\n        return repr(A())\nrepr(A())",
            "class B:\n    def __eq__(self, o):\n        return B() == o\nB() == 1",
        ]
        for cell in cells:
            with self.subTest(cell=cell):
                self.raises(cell, "RecursionError")


class Clients(unittest.TestCase):
    def test_disconnect_mid_request(self):
        k = Kernel()
        try:
            c = k.client()
            execute(c, "kept = 42")
            ctx = zmq.Context()
            s = k.dealer(ctx, "shell")
            k.session().send(s, "execute_request",
                             {"code": "import time\ntime.sleep(0.5)\nprint('done')",
                              "silent": False})
            s.close()  # gone before the reply
            ctx.term()
            self.assertEqual(value(c, "kept"), "42")
            self.assertIsNone(k.proc.poll())
        finally:
            k.close()

    def test_iopub_never_read_gigabyte(self):
        k = Kernel()
        try:
            c = k.client()
            # a subscriber that never reads
            ctx = zmq.Context()
            sub = ctx.socket(zmq.SUB)
            sub.setsockopt(zmq.SUBSCRIBE, b"")
            sub.setsockopt(zmq.RCVHWM, 1)
            sub.connect(k.url("iopub"))
            start_rss = rss_kib(k.pid)
            peak = [start_rss]
            done = threading.Event()

            def watch():
                while not done.is_set():
                    peak[0] = max(peak[0], rss_kib(k.pid))
                    time.sleep(0.02)
            t = threading.Thread(target=watch)
            t.start()
            # 1 GiB in 1 MiB prints; this client's own iopub is read by collect()
            cell = "line = 'x' * (1 << 20)\nfor i in range(1024):\n    print(line)\n"
            content, _, _ = execute(c, cell, timeout=600)
            done.set()
            t.join()
            self.assertEqual(content["status"], "ok")
            self.assertEqual(value(c, "i"), "1023")
            growth_mib = (peak[0] - start_rss) / 1024
            print("\nRSS while printing 1 GiB with a stalled subscriber: %d -> %d KiB "
                  "(+%.0f MiB)" % (start_rss, peak[0], growth_mib))
            self.assertLess(growth_mib, 400)
            sub.close()
            ctx.term()
        finally:
            k.close()


class Exits(unittest.TestCase):
    def busy_kernel(self):
        k = Kernel()
        c = k.client()
        msg_id = c.execute("while True:\n    pass\n")
        while True:
            m = c.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
                break
        time.sleep(0.1)
        return k, c

    def check_exit(self, k, t0):
        rc = k.wait_exit()
        elapsed = time.monotonic() - t0
        self.assertEqual(rc, 0, k.log())
        self.assertLess(elapsed, EXIT_BOUND, "exited after %.3f s" % elapsed)

    def test_sigterm_while_busy(self):
        k, c = self.busy_kernel()
        try:
            t0 = time.monotonic()
            k.proc.send_signal(signal.SIGTERM)
            self.check_exit(k, t0)
        finally:
            k.close()

    def test_sigterm_idle(self):
        k = Kernel()
        try:
            k.client()
            t0 = time.monotonic()
            k.proc.send_signal(signal.SIGTERM)
            self.check_exit(k, t0)
        finally:
            k.close()

    def test_shutdown_while_busy(self):
        for restart in (False, True):
            with self.subTest(restart=restart):
                k, c = self.busy_kernel()
                try:
                    t0 = time.monotonic()
                    c.control_channel.send(
                        c.session.msg("shutdown_request", {"restart": restart}))
                    reply = c.get_control_msg(timeout=TIMEOUT)
                    self.assertEqual(reply["content"]["restart"], restart)
                    self.check_exit(k, t0)
                finally:
                    k.close()


if __name__ == "__main__":
    unittest.main()
