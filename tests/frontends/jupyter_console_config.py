"""
tests/frontends/jupyter_console_config.py - makes Ctrl-C reach the kernel in
Debian 12's jupyter console 6.4.4.

The console relays SIGINT to the kernel from a handler it installs once, but
prompt_toolkit 3 replaces every SIGINT handler with Python's default when its
first prompt ends, so Ctrl-C during a cell only prints "KeyboardInterrupt escaped
interact()" and the kernel keeps running, with any kernel (jupyter_console
issue 296, pull request 295). This puts the console's relay back for the time a
cell runs. Copy it into your Jupyter config folder (`jupyter --config-dir`) to
get the same behaviour.
"""
import signal

from jupyter_console import ptshell

_run_cell = ptshell.ZMQTerminalInteractiveShell.run_cell


def run_cell(self, cell, store_history=True):
    previous = signal.signal(signal.SIGINT, self.parent.handle_sigint)
    try:
        return _run_cell(self, cell, store_history)
    finally:
        signal.signal(signal.SIGINT, previous)


ptshell.ZMQTerminalInteractiveShell.run_cell = run_cell
