"""
tests/frontends/test_console.py - Debian's jupyter console, typed at through tmux:
a cell and its output, a multi-line def (the continuation prompt and its indent
come from the kernel's is_complete replies), Ctrl-C on `while True: pass` and a
cell after it, then Ctrl-D, after which the kernel must be gone.

  /usr/bin/python3 tests/frontends/test_console.py MINIPY WORKDIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import frontends as fe

TIMEOUT = 60  # seconds for any one thing the console shows
ATTEMPTS = 3  # sessions, when the console itself breaks (see ConsoleBroke)


class ConsoleBroke(fe.TestFailure):
    """jupyter console 6.4.4 with jupyter_client 7.4 now and then breaks by
    itself, with any kernel: "Unhandled exception in event loop ... cannot
    enter context ... is already entered" (nest_asyncio's nested loops under
    prompt_toolkit, jupyter_client issue 927). Only that is tried again."""


class Console:
    """jupyter console in a detached tmux session on a socket of its own."""

    def __init__(self, work, env, procs):
        # A socket path must fit in 108 bytes, which a build folder may not.
        self.socket_dir = tempfile.mkdtemp(prefix="minipy-console-")
        self.socket = os.path.join(self.socket_dir, "tmux")
        self.tmux = ["tmux", "-S", self.socket, "-f", "/dev/null"]
        settings = []
        for key in ("JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR",
                    "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "JUPYTER_PLATFORM_DIRS"):
            settings += ["-e", f"{key}={env[key]}"]
        # The tmux server forks itself away; kill-server in close() ends it.
        procs.start(self.tmux + ["new-session", "-d", "-s", "console", "-x", "120",
                                 "-y", "50"] + settings +
                    ["/usr/bin/jupyter", "console", "--kernel", "minipy",
                     "--no-confirm-exit"], env=env).wait(timeout=30)

    def screen(self):
        r = subprocess.run(self.tmux + ["capture-pane", "-p", "-J", "-N", "-S", "-",
                                        "-t", "console"],
                           capture_output=True, text=True, timeout=10)
        return r.stdout if r.returncode == 0 else ""

    def keys(self, *keys, literal=False):
        argv = self.tmux + ["send-keys", "-t", "console"] + (["-l"] if literal else [])
        subprocess.run(argv + list(keys), check=True, timeout=10)

    def line(self, text):
        """Types text and, once the console shows it, presses Enter.

        As a person does: Enter makes the console ask the kernel is_complete in a
        nested event loop, and if prompt_toolkit's redraw of the typed text is
        still pending then, that loop runs it in a context that is already
        entered and the console breaks ("Unhandled exception in event loop",
        jupyter_client issue 927)."""
        self.keys(text, literal=True)
        self.expect(f"the console to echo {text!r}", re.escape(text) + r" *$")
        time.sleep(0.5)
        self.keys("Enter")

    def expect(self, what, pattern):
        """Waits until the screen matches pattern (a regex); returns the match."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            screen = self.screen()
            m = re.search(pattern, screen, re.M)
            if m:
                return m
            if "Unhandled exception in event loop" in screen:
                raise ConsoleBroke(f"jupyter console itself broke while waiting for "
                                   f"{what}:\n{screen}")
            if time.monotonic() > deadline:
                fe.fail(f"timed out after {TIMEOUT} s waiting for {what} "
                        f"(/{pattern}/); the console shows:\n{screen}")
            time.sleep(0.2)

    def alive(self):
        return subprocess.run(self.tmux + ["has-session", "-t", "console"],
                              capture_output=True, timeout=10).returncode == 0

    def close(self):
        subprocess.run(self.tmux + ["kill-server"], capture_output=True, timeout=10)
        shutil.rmtree(self.socket_dir, ignore_errors=True)


def main():
    minipy, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    fe.need_debs("jupyter-console", "tmux")
    shutil.rmtree(work, ignore_errors=True)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            session(minipy, os.path.join(work, f"session{attempt}"))
            return
        except ConsoleBroke as e:
            fe.log(f"session {attempt} of {ATTEMPTS}: {e}")
            if attempt == ATTEMPTS:
                raise


def session(minipy, work):
    shutil.rmtree(work, ignore_errors=True)
    env = fe.jupyter_env(work, minipy)
    shutil.copy(os.path.join(os.path.dirname(__file__), "jupyter_console_config.py"),
                env["JUPYTER_CONFIG_DIR"])
    with fe.Procs(env["JUPYTER_RUNTIME_DIR"]) as procs:
        console = Console(work, env, procs)
        try:
            drive(console, env)
        finally:
            fe.log("--- the console's screen at the end:\n" + console.screen())
            console.close()
    fe.check_sanitizer_logs(work)


def drive(console, env):
    console.expect("the banner and first prompt", r"^Minipy .*\n(.*\n)*In \[1\]: ")

    console.line("print(sum(range(10)) * 3)")
    console.expect("the output of cell 1 and the next prompt",
                   r"^In \[1\]: print.*\n135\n(.*\n)*In \[2\]: ")

    # is_complete says "incomplete" with indent "    " after the def line, so the
    # console continues with "   ...:" and indents the body itself; the empty
    # line (auto-indented, so spaces) closes the block.
    console.line("def twice(a):")
    console.expect("a continuation prompt", r"^   \.\.\.: *$")
    console.line("return a * 2")
    console.expect("the body at the kernel's indent", r"^   \.\.\.:     return a \* 2\n")
    console.keys("Enter")
    console.expect("the prompt after the def", r"^In \[3\]: ")
    console.line("twice(21)")
    console.expect("the def's result", r"^Out\[3\]: 42\n(.*\n)*In \[4\]: ")

    console.line("while True: pass")
    console.expect("the loop cell sent", r"^In \[4\]: while True: pass\n")
    time.sleep(2)  # let the kernel get into the loop
    console.keys("C-c")
    console.expect("KeyboardInterrupt from the kernel",
                   r"^In \[4\]: while True: pass\n(.*\n)*KeyboardInterrupt\b.*\n"
                   r"(.*\n)*In \[5\]: ")
    console.line('print("after", twice(5))')
    console.expect("the cell after the interrupt", r"^after 10\n(.*\n)*In \[6\]: ")

    console.keys("C-d")
    fe.wait_for("the console to exit on Ctrl-D", lambda: not console.alive(), TIMEOUT)
    fe.wait_for("the kernel to shut down with the console",
                lambda: not fe.pids_mentioning(env["JUPYTER_RUNTIME_DIR"]), TIMEOUT)


if __name__ == "__main__":
    fe.run_test(main)
