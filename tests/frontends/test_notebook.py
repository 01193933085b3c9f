"""
tests/frontends/test_notebook.py - Debian's Jupyter Notebook server on 127.0.0.1
with a token and config of its own, and notebook.mjs driving Debian's Chromium
(headless, through playwright-core from npm) against it. Screenshots go to
WORKDIR/screenshots.

  /usr/bin/python3 tests/frontends/test_notebook.py MINIPY WORKDIR NOTEBOOKS_DIR NAME
"""
import os
import secrets
import shutil
import subprocess
import sys
import urllib.request

import frontends as fe

PLAYWRIGHT = "playwright-core@1.65.1"
TIMEOUT = 1500  # seconds for the whole browser session


def server_answers(port, token):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}",
                                    timeout=5) as r:
            return r.status == 200
    except OSError:
        return False


def main():
    minipy, work, source = (os.path.abspath(a) for a in sys.argv[1:4])
    name = sys.argv[4]
    fe.need_debs("jupyter-notebook", "chromium")
    node_prefix = os.path.join(os.path.dirname(work), "node")
    fe.need_npm(node_prefix, PLAYWRIGHT, "playwright-core")
    shutil.rmtree(work, ignore_errors=True)
    env = fe.jupyter_env(work, minipy)
    # The server saves what the browser runs: give it a copy of notebooks/.
    notebooks = os.path.join(work, "notebooks")
    shutil.copytree(source, notebooks)
    if not os.path.exists(os.path.join(notebooks, name)):
        fe.fail(f"no notebook {name} in {source}")
    shots = os.path.join(work, "screenshots")
    os.makedirs(shots)

    port = fe.free_port()
    token = secrets.token_hex(16)
    argv = ["/usr/bin/jupyter", "notebook", "--no-browser", "--ip=127.0.0.1",
            f"--port={port}", "--port-retries=0", f"--NotebookApp.token={token}",
            f"--NotebookApp.notebook_dir={notebooks}"]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    with fe.Procs(env["JUPYTER_RUNTIME_DIR"]) as procs:
        server_log = open(os.path.join(work, "server.log"), "w")
        server = procs.start(argv, env=env, stdout=server_log, stderr=subprocess.STDOUT)
        try:
            fe.wait_for(f"the notebook server on 127.0.0.1:{port}",
                        lambda: server.poll() is not None or server_answers(port, token),
                        120)
            if server.poll() is not None:
                fe.fail(f"the notebook server exited with {server.returncode}")
            url = f"http://127.0.0.1:{port}/notebooks/{name}?token={token}"
            browser = procs.start(["node", os.path.join(os.path.dirname(__file__),
                                                        "notebook.mjs"),
                                   node_prefix, url, shots], env=env)
            fe.finish(browser, f"the browser session (screenshots in {shots})", TIMEOUT)
            fe.log(f"screenshots in {shots}: {', '.join(sorted(os.listdir(shots)))}")
        finally:
            server_log.close()
            with open(os.path.join(work, "server.log")) as f:
                fe.log("--- the notebook server's log (last lines):\n" +
                       "".join(f.readlines()[-15:]))
    fe.check_sanitizer_logs(work)


if __name__ == "__main__":
    fe.run_test(main)
