"""
tests/frontends/frontends.py - what the front-end tests share: their Debian and
npm packages, a Jupyter environment of their own in the build dir, and processes
that are always ended.

Every front end runs with JUPYTER_PATH, JUPYTER_CONFIG_DIR, JUPYTER_DATA_DIR and
JUPYTER_RUNTIME_DIR inside the test's work folder, so it finds this build's
kernelspec and nothing of the user's. Front ends start kernels in sessions of
their own; Procs finds them by their connection files, which live in that
runtime folder, and ends them too.
"""
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time


class TestFailure(Exception):
    """A check failed: the message says what was expected and what was seen."""


def log(*args):
    print(*args, flush=True)


def fail(message):
    raise TestFailure(message)


_work_dirs = []  # every jupyter_env() folder, for the sanitizer reports


def run_test(main):
    """Runs main() and exits 0, or 1 with the failure's message (and any
    sanitizer report, which often explains it)."""
    try:
        main()
    except TestFailure as e:
        for work in _work_dirs:
            try:
                check_sanitizer_logs(work)
            except TestFailure as report:
                log(str(report))
        log(f"FAIL: {e}")
        sys.exit(1)
    log("PASS")
    sys.exit(0)


# ==== Packages ====

def _installed(package):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                       capture_output=True, text=True)
    return r.returncode == 0 and "install ok installed" in r.stdout


def need_debs(*packages):
    """Installs the Debian packages that are missing, or fails saying which."""
    missing = [p for p in packages if not _installed(p)]
    if not missing:
        return
    log(f"installing Debian packages: {' '.join(missing)}")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    apt = sudo + ["apt-get", "-q", "-o", "DPkg::Lock::Timeout=600"]
    update = subprocess.run(apt + ["update"], env=env, capture_output=True, text=True,
                            timeout=900)
    install = subprocess.run(apt + ["install", "-y"] + missing, env=env,
                             capture_output=True, text=True, timeout=1800)
    still = [p for p in missing if not _installed(p)]
    if still:
        fail(f"cannot install Debian package(s) {' '.join(still)}: "
             f"apt-get update said {update.stderr.strip()[-400:]!r}; "
             f"apt-get install said {install.stderr.strip()[-800:]!r}")


def need_npm(prefix, spec, module):
    """Installs the npm package spec (e.g. "playwright-core@1.65.1") into prefix
    unless prefix/node_modules/module exists; returns that module folder."""
    path = os.path.join(prefix, "node_modules", module)
    if os.path.isdir(path):
        return path
    if not shutil.which("npm") or not shutil.which("node"):
        need_debs("nodejs", "npm")
    os.makedirs(prefix, exist_ok=True)
    log(f"installing npm package {spec} into {prefix}")
    r = subprocess.run(["npm", "install", "--prefix", prefix, "--no-audit", "--no-fund",
                        "--no-save", spec],
                       capture_output=True, text=True, timeout=900,
                       env=dict(os.environ, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1"))
    if r.returncode != 0 or not os.path.isdir(path):
        fail(f"cannot install npm package {spec}: {r.stderr.strip()[-800:]!r}")
    return path


# ==== A Jupyter environment of the test's own ====

def jupyter_env(work, minipy):
    """Installs this build's kernelspec under work/ and returns the environment
    that makes front ends use it, with config, data and runtime under work/."""
    os.makedirs(work, exist_ok=True)
    _work_dirs.append(work)
    prefix = os.path.join(work, "jupyter")
    r = subprocess.run([minipy, "install", "--prefix", prefix], capture_output=True,
                       text=True, timeout=60)
    if r.returncode != 0:
        fail(f"minipy install --prefix {prefix} failed: {r.stderr.strip()}")
    env = dict(os.environ)
    env.update(
        JUPYTER_PATH=os.path.join(prefix, "share", "jupyter"),
        JUPYTER_CONFIG_DIR=os.path.join(work, "config"),
        JUPYTER_DATA_DIR=os.path.join(work, "data"),
        JUPYTER_RUNTIME_DIR=os.path.join(work, "runtime"),
        IPYTHONDIR=os.path.join(work, "ipython"),
        JUPYTER_PLATFORM_DIRS="0",
        PYTHONDONTWRITEBYTECODE="1",
    )
    for key in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        os.makedirs(env[key], exist_ok=True)
    # In a sanitizer build the kernels' reports (errors, leaks at exit) go to
    # files that check_sanitizer_logs() reads: the front ends do not show them.
    logs = os.path.join(work, "sanitizer")
    os.makedirs(logs, exist_ok=True)
    for key, name in (("ASAN_OPTIONS", "asan"), ("UBSAN_OPTIONS", "ubsan")):
        options = [o for o in env.get(key, "").split(":") if o]
        env[key] = ":".join(options + [f"log_path={os.path.join(logs, name)}"])
    return env


def check_sanitizer_logs(work):
    """Fails with the first report a sanitized kernel wrote under work/."""
    logs = os.path.join(work, "sanitizer")
    for name in sorted(os.listdir(logs)) if os.path.isdir(logs) else []:
        with open(os.path.join(logs, name), errors="replace") as f:
            report = f.read()
        if report.strip():
            fail(f"a kernel's sanitizer report ({name}):\n{report[:4000]}")


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ==== Processes ====

def pids_mentioning(text):
    """Processes whose command line contains text (kernels name their
    connection file, which lives in the test's runtime folder)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            pids.append(int(entry))
    return pids


def _signal_group(pgid, sig):
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


class Procs:
    """Starts processes each in a new process group and, on exit, ends the
    groups (SIGTERM, then SIGKILL after a grace period) and every process that
    still names the runtime folder: kernels the front ends left behind."""

    def __init__(self, runtime_dir):
        self.runtime_dir = runtime_dir
        self.started = []

    def __enter__(self):
        return self

    def start(self, argv, **kwargs):
        p = subprocess.Popen(argv, start_new_session=True, **kwargs)
        self.started.append(p)
        return p

    def __exit__(self, *exc):
        for p in self.started:
            _signal_group(p.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for p in self.started:
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            _signal_group(p.pid, signal.SIGKILL)
            p.wait()
        for pid in pids_mentioning(self.runtime_dir):
            log(f"ending left-over kernel process {pid}")
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return False


def finish(proc, what, timeout):
    """Wait for proc to end; fail if it outlives timeout or exits non-zero."""
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        fail(f"{what} did not finish in {timeout} s")
    if rc != 0:
        fail(f"{what} exited with {rc} (its messages are above)")


def wait_for(what, check, timeout, interval=0.2):
    """Calls check() until it returns a true value (returned) or timeout seconds
    pass (a failure naming what was awaited and the last value seen)."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = check()
        if last:
            return last
        if time.monotonic() > deadline:
            fail(f"timed out after {timeout} s waiting for {what}; last seen: {last!r}")
        time.sleep(interval)
