"""
tests/reliability/harness.py - starts a minipy kernel as a child process (so the
tests can signal it, read its RSS and pass --max-memory) and talks to it with
jupyter_client's blocking client or raw pyzmq sockets.

MINIPY names the executable (meson sets it). Every wait has a generous timeout
(TIMEOUT) so a hang fails the test; the only time bounds asserted are the ones
the reliability issue states (interrupted within 200 ms, exit within 1 s).
"""
import json
import os
import signal
import socket
import subprocess
import tempfile
import time

import zmq
from jupyter_client import BlockingKernelClient
from jupyter_client.session import Session

TIMEOUT = 60.0  # a hang, not a measurement
MINIPY = os.environ.get("MINIPY", "minipy")


def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS for %d" % pid)


def cpu_seconds(pid):
    """User plus system CPU time the process has used so far."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Kernel:
    """One kernel process with a connection file of its own."""

    def __init__(self, *extra_args, key=None):
        self.dir = tempfile.TemporaryDirectory(prefix="minipy-rel-")
        ports = free_ports(5)
        self.info = {
            "transport": "tcp", "ip": "127.0.0.1",
            "shell_port": ports[0], "iopub_port": ports[1], "stdin_port": ports[2],
            "control_port": ports[3], "hb_port": ports[4],
            "key": os.urandom(16).hex() if key is None else key,
            "signature_scheme": "hmac-sha256", "kernel_name": "minipy",
        }
        self.path = os.path.join(self.dir.name, "kernel.json")
        with open(self.path, "w") as f:
            json.dump(self.info, f)
        self.stderr_path = os.path.join(self.dir.name, "stderr.txt")
        self.stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen([MINIPY, "kernel", "-f", self.path, *extra_args],
                                     stdout=subprocess.DEVNULL, stderr=self.stderr)
        self.clients = []

    @property
    def pid(self):
        return self.proc.pid

    def client(self):
        c = BlockingKernelClient(connection_file=self.path)
        c.load_connection_file()
        c.start_channels()
        c.wait_for_ready(timeout=TIMEOUT)
        self.clients.append(c)
        return c

    def session(self):
        return Session(key=self.info["key"].encode(), signature_scheme="hmac-sha256")

    def url(self, channel):
        return "tcp://127.0.0.1:%d" % self.info[channel + "_port"]

    def dealer(self, ctx, channel):
        """A raw DEALER socket of ctx connected to channel, closed without lingering."""
        s = ctx.socket(zmq.DEALER)
        s.linger = 0
        s.connect(self.url(channel))
        return s

    def log(self):
        self.stderr.flush()
        with open(self.stderr_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def threads(self):
        return len(os.listdir("/proc/%d/task" % self.pid))

    def wait_exit(self, timeout=TIMEOUT):
        return self.proc.wait(timeout=timeout)

    def close(self):
        for c in self.clients:
            c.stop_channels()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self.stderr.close()
        self.dir.cleanup()


def execute(client, code, timeout=TIMEOUT, **kw):
    """Runs code; returns (reply content, stream text, error content or None)."""
    msg_id = client.execute(code, **kw)
    return collect(client, msg_id, timeout)


def collect(client, msg_id, timeout=TIMEOUT):
    reply = client.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = client.get_shell_msg(timeout=timeout)
    out, error = [], None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        m = client.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        t = m["msg_type"]
        if t == "stream":
            out.append(m["content"]["text"])
        elif t in ("execute_result",):
            out.append(m["content"]["data"].get("text/plain", "") + "\n")
        elif t == "error":
            error = m["content"]
        elif t == "status" and m["content"]["execution_state"] == "idle":
            break
    return reply["content"], "".join(out), error


def value(client, expr):
    """The repr of expr in the kernel, through a cell's result."""
    content, out, error = execute(client, expr)
    assert content["status"] == "ok", (content, error)
    return out.strip()
