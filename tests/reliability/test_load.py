"""
tests/reliability/test_load.py - load: many sequential execute requests with the
kernel's RSS growth after warm-up reported and bounded (under 1 MiB), no CPU used
once the requests stop (the main thread polls only briefly after each), and 8
clients at once sending kernel_info, complete and inspect while a long cell runs
(every request answered, in order per client).

RELIABILITY_EXECUTES sets the sequential count (default 5,000 here; the issue's
100,000 run is `RELIABILITY_EXECUTES=100000`, about a minute per 10,000 cells).
"""
import os
import threading
import time
import unittest

from jupyter_client import BlockingKernelClient

from harness import Kernel, TIMEOUT, collect, cpu_seconds, execute, rss_kib, value

EXECUTES = int(os.environ.get("RELIABILITY_EXECUTES", "5000"))
WARMUP = 1000
CLIENTS = 8
REQUESTS = 30  # per client


class Sequential(unittest.TestCase):
    def test_rss_growth(self):
        k = Kernel()
        try:
            c = k.client()
            cell = "x = [i for i in range(20)]\nd = {'k': x}\ns = str(len(x))\nx"
            for _ in range(WARMUP):
                collect(c, c.execute(cell, store_history=False))
            start = rss_kib(k.pid)
            for i in range(EXECUTES):
                content, out, _ = collect(c, c.execute(cell, store_history=False))
                self.assertEqual(content["status"], "ok")
            end = rss_kib(k.pid)
            print("\n%d sequential executes after %d warm-up: RSS %d -> %d KiB (%+d KiB)"
                  % (EXECUTES, WARMUP, start, end, end - start))
            if os.environ.get("MINIPY_SANITIZE", "none") == "none":
                self.assertLess(end - start, 1024)
            self.assertEqual(value(c, "s"), "'20'")
        finally:
            k.close()

    def test_idle_uses_no_cpu(self):
        k = Kernel()
        try:
            c = k.client()
            for _ in range(100):
                collect(c, c.execute("1+1", store_history=False))
            time.sleep(0.2)
            before = cpu_seconds(k.pid)
            time.sleep(1.0)
            used = cpu_seconds(k.pid) - before
            print("\nCPU used in 1 s idle after 100 executes: %.3f s" % used)
            self.assertLess(used, 0.05)
        finally:
            k.close()


class Concurrent(unittest.TestCase):
    def test_eight_clients_while_busy(self):
        k = Kernel()
        try:
            runner = k.client()
            execute(runner, "counter = 0\ndef long_name_to_find():\n    return 1\n")
            long_id = runner.execute("import time\ntime.sleep(3)\ncounter = 1")
            failures = []

            def client_loop(n):
                c = BlockingKernelClient(connection_file=k.path)
                c.load_connection_file()
                c.start_channels()
                try:
                    sent = []
                    for i in range(REQUESTS):
                        kind = i % 3
                        if kind == 0:
                            sent.append(c.kernel_info())
                        elif kind == 1:
                            sent.append(c.complete("long_name_to", 12))
                        else:
                            sent.append(c.inspect("long_name_to_find", 5))
                    got = [c.get_shell_msg(timeout=TIMEOUT) for _ in sent]
                    if [m["parent_header"]["msg_id"] for m in got] != sent:
                        failures.append("client %d: replies out of order" % n)
                    for m in got:
                        if m["content"]["status"] != "ok":
                            failures.append("client %d: %s" % (n, m["content"]))
                        if m["msg_type"] == "complete_reply" and \
                                "long_name_to_find" not in m["content"]["matches"]:
                            failures.append("client %d: %s" % (n, m["content"]))
                except Exception as e:  # reported below, not swallowed
                    failures.append("client %d: %r" % (n, e))
                finally:
                    c.stop_channels()

            threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(CLIENTS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            reply = runner.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["parent_header"]["msg_id"], long_id)
            self.assertEqual(failures, [])
            self.assertEqual(value(runner, "counter"), "1")
        finally:
            k.close()


if __name__ == "__main__":
    unittest.main()
