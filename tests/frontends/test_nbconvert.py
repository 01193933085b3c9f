"""
tests/frontends/test_nbconvert.py - Debian's jupyter nbconvert with the minipy
kernel: `--to notebook --execute` on every notebook in notebooks/ (each must
run without an error and come back with outputs), then `--to html` of the first
executed one (the page must hold its outputs).

  /usr/bin/python3 tests/frontends/test_nbconvert.py MINIPY WORKDIR NOTEBOOKS_DIR
"""
import glob
import json
import os
import shutil
import sys

import frontends as fe

TIMEOUT = 900  # seconds for one nbconvert run


def nbconvert(procs, env, args, what):
    argv = ["/usr/bin/jupyter", "nbconvert"] + args
    fe.log("$ " + " ".join(argv))
    fe.finish(procs.start(argv, env=env), f"{what}: nbconvert", TIMEOUT)


def main():
    minipy, work, source = (os.path.abspath(a) for a in sys.argv[1:4])
    fe.need_debs("jupyter-nbconvert", "python3-nbclient")
    shutil.rmtree(work, ignore_errors=True)
    env = fe.jupyter_env(work, minipy)
    notebooks = sorted(glob.glob(os.path.join(source, "*.ipynb")))
    if not notebooks:
        fe.fail(f"no notebooks in {source}")
    out = os.path.join(work, "executed")
    with fe.Procs(env["JUPYTER_RUNTIME_DIR"]) as procs:
        for nb in notebooks:
            name = os.path.basename(nb)
            # The kernel reads files (notebooks/data) relative to the notebook.
            nbconvert(procs, env, ["--to", "notebook", "--execute", nb,
                                   "--output-dir", out,
                                   f"--ExecutePreprocessor.timeout={TIMEOUT}",
                                   "--ExecutePreprocessor.kernel_name=minipy"],
                      f"executing {name}")
            with open(os.path.join(out, name), encoding="utf-8") as f:
                executed = json.load(f)
            code = [c for c in executed["cells"] if c["cell_type"] == "code"]
            if not code or not any(c.get("outputs") for c in code):
                fe.fail(f"{name}: executed, but no code cell has an output")
            unrun = [i for i, c in enumerate(code) if c.get("execution_count") is None
                     and c["source"]]
            if unrun:
                fe.fail(f"{name}: code cells {unrun} have no execution count")
            fe.log(f"{name}: {len(code)} code cells executed")

        first = os.path.join(out, os.path.basename(notebooks[0]))
        nbconvert(procs, env, ["--to", "html", first, "--output-dir", out],
                  "converting to HTML")
        page = os.path.splitext(first)[0] + ".html"
        with open(page, encoding="utf-8") as f:
            html = f.read()
        if "jp-OutputArea-output" not in html and "output_area" not in html:
            fe.fail(f"{page} has no output area")
        fe.log(f"{page}: {len(html)} characters")
    fe.check_sanitizer_logs(work)


if __name__ == "__main__":
    fe.run_test(main)
