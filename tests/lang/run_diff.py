#!/usr/bin/env python3
"""Differential runner for tests/lang: CPython 3.11 is the expectation.

Usage:
    run_diff.py MINIPY_EXE [--jobs N] [files...]
    run_diff.py MINIPY_EXE --single FILE

For each program, run `python3 prog.py` and `MINIPY_EXE run prog.py` (cwd =
this directory, 10 s timeout each) and compare:
  - stdout, exactly;
  - the exit status;
  - when python3 exits non-zero (an uncaught exception), the last line of
    stderr ("ZeroDivisionError: division by zero");
  - for programs named uncaught_*.py, the whole stderr (the traceback with
    its caret lines), with the paths in `File "..."` lines reduced to the
    file name and addresses (0x7f...) to 0x?.
One line per failure (with the first lines of a unified diff), then a final
line `N passed, N failed`; exit status 1 if anything failed.
--single FILE prints the full diff (stdout and stderr) for one program.
Stdlib only.
"""

import argparse
import concurrent.futures
import difflib
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 10
DIFF_LINES = 12           # lines of diff shown per failure in the summary mode
# The oracle: CPython 3.11. Use the interpreter running us if it is 3.11, else the
# `python3` on PATH; $MINIPY_ORACLE overrides both.
ORACLE = os.environ.get("MINIPY_ORACLE") or (
    sys.executable if sys.version_info[:2] == (3, 11) else "python3")


class Run:
    """The outcome of running one program under one interpreter."""

    def __init__(self, argv):
        self.argv = argv
        self.stdout = ""
        self.stderr = ""
        self.status = None  # int exit status, or a string ("timeout", ...)
        env = dict(os.environ)
        env["PYTHONIOENCODING"] = "utf-8"
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        try:
            p = subprocess.run(argv, cwd=HERE, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=TIMEOUT)
            self.stdout = p.stdout.decode("utf-8", "replace")
            self.stderr = p.stderr.decode("utf-8", "replace")
            self.status = p.returncode
        except subprocess.TimeoutExpired as e:
            self.stdout = (e.stdout or b"").decode("utf-8", "replace")
            self.stderr = (e.stderr or b"").decode("utf-8", "replace")
            self.status = "timeout after %ds" % TIMEOUT
        except OSError as e:
            self.status = "could not run: %s" % e

    def describe_status(self):
        if isinstance(self.status, int) and self.status < 0:
            return "killed by signal %d" % -self.status
        return "exit %s" % (self.status,)

    def normalized_stderr(self):
        text = re.sub(r'File "([^"]*)"',
                      lambda m: 'File "%s"' % os.path.basename(m.group(1)), self.stderr)
        return re.sub(r"0x[0-9a-f]+", "0x?", text)

    def last_stderr_line(self):
        lines = [l for l in self.stderr.splitlines() if l.strip()]
        return lines[-1] if lines else ""


def compare(minipy, path):
    """Run one program both ways; return (name, problems, expected, actual)."""
    name = os.path.relpath(path, HERE)
    if name.startswith(".."):
        name = path
    expected = Run([ORACLE, name])
    actual = Run([minipy, "run", name])
    problems = []
    if actual.stdout != expected.stdout:
        problems.append("stdout differs")
    if actual.status != expected.status:
        problems.append("%s, python3 %s" % (actual.describe_status(),
                                             expected.describe_status()))
    if expected.status != 0:
        want, got = expected.last_stderr_line(), actual.last_stderr_line()
        if want != got:
            problems.append("last stderr line %r, python3 %r" % (got, want))
        elif (os.path.basename(name).startswith("uncaught_") and
              actual.normalized_stderr() != expected.normalized_stderr()):
            problems.append("stderr differs")
    return name, problems, expected, actual


def stdout_diff(expected, actual, limit=None):
    return lines_diff(expected.stdout, actual.stdout, limit)


def stderr_diff(expected, actual, limit=None):
    return lines_diff(expected.normalized_stderr(), actual.normalized_stderr(), limit)


def lines_diff(expected, actual, limit):
    diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                     "python3", "minipy", lineterm="", n=1))
    if limit is not None and len(diff) > limit:
        diff = diff[:limit] + ["    ... (%d more diff lines)" % (len(diff) - limit)]
    return diff


def find_programs(files):
    if files:
        return [os.path.abspath(f) if os.path.exists(f) else os.path.join(HERE, f)
                for f in files]
    return sorted(glob.glob(os.path.join(HERE, "*.py")))


def is_test_program(path):
    return os.path.basename(path) != os.path.basename(__file__)


def run_single(minipy, path):
    name, problems, expected, actual = compare(minipy, path)
    print("== %s: %s" % (name, "; ".join(problems) if problems else "ok"))
    print("-- stdout diff (python3 -> minipy):")
    for line in stdout_diff(expected, actual) or ["   (identical)"]:
        print(line)
    if os.path.basename(name).startswith("uncaught_"):
        print("-- stderr diff (normalized):")
        for line in stderr_diff(expected, actual) or ["   (identical)"]:
            print(line)
    print("-- python3 %s, stderr:" % expected.describe_status())
    sys.stdout.write(expected.stderr or "   (empty)\n")
    print("-- minipy %s, stderr:" % actual.describe_status())
    sys.stdout.write(actual.stderr or "   (empty)\n")
    return 1 if problems else 0


def run_all(minipy, programs, jobs):
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(compare, minipy, p) for p in programs]
        for fut in futures:  # in submission order: stable, sorted output
            name, problems, expected, actual = fut.result()
            if not problems:
                passed += 1
                continue
            failed += 1
            print("FAIL %s: %s" % (name, "; ".join(problems)))
            if actual.stdout != expected.stdout:
                for line in stdout_diff(expected, actual, DIFF_LINES):
                    print("    " + line)
            elif "stderr differs" in problems:
                for line in stderr_diff(expected, actual, DIFF_LINES):
                    print("    " + line)
            sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def main(argv):
    ap = argparse.ArgumentParser(description="Compare minipy with python3 on tests/lang.")
    ap.add_argument("minipy", help="the minipy executable")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--single", metavar="FILE", help="one program, full diff")
    ap.add_argument("files", nargs="*", help="programs (default: all tests/lang/*.py)")
    args = ap.parse_args(argv)
    minipy = os.path.abspath(args.minipy)
    if not os.access(minipy, os.X_OK):
        print("run_diff.py: %s is not an executable" % args.minipy, file=sys.stderr)
        return 2
    if args.single:
        return run_single(minipy, find_programs([args.single])[0])
    programs = [p for p in find_programs(args.files) if is_test_program(p)]
    return run_all(minipy, programs, max(1, args.jobs))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
