"""
tests/reliability/valgrind_check.py - runs Minipy under valgrind memcheck and
fails on any memory error or any definite or indirect leak at exit.

Two kinds of run, each process with its own log in --out:
  * `minipy run` on tests/lang programs: an evenly spread sample of about 30
    (every k-th in name order) or, with --lang-all, every one;
  * the demo notebooks executed by nbclient through a kernel whose kernelspec
    starts it under valgrind; the kernel shuts down as a front end asks it to,
    so mp_runtime_fini() runs and the leak check sees the end of a session.
A log passes when it has valgrind's final summary (the process was not killed)
and reports 0 errors. The bytes still in use at exit are printed per log.

Run with /usr/bin/python3 (nbclient, jupyter_client), as the 'valgrind' suite:
  valgrind_check.py --minipy build/kernel/minipy --out DIR [--lang-all]
                    [--notebook NB.ipynb ...]
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LANG = os.path.join(ROOT, "tests", "lang")
SAMPLE = 30
SUMMARY_WAIT = 300  # seconds: a hang, not a measurement
VALGRIND = ["valgrind", "--leak-check=full", "--errors-for-leak-kinds=definite,indirect",
            "--error-exitcode=1"]


def lang_programs(every):
    names = sorted(p for p in glob.glob(os.path.join(LANG, "*.py"))
                   if os.path.basename(p) != "run_diff.py")
    if every:
        return names
    step = max(1, -(-len(names) // SAMPLE))
    return names[::step]


def check_log(path):
    """(ok, one line) for one valgrind log."""
    with open(path, errors="replace") as f:
        text = f.read()
    errors = re.search(r"ERROR SUMMARY: ([\d,]+) errors", text)
    in_use = re.search(r"in use at exit: ([\d,]+) bytes in ([\d,]+) blocks", text)
    name = os.path.basename(path)
    if not errors or not in_use:
        return False, f"{name}: no final summary (the process was killed or crashed)"
    n = int(errors.group(1).replace(",", ""))
    line = f"{name}: {n} errors, {in_use.group(1)} bytes in {in_use.group(2)} blocks in use at exit"
    if n:
        problems = [l for l in text.splitlines()
                    if re.search(r"(definitely|indirectly) lost in|Invalid|uninitialised|"
                                 r"Mismatched|overlap", l)]
        line += "\n  " + "\n  ".join(problems[:20])
    return n == 0, line


def wait_for_summary(path):
    """jupyter_client may return from a graceful shutdown before valgrind has
    written its leak check: wait for the summary (a hang fails the test)."""
    deadline = time.monotonic() + SUMMARY_WAIT
    while time.monotonic() < deadline:
        with open(path, errors="replace") as f:
            if "ERROR SUMMARY" in f.read():
                return
        time.sleep(0.5)


def run_lang(minipy, out, every):
    ok = True
    programs = lang_programs(every)
    for path in programs:
        name = os.path.splitext(os.path.basename(path))[0]
        log = os.path.join(out, f"lang-{name}.log")
        subprocess.run(VALGRIND + [f"--log-file={log}", minipy, "run", path], cwd=LANG,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=600)
        good, line = check_log(log)
        ok = ok and good
        print(line)
    print(f"lang: {len(programs)} programs under valgrind")
    return ok


def install_kernelspec(minipy, out):
    """A minipy kernelspec whose argv runs the kernel under valgrind, each
    process logging to out/kernel-PID.log. Returns the JUPYTER_PATH entry."""
    prefix = os.path.join(out, "jupyter")
    subprocess.run([minipy, "install", "--prefix", prefix], check=True,
                   stdout=subprocess.DEVNULL)
    share = os.path.join(prefix, "share", "jupyter")
    spec_path = os.path.join(share, "kernels", "minipy", "kernel.json")
    with open(spec_path) as f:
        spec = json.load(f)
    log = os.path.join(os.path.abspath(out), "kernel-%p.log")
    spec["argv"] = VALGRIND + [f"--log-file={log}"] + spec["argv"]
    with open(spec_path, "w") as f:
        json.dump(spec, f, indent=1)
    return share


def run_notebooks(minipy, out, notebooks):
    import nbclient
    import nbformat
    from jupyter_client.manager import KernelManager

    for old in glob.glob(os.path.join(out, "kernel-*.log")):
        os.remove(old)
    os.environ["JUPYTER_PATH"] = install_kernelspec(minipy, out)
    ok = True
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        # A graceful shutdown under valgrind takes seconds: wait for it rather
        # than let jupyter_client kill the kernel before the leak check ends.
        km = KernelManager(kernel_name="minipy", shutdown_wait_time=300)
        client = nbclient.NotebookClient(
            nb, km=km, timeout=1200, startup_timeout=300, allow_errors=True,
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        try:
            client.execute()
        finally:
            # nbclient leaves a kernel manager it did not create running.
            if km.has_kernel:
                km.shutdown_kernel(now=False)
        errors = [o for c in nb.cells if c.cell_type == "code"
                  for o in c.get("outputs", []) if o["output_type"] == "error"]
        print(f"{os.path.basename(path)}: executed, {len(errors)} cells raised")
    logs = sorted(glob.glob(os.path.join(out, "kernel-*.log")))
    for log in logs:
        wait_for_summary(log)
    if len(logs) != len(notebooks):
        print(f"expected {len(notebooks)} kernel logs, found {len(logs)}")
        ok = False
    for log in logs:
        good, line = check_log(log)
        ok = ok and good
        print(line)
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minipy", required=True)
    parser.add_argument("--out", required=True, help="folder for the valgrind logs")
    parser.add_argument("--lang", action="store_true", help="run the tests/lang sample")
    parser.add_argument("--lang-all", action="store_true", help="every tests/lang program")
    parser.add_argument("--notebook", action="append", default=[])
    args = parser.parse_args()
    if subprocess.run(["valgrind", "--version"], capture_output=True).returncode != 0:
        print("valgrind is missing: skipped")
        return 77
    minipy = os.path.abspath(args.minipy)
    os.makedirs(args.out, exist_ok=True)
    ok = True
    if args.lang or args.lang_all:
        ok = run_lang(minipy, args.out, args.lang_all) and ok
    if args.notebook:
        ok = run_notebooks(minipy, args.out, args.notebook) and ok
    print("valgrind: clean" if ok else "valgrind: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
