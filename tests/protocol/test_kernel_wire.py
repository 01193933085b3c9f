"""
tests/protocol/test_kernel_wire.py - the minipy kernel on the raw wire: signatures,
malformed frames, interrupts, heartbeat, shutdown and restart, several clients,
stdin, stop_on_error, execution counts, user_expressions and stream coalescing.

Each test class starts its own kernel from the installed kernelspec (found through
JUPYTER_PATH) with a connection file written here, talks to it with plain pyzmq
sockets and a hand-written signer, and checks at the end that the kernel exited
with status 0 (under ASan a leak or an error would change it). "No reply" is
proved by order, not by waiting: shell requests are served one at a time, so a
reply to a dropped message would arrive before the reply to the next valid one.
"""
import datetime
import hashlib
import hmac
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import unittest
import uuid

import zmq
from zmq.utils.monitor import recv_monitor_message
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

DELIM = b"<IDS|MSG>"
TIMEOUT = 60.0  # seconds; generous for the ASan build, never a measured figure


class WireClient:
    """One frontend: DEALER sockets on shell, control and stdin sharing one
    identity, a SUB on iopub and a REQ on the heartbeat."""

    def __init__(self, ctx, info):
        self.key = info["key"].encode()
        self.session = uuid.uuid4().hex
        self.sent = {}  # msg_id: header of the valid requests sent with send()
        self.seen = set()  # msg_ids received: never twice (W9)
        url = "tcp://%s:" % info["ip"]
        self.sockets = {}
        for name, kind in (("shell", zmq.DEALER), ("control", zmq.DEALER),
                           ("stdin", zmq.DEALER), ("iopub", zmq.SUB), ("hb", zmq.REQ)):
            s = ctx.socket(kind)
            s.linger = 0
            if kind == zmq.DEALER:
                s.identity = self.session.encode()
            if kind == zmq.SUB:
                s.setsockopt(zmq.SUBSCRIBE, b"")
            if name == "stdin":
                # The kernel's ROUTER silently drops an input_request to an
                # identity not yet connected there: wait_ready() waits for this.
                self.stdin_monitor = s.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
            s.connect(url + str(info[name + "_port"]))
            self.sockets[name] = s

    def close(self):
        self.sockets["stdin"].disable_monitor()
        self.stdin_monitor.close()
        for s in self.sockets.values():
            s.close()

    # ---- building and signing ----

    def sign(self, parts):
        return hmac.new(self.key, b"".join(parts), hashlib.sha256).hexdigest().encode()

    def header(self, msg_type):
        return {"msg_id": uuid.uuid4().hex, "session": self.session, "username": "test",
                "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                "msg_type": msg_type, "version": "5.3"}

    def frames(self, msg_type, content=None, header=None, parent=None):
        """[delimiter, signature, header, parent, metadata, content], signed."""
        header = header or self.header(msg_type)
        parts = [json.dumps(p).encode() for p in (header, parent or {}, {}, content or {})]
        return [DELIM, self.sign(parts)] + parts, header["msg_id"]

    def send(self, channel, msg_type, content=None, parent=None):
        frames, msg_id = self.frames(msg_type, content, parent=parent)
        self.sockets[channel].send_multipart(frames)
        self.sent[msg_id] = json.loads(frames[2])
        return msg_id

    def execute(self, code, channel="shell", **options):
        content = {"code": code, "silent": False, "store_history": True,
                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
        content.update(options)
        return self.send(channel, "execute_request", content)

    # ---- receiving ----

    def recv(self, channel, timeout=TIMEOUT):
        """The next message on channel, signature checked, as a dict; raises
        TimeoutError when none arrives in time."""
        s = self.sockets[channel]
        if not s.poll(int(timeout * 1000)):
            raise TimeoutError("no message on %s within %s s" % (channel, timeout))
        frames = s.recv_multipart()
        d = frames.index(DELIM)
        sig, parts = frames[d + 1], frames[d + 2:d + 6]
        if sig != self.sign(parts):
            raise AssertionError("kernel sent a bad signature on %s" % channel)
        header, parent, metadata, content = (json.loads(p) for p in parts)
        check_header(header)
        if header["msg_id"] in self.seen:
            raise AssertionError("msg_id %s sent twice" % header["msg_id"])
        self.seen.add(header["msg_id"])
        if not (isinstance(parent, dict) and isinstance(metadata, dict) and
                isinstance(content, dict)):
            raise AssertionError("parent_header, metadata and content must be objects")
        return {"ids": frames[:d], "header": header, "parent_header": parent,
                "metadata": metadata, "content": content,
                "msg_type": header["msg_type"]}

    def reply(self, msg_id, channel="shell"):
        msg = self.recv(channel)
        if msg["parent_header"].get("msg_id") != msg_id:
            raise AssertionError("reply to %r, expected one to %s" %
                                 (msg["parent_header"].get("msg_type"), msg_id))
        if msg_id in self.sent and msg["parent_header"] != self.sent[msg_id]:
            raise AssertionError("parent_header is not the request's header")
        return msg

    def iopub_until_idle(self, msg_id):
        """Every IOPub message caused by request msg_id, busy to idle inclusive.
        Messages with another parent (an earlier request's tail) are skipped."""
        out = []
        while True:
            msg = self.recv("iopub")
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            out.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return out

    def run(self, code, **options):
        """Executes code and returns (reply, IOPub messages busy..idle)."""
        msg_id = self.execute(code, **options)
        reply = self.reply(msg_id)
        return reply, self.iopub_until_idle(msg_id)

    def stdout(self, code, **options):
        reply, msgs = self.run(code, **options)
        return reply, "".join(m["content"]["text"] for m in msgs
                              if m["msg_type"] == "stream" and
                              m["content"]["name"] == "stdout")

    def wait_ready(self):
        """Sends kernel_info_request until IOPub is live, as wait_for_ready does
        (a PUB socket drops what it sends before the subscription arrives), then
        waits until stdin is connected too."""
        deadline = time.monotonic() + TIMEOUT
        while not self.iopub_live():
            if time.monotonic() > deadline:
                raise TimeoutError("IOPub never became live")
        if not self.stdin_monitor.poll(int(TIMEOUT * 1000)):
            raise TimeoutError("stdin never connected")
        recv_monitor_message(self.stdin_monitor)

    def iopub_live(self):
        msg_id = self.send("shell", "kernel_info_request")
        self.reply(msg_id)
        try:
            while self.recv("iopub", timeout=0.5)["parent_header"].get("msg_id") != msg_id:
                pass
        except TimeoutError:
            return False
        self.iopub_until_idle(msg_id)
        return True


# jupyter_client's date pattern, with the zone it needs to avoid a warning.
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$")


def check_header(header):
    """The six header keys of protocol 5.x, a zoned date (H1-H5)."""
    for key in ("msg_id", "session", "username", "date", "msg_type", "version"):
        if not isinstance(header.get(key), str):
            raise AssertionError("header %s missing or not a str: %r" % (key, header))
    if not DATE.match(header["date"]):
        raise AssertionError("header date %r" % header["date"])
    if not re.match(r"^5\.[2-9]$", header["version"]):
        raise AssertionError("header version %r" % header["version"])


def kernel_argv(connection_file):
    spec = KernelSpecManager().get_kernel_spec("minipy")
    return [a.replace("{connection_file}", connection_file) for a in spec.argv]


class KernelProcess:
    """A kernel launched directly from the kernelspec, its stderr kept in a file."""

    def __init__(self, connection_file=None):
        self.dir = tempfile.TemporaryDirectory(prefix="minipy-wire-")
        self.connection_file = connection_file
        if connection_file is None:
            self.connection_file, _ = write_connection_file(
                os.path.join(self.dir.name, "kernel.json"), key=uuid.uuid4().hex.encode())
        with open(self.connection_file) as f:
            self.info = json.load(f)
        self.stderr_path = os.path.join(self.dir.name, "stderr.txt")
        self.start()

    def start(self):
        with open(self.stderr_path, "ab") as err:
            self.proc = subprocess.Popen(kernel_argv(self.connection_file),
                                         stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=err)

    def stderr(self):
        with open(self.stderr_path, errors="replace") as f:
            return f.read()

    def wait(self):
        try:
            return self.proc.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.dir.cleanup()


class KernelTestCase(unittest.TestCase):
    """One kernel for the class, one client per test (kernel state persists)."""

    @classmethod
    def setUpClass(cls):
        cls.ctx = zmq.Context()
        cls.kernel = KernelProcess()
        cls.client = WireClient(cls.ctx, cls.kernel.info)
        cls.client.wait_ready()

    @classmethod
    def tearDownClass(cls):
        try:
            if cls.kernel.proc.poll() is None:
                msg_id = cls.client.send("control", "shutdown_request", {"restart": False})
                cls.client.reply(msg_id, "control")
            status = cls.kernel.wait()
            if status != 0:
                raise AssertionError("kernel exited with %d; stderr:\n%s" %
                                     (status, cls.kernel.stderr()))
        finally:
            cls.client.close()
            cls.kernel.close()
            cls.ctx.term()

    def assert_alive(self):
        """The kernel still answers: kernel_info is the next reply on shell."""
        c = self.client
        msg_id = c.send("shell", "kernel_info_request")
        reply = c.reply(msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        c.iopub_until_idle(msg_id)

    def assert_next_reply_is_for(self, msg_id):
        """The next shell reply and the next IOPub message both belong to msg_id:
        nothing was sent for anything in between. (Status messages of earlier
        control requests may still be on their way: skipped.)"""
        c = self.client
        reply = c.recv("shell")
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        first = c.recv("iopub")
        while first["parent_header"].get("msg_id") in c.sent.keys() - {msg_id}:
            first = c.recv("iopub")
        self.assertEqual(first["parent_header"].get("msg_id"), msg_id)
        self.assertEqual(first["content"], {"execution_state": "busy"})
        c.iopub_until_idle(msg_id)
        return reply


class SignatureTests(KernelTestCase):
    """Bad, missing and replayed signatures: dropped with a log line, nothing runs."""

    def send_then_probe(self, frames, marker):
        """Sends raw frames that run `marker = 1` if accepted, then a valid probe;
        the probe's reply must come first and show marker undefined."""
        c = self.client
        c.sockets["shell"].send_multipart(frames)
        probe = c.execute("print(%r in globals())" % marker)
        reply = self.assert_next_reply_is_for(probe)
        self.assertEqual(reply["content"]["status"], "ok")
        _, out = c.stdout("print(%r in globals())" % marker)
        self.assertEqual(out, "False\n")

    def test_bad_signature(self):
        frames, _ = self.client.frames("execute_request", {"code": "bad_sig = 1"})
        frames[1] = b"0" * 64
        self.send_then_probe(frames, "bad_sig")
        self.assertIn("Invalid Signature", self.kernel.stderr())

    def test_signature_of_other_content(self):
        frames, _ = self.client.frames("execute_request", {"code": "x = 1"})
        frames[5] = json.dumps({"code": "tampered = 1"}).encode()
        self.send_then_probe(frames, "tampered")

    def test_missing_signature(self):
        frames, _ = self.client.frames("execute_request", {"code": "unsigned = 1"})
        frames[1] = b""
        self.send_then_probe(frames, "unsigned")
        self.assertIn("Unsigned Message", self.kernel.stderr())

    def test_replayed_message(self):
        c = self.client
        c.stdout("replays = 0")
        frames, msg_id = c.frames("execute_request", {"code": "replays = replays + 1"})
        c.sockets["shell"].send_multipart(frames)
        self.assertEqual(c.reply(msg_id)["content"]["status"], "ok")
        c.iopub_until_idle(msg_id)
        c.sockets["shell"].send_multipart(frames)  # the same bytes again
        probe = c.execute("print(replays)")
        self.assert_next_reply_is_for(probe)
        _, out = c.stdout("print(replays)")
        self.assertEqual(out, "1\n")
        self.assertIn("Duplicate Signature", self.kernel.stderr())

    def test_bad_signature_on_control(self):
        c = self.client
        frames, _ = c.frames("shutdown_request", {"restart": False})
        frames[1] = b"f" * 64
        c.sockets["control"].send_multipart(frames)
        msg_id = c.send("control", "kernel_info_request")
        self.assertEqual(c.reply(msg_id, "control")["msg_type"], "kernel_info_reply")
        self.assert_alive()


class MalformedTests(KernelTestCase):
    """Frames that are not a Jupyter message: logged and dropped."""

    def check_dropped(self, frames, log):
        c = self.client
        c.sockets["shell"].send_multipart(frames)
        probe = c.send("shell", "kernel_info_request")
        self.assert_next_reply_is_for(probe)
        self.assertIn(log, self.kernel.stderr())

    def signed(self, header, content=b"{}"):
        parts = [header, b"{}", b"{}", content]
        return [DELIM, self.client.sign(parts)] + parts

    def test_missing_delimiter(self):
        frames, _ = self.client.frames("kernel_info_request")
        self.check_dropped(frames[1:], "missing <IDS|MSG> delimiter")

    def test_too_few_frames(self):
        frames, _ = self.client.frames("kernel_info_request")
        self.check_dropped(frames[:4], "expected at least 5")

    def test_only_delimiter(self):
        self.check_dropped([DELIM], "expected at least 5")

    def test_invalid_json(self):
        self.check_dropped(self.signed(b'{"msg_type": "kernel_info_request"'),
                           "invalid JSON in header")

    def test_header_not_object(self):
        self.check_dropped(self.signed(b'["kernel_info_request"]'),
                           "header is not a JSON object")

    def test_content_not_object(self):
        header = json.dumps(self.client.header("execute_request")).encode()
        self.check_dropped(self.signed(header, b'"code"'), "invalid JSON in content")

    def test_invalid_utf8(self):
        header = json.dumps(self.client.header("execute_request")).encode()
        self.check_dropped(self.signed(header, b'{"code": "\xff"}'), "invalid JSON in content")

    def test_fields_of_wrong_type(self):
        """Every field of every request with values of the wrong type or range:
        each request still gets its reply, in order (and, under the sanitizers,
        without a report: UBSan stops the kernel)."""
        c = self.client
        values = [None, -1, 2**40, -2**40, "x", 1.5, [], {}, True, "", "é" * 3]
        requests = {
            "complete_request": {"code": "pri", "cursor_pos": 3},
            "inspect_request": {"code": "len", "cursor_pos": 3, "detail_level": 0},
            "is_complete_request": {"code": "x"},
            "comm_info_request": {"target_name": "t"},
            "execute_request": {"code": "1", "silent": False, "store_history": True,
                                "user_expressions": {}, "allow_stdin": False,
                                "stop_on_error": False},
        }
        for access in ("tail", "range", "search"):
            requests["history_request:" + access] = {
                "hist_access_type": access, "output": False, "raw": True, "n": 3,
                "session": 1, "start": 1, "stop": 3, "pattern": "*", "unique": False}
        for name, base in requests.items():
            msg_type = name.split(":")[0]
            for field in base:
                for value in values:
                    content = dict(base, **{field: value})
                    msg_id = c.send("shell", msg_type, content)
                    reply = c.reply(msg_id)
                    allowed = (("complete", "incomplete", "invalid", "unknown")
                               if msg_type == "is_complete_request" else ("ok", "error"))
                    self.assertIn(reply["content"]["status"], allowed, (msg_type, content))
                    c.iopub_until_idle(msg_id)

    def test_unknown_msg_type(self):
        c = self.client
        msg_id = c.send("shell", "frobnicate_request", {"x": 1})
        probe = c.send("shell", "kernel_info_request")
        # Busy and idle for the unknown request, but no reply on shell.
        msgs = c.iopub_until_idle(msg_id)
        self.assertEqual([m["content"]["execution_state"] for m in msgs], ["busy", "idle"])
        self.assertEqual(c.reply(probe)["msg_type"], "kernel_info_reply")
        c.iopub_until_idle(probe)
        self.assertIn("unknown msg_type 'frobnicate_request'", self.kernel.stderr())
        self.assert_alive()

    def test_unknown_msg_type_on_control(self):
        c = self.client
        c.send("control", "frobnicate_request")
        info = c.send("control", "kernel_info_request")
        self.assertEqual(c.reply(info, "control")["msg_type"], "kernel_info_reply")
        self.assertIn("'frobnicate_request' not served on control", self.kernel.stderr())
        self.assert_alive()


class InterruptTests(KernelTestCase):
    """`while True: pass` stopped by interrupt_request and by SIGINT; globals survive."""

    def interrupt_loop(self, interrupt):
        c = self.client
        msg_id = c.execute("survivor = 41\nwhile True:\n    pass")
        # Wait until the cell runs (execute_input), then interrupt it.
        while c.recv("iopub")["msg_type"] != "execute_input":
            pass
        interrupt()
        reply = c.reply(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        errors = [m for m in c.iopub_until_idle(msg_id) if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        _, out = c.stdout("print(survivor + 1)")
        self.assertEqual(out, "42\n")

    def test_interrupt_request(self):
        c = self.client

        def interrupt():
            msg_id = c.send("control", "interrupt_request")
            self.assertEqual(c.reply(msg_id, "control")["content"]["status"], "ok")

        self.interrupt_loop(interrupt)

    def test_sigint(self):
        self.interrupt_loop(lambda: self.kernel.proc.send_signal(signal.SIGINT))

    def test_sigint_while_idle(self):
        self.kernel.proc.send_signal(signal.SIGINT)
        self.assert_alive()
        _, out = self.client.stdout("print('still here')")
        self.assertEqual(out, "still here\n")

    def test_interrupt_input(self):
        c = self.client
        msg_id = c.execute("input('? ')", allow_stdin=True)
        self.assertEqual(c.recv("stdin")["msg_type"], "input_request")
        c.send("control", "interrupt_request")
        c.recv("control")
        reply = c.reply(msg_id)
        self.assertEqual(reply["content"]["ename"], "KeyboardInterrupt")
        c.iopub_until_idle(msg_id)


    def test_interrupt_sleep(self):
        c = self.client
        msg_id = c.execute("import time\ntime.sleep(600)\nwoke = 1")
        while c.recv("iopub")["msg_type"] != "execute_input":
            pass
        self.kernel.proc.send_signal(signal.SIGINT)
        self.assertEqual(c.reply(msg_id)["content"]["ename"], "KeyboardInterrupt")
        c.iopub_until_idle(msg_id)
        _, out = c.stdout("print('woke' in globals())")
        self.assertEqual(out, "False\n")

    def test_sigint_during_input(self):
        c = self.client
        msg_id = c.execute("input('? ')", allow_stdin=True)
        self.assertEqual(c.recv("stdin")["msg_type"], "input_request")
        self.kernel.proc.send_signal(signal.SIGINT)
        self.assertEqual(c.reply(msg_id)["content"]["ename"], "KeyboardInterrupt")
        c.iopub_until_idle(msg_id)


class HeartbeatTests(KernelTestCase):
    def test_heartbeat_during_long_cell(self):
        c = self.client
        msg_id = c.execute("import time\ntime.sleep(5)\nprint('slept')")
        while c.recv("iopub")["msg_type"] != "execute_input":
            pass
        for i in range(3):
            ping = b"ping %d" % i
            c.sockets["hb"].send(ping)
            self.assertTrue(c.sockets["hb"].poll(int(TIMEOUT * 1000)))
            self.assertEqual(c.sockets["hb"].recv(), ping)
            # Answered while the cell still runs: no execute_reply yet.
            self.assertEqual(c.sockets["shell"].poll(0), 0)
        reply = c.reply(msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        c.iopub_until_idle(msg_id)

    def test_control_during_long_cell(self):
        c = self.client
        msg_id = c.execute("print('early')\nimport time\ntime.sleep(3)")
        # Output printed early is published while the cell still sleeps.
        while c.recv("iopub")["msg_type"] != "stream":
            pass
        self.assertEqual(c.sockets["shell"].poll(0), 0)
        info = c.send("control", "kernel_info_request")
        self.assertEqual(c.reply(info, "control")["content"]["status"], "ok")
        self.assertEqual(c.sockets["shell"].poll(0), 0)
        self.assertEqual(c.reply(msg_id)["content"]["status"], "ok")
        c.iopub_until_idle(msg_id)


class ExecuteTests(KernelTestCase):
    def test_two_clients_share_iopub(self):
        other = WireClient(self.ctx, self.kernel.info)
        try:
            other.wait_ready()
            for sender, watcher in ((self.client, other), (other, self.client)):
                text = "from %s\n" % sender.session
                msg_id = sender.execute("print(%r, end='')" % text)
                self.assertEqual(sender.reply(msg_id)["content"]["status"], "ok")
                for client in (sender, watcher):
                    streams = [m["content"]["text"] for m in client.iopub_until_idle(msg_id)
                               if m["msg_type"] == "stream"]
                    self.assertEqual(streams, [text])
                # Replies go to the sender only.
                self.assertEqual(watcher.sockets["shell"].poll(0), 0)
        finally:
            other.close()

    def test_input_with_stdin(self):
        c = self.client
        msg_id = c.execute("name = input('Your name: ')\nprint('hi ' + name)",
                           allow_stdin=True)
        req = c.recv("stdin")
        self.assertEqual(req["msg_type"], "input_request")
        self.assertEqual(req["content"]["prompt"], "Your name: ")
        self.assertFalse(req["content"]["password"])
        self.assertEqual(req["parent_header"]["msg_id"], msg_id)
        c.send("stdin", "input_reply", {"value": "Ada"}, parent=req["header"])
        reply = c.reply(msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        out = "".join(m["content"]["text"] for m in c.iopub_until_idle(msg_id)
                      if m["msg_type"] == "stream")
        self.assertEqual(out, "hi Ada\n")

    def test_input_eof(self):
        c = self.client
        msg_id = c.execute("input()", allow_stdin=True)
        req = c.recv("stdin")
        c.send("stdin", "input_reply", {"value": "\x04"}, parent=req["header"])
        self.assertEqual(c.reply(msg_id)["content"]["ename"], "EOFError")
        c.iopub_until_idle(msg_id)

    def test_input_without_stdin(self):
        c = self.client
        reply, msgs = c.run("asked = input('x')", allow_stdin=False)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("does not support input requests", reply["content"]["evalue"])
        self.assertEqual(c.sockets["stdin"].poll(0), 0)
        self.assertEqual([m["msg_type"] for m in msgs if m["msg_type"] == "error"], ["error"])

    def test_stop_on_error_aborts_queue(self):
        c = self.client
        first = c.execute("import time\ntime.sleep(1)\nraise ValueError('stop')")
        queued = [c.execute("aborted_%d = 1" % i) for i in range(2)]
        info = c.send("shell", "kernel_info_request")
        statuses = {}
        for _ in range(4):
            msg = c.recv("shell")
            statuses[msg["parent_header"]["msg_id"]] = msg["content"]["status"]
        self.assertEqual(statuses, {first: "error", queued[0]: "aborted",
                                    queued[1]: "aborted", info: "ok"})
        _, out = c.stdout("print('aborted_0' in globals(), 'aborted_1' in globals())")
        self.assertEqual(out, "False False\n")

    def test_stop_on_error_false(self):
        c = self.client
        first = c.execute("raise ValueError('go on')", stop_on_error=False)
        second = c.execute("went_on = 1")
        self.assertEqual(c.reply(first)["content"]["status"], "error")
        self.assertEqual(c.reply(second)["content"]["status"], "ok")
        c.iopub_until_idle(second)
        _, out = c.stdout("print(went_on)")
        self.assertEqual(out, "1\n")

    def test_execution_count(self):
        c = self.client
        reply, _ = c.run("1")
        n = reply["content"]["execution_count"]
        # store_history false: the counter stays, inputs show the next number.
        reply, msgs = c.run("2 + 2", store_history=False)
        self.assertEqual(reply["content"]["execution_count"], n)
        shown = {m["msg_type"]: m["content"]["execution_count"] for m in msgs
                 if m["msg_type"] in ("execute_input", "execute_result")}
        self.assertEqual(shown, {"execute_input": n + 1, "execute_result": n + 1})
        # silent: only busy and idle, the counter stays.
        reply, msgs = c.run("print('hidden')\n3", silent=True)
        self.assertEqual(reply["content"]["execution_count"], n)
        self.assertEqual([m["msg_type"] for m in msgs], ["status", "status"])
        # An error consumes a number.
        reply, _ = c.run("1/0")
        self.assertEqual(reply["content"]["execution_count"], n + 1)
        reply, msgs = c.run("4")
        self.assertEqual(reply["content"]["execution_count"], n + 2)
        results = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["execution_count"], n + 2)
        _, out = c.stdout("print(In[%d])" % (n + 2))
        self.assertEqual(out, "4\n")

    def test_user_expressions(self):
        c = self.client
        reply, _ = c.run("ue = 20", user_expressions={"a": "ue + 1", "b": "no_such_name",
                                                      "c": "[ue]"})
        ue = reply["content"]["user_expressions"]
        self.assertEqual(ue["a"], {"status": "ok", "data": {"text/plain": "21"},
                                   "metadata": {}})
        self.assertEqual(ue["c"]["data"], {"text/plain": "[20]"})
        self.assertEqual(ue["b"]["status"], "error")
        self.assertEqual(ue["b"]["ename"], "NameError")
        self.assertIsInstance(ue["b"]["traceback"], list)

    def test_many_lines_coalesced(self):
        c = self.client
        reply, msgs = c.run("for i in range(100000):\n    print(i)")
        self.assertEqual(reply["content"]["status"], "ok")
        streams = [m for m in msgs if m["msg_type"] == "stream"]
        self.assertLess(len(streams), 1000)
        text = "".join(m["content"]["text"] for m in streams)
        self.assertEqual(text, "".join("%d\n" % i for i in range(100000)))

    def test_output_order(self):
        c = self.client
        reply, msgs = c.run("print('a', end='')\nimport sys\nsys.stderr.write('b')\n"
                            "print('c')\n1/0")
        self.assertEqual(reply["content"]["ename"], "ZeroDivisionError")
        seen = [(m["msg_type"], m["content"].get("name"), m["content"].get("text"))
                for m in msgs if m["msg_type"] in ("stream", "error")]
        self.assertEqual(seen, [("stream", "stdout", "a"), ("stream", "stderr", "b"),
                                ("stream", "stdout", "c\n"), ("error", None, None)])

    def test_silent_error(self):
        c = self.client
        first = c.execute("raise ValueError('quiet')", silent=True)
        second = c.execute("after_silent = 1")
        reply = c.reply(first)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual([m["msg_type"] for m in c.iopub_until_idle(first)],
                         ["status", "status"])
        # A silent failure aborts nothing.
        self.assertEqual(c.reply(second)["content"]["status"], "ok")
        c.iopub_until_idle(second)

    def test_unicode_cursor(self):
        c = self.client
        c.run("é_var = 1")
        code = "é_var = 2\nprint(é_v"
        msg_id = c.send("shell", "complete_request", {"code": code, "cursor_pos": len(code)})
        reply = c.reply(msg_id)["content"]
        c.iopub_until_idle(msg_id)
        self.assertEqual(reply["matches"], ["é_var"])
        # Offsets in code points, not UTF-8 bytes.
        self.assertEqual(reply["cursor_start"], code.rindex("é_v"))
        self.assertEqual(reply["cursor_end"], len(code))

    def test_is_complete_indent(self):
        c = self.client
        for code, want in (("for i in x:", {"status": "incomplete", "indent": "    "}),
                           ("if a:\n    if b:", {"status": "incomplete", "indent": "        "}),
                           ("x = 1", {"status": "complete"}),
                           ("x = = 1", {"status": "invalid"})):
            msg_id = c.send("shell", "is_complete_request", {"code": code})
            self.assertEqual(c.reply(msg_id)["content"], want, code)
            c.iopub_until_idle(msg_id)

    def test_update_display(self):
        c = self.client
        reply, msgs = c.run("display('one', display_id='d1')\n"
                            "update_display('two', display_id='d1')")
        self.assertEqual(reply["content"]["status"], "ok")
        shown = [(m["msg_type"], m["content"]["data"]["text/plain"],
                  m["content"]["transient"]) for m in msgs
                 if m["msg_type"] in ("display_data", "update_display_data")]
        self.assertEqual(shown, [("display_data", "'one'", {"display_id": "d1"}),
                                 ("update_display_data", "'two'", {"display_id": "d1"})])

    def test_error_suggestion(self):
        """As CPython 3.11 prints an uncaught NameError: the traceback's last
        line offers a close name (a global of the notebook here); evalue is
        str(e), without it."""
        c = self.client
        c.run("running_total = 5")
        reply, msgs = c.run("print(runing_total)")
        self.assertEqual(reply["content"]["evalue"], "name 'runing_total' is not defined")
        errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
        self.assertEqual(errors[0]["evalue"], reply["content"]["evalue"])
        self.assertEqual(errors[0]["traceback"][-1].rstrip("\n"),
                         "NameError: name 'runing_total' is not defined."
                         " Did you mean: 'running_total'?")

    def test_error_carets(self):
        """Each traceback entry marks the failing operation of its source line
        as CPython 3.11 does: '^' under a call, '~' and '^' for a subscript."""
        c = self.client
        c.run("def pick(xs, i):\n    return xs[i] + 1")
        reply, msgs = c.run("total = 2 * pick([1, 2], 5)")
        self.assertEqual(reply["content"]["ename"], "IndexError")
        tb = [m["content"] for m in msgs if m["msg_type"] == "error"][0]["traceback"]
        self.assertEqual(tb[1].split("\n")[1:],
                         ["    total = 2 * pick([1, 2], 5)", "                ^^^^^^^^^^^^^^^"])
        self.assertEqual(tb[2].split("\n")[1:], ["    return xs[i] + 1", "           ~~^^^"])

    def test_lone_surrogates(self):
        """Text that is not valid UTF-8 (a str holding a lone surrogate) reaches
        the client with U+FFFD in its place, never a lost message (W10)."""
        c = self.client
        reply, msgs = c.run("raise ValueError('x' + chr(0xd800))")
        self.assertEqual(reply["content"]["ename"], "ValueError")
        self.assertTrue(reply["content"]["evalue"].startswith("x\ufffd"))
        errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0]["evalue"], reply["content"]["evalue"])
        reply, msgs = c.run("class S:\n    def _repr_html_(self):\n"
                            "        return '<i>' + chr(0xdc00)\nS()")
        self.assertEqual(reply["content"]["status"], "ok")
        result = [m["content"]["data"] for m in msgs if m["msg_type"] == "execute_result"]
        self.assertTrue(result[0]["text/html"].startswith("<i>\ufffd"))
        msg_id = c.execute("print(input('p' + chr(0xd800)))", allow_stdin=True)
        req = c.recv("stdin")
        self.assertTrue(req["content"]["prompt"].startswith("p\ufffd"))
        c.send("stdin", "input_reply", {"value": "v"}, parent=req["header"])
        self.assertEqual(c.reply(msg_id)["content"]["status"], "ok")
        c.iopub_until_idle(msg_id)

    def test_empty_silent(self):
        c = self.client
        reply, msgs = c.run("", silent=True)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIsInstance(reply["content"]["execution_count"], int)
        self.assertEqual(len(msgs), 2)

    def test_comm_info_and_unknown_comm(self):
        c = self.client
        msg_id = c.send("shell", "comm_info_request", {"target_name": "jupyter.widget"})
        self.assertEqual(c.reply(msg_id)["content"], {"status": "ok", "comms": {}})
        c.iopub_until_idle(msg_id)
        msg_id = c.send("shell", "comm_open", {"comm_id": "c1", "target_name": "nope",
                                                "data": {}})
        msgs = c.iopub_until_idle(msg_id)
        closes = [m["content"] for m in msgs if m["msg_type"] == "comm_close"]
        self.assertEqual(closes, [{"comm_id": "c1", "data": {}}])


class ShutdownTests(unittest.TestCase):
    def test_shutdown_exits(self):
        ctx = zmq.Context()
        kernel = KernelProcess()
        client = WireClient(ctx, kernel.info)
        try:
            client.wait_ready()
            msg_id = client.send("control", "shutdown_request", {"restart": False})
            reply = client.reply(msg_id, "control")
            self.assertEqual(reply["content"], {"status": "ok", "restart": False})
            self.assertEqual(kernel.wait(), 0, kernel.stderr())
        finally:
            client.close()
            kernel.close()
            ctx.term()

    def test_shutdown_restart_reply(self):
        ctx = zmq.Context()
        kernel = KernelProcess()
        client = WireClient(ctx, kernel.info)
        try:
            client.wait_ready()
            msg_id = client.send("control", "shutdown_request", {"restart": True})
            reply = client.reply(msg_id, "control")
            self.assertEqual(reply["content"], {"status": "ok", "restart": True})
            # The kernel exits; relaunching is the manager's job. Its ports are
            # free again, so a new kernel binds the same connection file.
            self.assertEqual(kernel.wait(), 0, kernel.stderr())
            kernel.start()
            client.wait_ready()
            _, out = client.stdout("print('again')")
            self.assertEqual(out, "again\n")
            msg_id = client.send("control", "shutdown_request", {"restart": False})
            client.reply(msg_id, "control")
            self.assertEqual(kernel.wait(), 0, kernel.stderr())
        finally:
            client.close()
            kernel.close()
            ctx.term()

    def test_shutdown_during_cell(self):
        ctx = zmq.Context()
        kernel = KernelProcess()
        client = WireClient(ctx, kernel.info)
        try:
            client.wait_ready()
            client.execute("while True:\n    pass")
            while client.recv("iopub")["msg_type"] != "execute_input":
                pass
            msg_id = client.send("control", "shutdown_request", {"restart": False})
            self.assertEqual(client.reply(msg_id, "control")["content"]["status"], "ok")
            self.assertEqual(kernel.wait(), 0, kernel.stderr())
        finally:
            client.close()
            kernel.close()
            ctx.term()

    def test_restart_resets_state(self):
        km, kc = start_new_kernel(kernel_name="minipy")
        try:
            first = km.provisioner.process
            quiet = {"output_hook": lambda msg: None}
            reply = kc.execute_interactive("kept = 1\nkept", **quiet)
            self.assertEqual(reply["content"]["execution_count"], 1)
            session = reply["header"]["session"]
            km.restart_kernel(now=False)
            self.assertEqual(first.returncode, 0)
            kc.wait_for_ready(timeout=TIMEOUT)
            reply = kc.execute_interactive("kept", **quiet)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertEqual(reply["content"]["ename"], "NameError")
            self.assertEqual(reply["content"]["execution_count"], 1)
            self.assertNotEqual(reply["header"]["session"], session)
        finally:
            kc.stop_channels()
            proc = km.provisioner.process
            km.shutdown_kernel(now=False)
            self.assertEqual(proc.returncode, 0)


if __name__ == "__main__":
    unittest.main()
