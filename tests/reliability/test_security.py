"""
tests/reliability/test_security.py - hostile and careless senders: 10,000
mutated messages (bad signatures, truncated, reordered, huge frames, wrong JSON
types) cause zero executions and zero replies; a replayed message is refused;
`minipy kernel` without -f binds 127.0.0.1 only, with a random key in a 0600
file; an empty key is warned about.

Zero executions are proved with a side-effect counter: every mutated message
would, if it ran, add 1 to the kernel's global `hits`. Zero replies are proved
by order: shell serves one request at a time, so any reply to a mutant would
arrive before the reply to the valid request sent after them.
"""
import glob
import json
import os
import random
import signal
import stat
import subprocess
import tempfile
import time
import unittest

import zmq

from harness import Kernel, MINIPY, TIMEOUT, execute, value

MUTANTS = 10000
CODE = "hits += 1"


def mutate(rng, frames, session):
    """One hostile variant of a valid signed frame list [ids..., delim, sig, h, p, m, c]."""
    f = list(frames)
    d = f.index(b"<IDS|MSG>")
    kind = rng.randrange(10)
    if kind == 0:  # a wrong signature of the right length
        sig = bytearray(f[d + 1])
        i = rng.randrange(len(sig))
        sig[i] = rng.choice([h for h in b"0123456789abcdef" if h != sig[i]])
        f[d + 1] = bytes(sig)
    elif kind == 1:  # truncated: frames missing
        f = f[: rng.randrange(len(f))]
    elif kind == 2:  # reordered JSON frames
        parts = f[d + 2: d + 6]
        rng.shuffle(parts)
        if parts == f[d + 2: d + 6]:
            parts.reverse()
        f[d + 2: d + 6] = parts
    elif kind == 3:  # a huge frame
        f[d + 2 + rng.randrange(4)] = b"{" + b" " * (1 << 20) + b'"a":1}'
    elif kind == 4:  # wrong JSON types, correctly framed but not re-signed
        bad = rng.choice([b"[]", b"null", b"1", b'"s"', b'{"msg_type": 7}', b"{", b"\xff"])
        f[d + 2 + rng.randrange(4)] = bad
    elif kind == 5:  # the signature of another message
        other = session.msg("execute_request", {"code": CODE})
        f[d + 1] = session.sign([session.pack(other[k]) for k in
                                 ("header", "parent_header", "metadata", "content")])
    elif kind == 6:  # no signature at all
        f[d + 1] = b""
    elif kind == 7:  # a flipped byte in a signed JSON frame
        i = d + 2 + rng.randrange(4)
        b = bytearray(f[i])
        b[rng.randrange(len(b))] ^= 0x20
        f[i] = bytes(b)
    elif kind == 8:  # no delimiter
        del f[d]
    else:  # extra garbage frames before the delimiter and a signature in hex caps
        f[d + 1] = f[d + 1].upper()
        f[d:d] = [os.urandom(rng.randrange(1, 64))]
    return f


class Mutants(unittest.TestCase):
    def test_mutated_messages(self):
        k = Kernel()
        try:
            c = k.client()
            execute(c, "hits = 0")
            session = k.session()
            ctx = zmq.Context()
            shell = k.dealer(ctx, "shell")
            control = k.dealer(ctx, "control")
            self.addCleanup(ctx.term)
            self.addCleanup(shell.close)
            self.addCleanup(control.close)
            rng = random.Random(6)
            for i in range(MUTANTS):
                msg = session.msg("execute_request", {"code": CODE, "silent": False})
                frames = session.serialize(msg)
                bad = mutate(rng, frames, session)
                sock = control if i % 10 == 0 else shell
                if not bad:
                    continue
                sock.send_multipart(bad)
            # then one valid request on each: its reply must be the first one
            for sock in (shell, control):
                msg = session.msg("kernel_info_request", {})
                session.send(sock, msg)
                got = session.deserialize(session.feed_identities(sock.recv_multipart())[1])
                self.assertEqual(got["msg_type"], "kernel_info_reply")
                self.assertEqual(got["parent_header"]["msg_id"], msg["header"]["msg_id"])
                self.assertFalse(sock.poll(100), "a reply to a mutant arrived")
            self.assertEqual(value(c, "hits"), "0")
            self.assertIn("dropped message", k.log())
        finally:
            k.close()

    def test_replay_refused(self):
        k = Kernel()
        try:
            c = k.client()
            execute(c, "hits = 0")
            session = k.session()
            ctx = zmq.Context()
            shell = k.dealer(ctx, "shell")
            frames = session.serialize(session.msg("execute_request", {"code": CODE}))
            shell.send_multipart(frames)
            _, reply = session.feed_identities(shell.recv_multipart())
            self.assertEqual(session.deserialize(reply)["content"]["status"], "ok")
            for _ in range(3):
                shell.send_multipart(frames)  # the same bytes again
            session.send(shell, session.msg("kernel_info_request", {}))
            _, reply = session.feed_identities(shell.recv_multipart())
            self.assertEqual(session.deserialize(reply)["msg_type"], "kernel_info_reply")
            self.assertEqual(value(c, "hits"), "1")
            self.assertIn("duplicate", k.log().lower())
            shell.close()
            ctx.term()
        finally:
            k.close()


class OwnConnectionFile(unittest.TestCase):
    def start(self, runtime):
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=runtime)
        p = subprocess.Popen([MINIPY, "kernel"], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        deadline = time.monotonic() + TIMEOUT
        while not glob.glob(os.path.join(runtime, "kernel-minipy-%d.json" % p.pid)):
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.05)
        time.sleep(0.1)  # the file is complete once the kernel logged it
        return p, glob.glob(os.path.join(runtime, "kernel-minipy-%d.json" % p.pid))[0]

    def test_local_only_random_key_0600(self):
        keys = []
        for _ in range(2):
            with tempfile.TemporaryDirectory() as runtime:
                p, path = self.start(runtime)
                try:
                    self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
                    with open(path) as f:
                        info = json.load(f)
                    self.assertEqual(info["ip"], "127.0.0.1")
                    self.assertGreaterEqual(len(info["key"]), 32)
                    keys.append(info["key"])
                    ss = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True).stdout
                    mine = [l for l in ss.splitlines() if "pid=%d," % p.pid in l]
                    self.assertEqual(len(mine), 5, ss)
                    for line in mine:
                        self.assertIn("127.0.0.1:", line.split()[3])
                finally:
                    p.send_signal(signal.SIGTERM)
                    self.assertEqual(p.wait(timeout=TIMEOUT), 0)
                    p.stderr.close()
        self.assertNotEqual(keys[0], keys[1])

    def test_empty_key_warns(self):
        k = Kernel(key="")
        try:
            c = k.client()
            self.assertEqual(value(c, "6 * 7"), "42")
            self.assertIn("not signed", k.log())
        finally:
            k.close()


if __name__ == "__main__":
    unittest.main()
