"""
tests/notebooks/test_notebooks.py - re-executes the demo notebooks through the
minipy kernel and compares every output with the one stored in the notebook.

Only what cannot be stable is normalised: message and cell ids, memory addresses
(0x...) and timings (a number followed by a time unit). Anything else that differs
fails the test with a unified diff per cell. With --update the executed notebook
is written back instead (after a kernel or notebook change; review the git diff).
With --print the executed notebook is printed as text (tools/demo).

Run with /usr/bin/python3 (nbclient, nbformat, jupyter_client), as
tests/notebooks/meson.build does:
  test_notebooks.py --minipy build/kernel/minipy --jupyter DIR NOTEBOOK...
  test_notebooks.py --check-data notebooks/data     (orders.csv == make_orders.py)
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import textwrap

ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
# 1.5 ms, 12 µs, 0.0031s, 3.2 sec, 950 ns: a timing, whatever produced it.
TIMING = re.compile(r"\b\d+(?:\.\d+)?(?:e-?\d+)?\s?(?:ns|us|µs|ms|s|sec)\b")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def normalise(text):
    text = ANSI.sub("", text)
    text = ADDRESS.sub("0x…", text)
    return TIMING.sub("<time>", text)


def output_lines(output):
    """One output as the lines a reader sees, labelled with where they go."""
    kind = output["output_type"]
    if kind == "stream":
        return [f"[{output['name']}]"] + normalise(output["text"]).splitlines()
    if kind == "error":
        lines = [f"[error] {output['ename']}: {normalise(output['evalue'])}"]
        for frame in output["traceback"]:
            lines += normalise(frame).splitlines()
        return lines
    label = kind
    if kind == "execute_result":
        label += f" Out[{output['execution_count']}]"
    lines = []
    for mime in sorted(output["data"]):
        value = output["data"][mime]
        if not isinstance(value, str):
            value = "".join(value)
        lines.append(f"[{label} {mime}]")
        lines += normalise(value).splitlines()
    return lines


def merged_streams(outputs):
    """The outputs with consecutive stream pieces of one stream joined: how a
    front end shows them, and how the kernel's flushing can split them."""
    merged = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (output["output_type"] == "stream" and last is not None
                and last["output_type"] == "stream" and last["name"] == output["name"]):
            merged[-1] = dict(last, text=last["text"] + output["text"])
        else:
            merged.append(output)
    return merged


def cell_lines(cell):
    lines = []
    if cell.get("execution_count") is not None:
        lines.append(f"In [{cell['execution_count']}]")
    for output in merged_streams(cell.get("outputs", [])):
        lines += output_lines(output)
    return lines


def summary(mime, value):
    """A line or two saying what a rich output shows, for a terminal."""
    if mime == "image/svg+xml":
        titles = re.findall(r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>', value)
        return [f"[image/svg+xml: a drawing of {len(titles)} nodes]"]
    if mime == "text/html":
        rows = value.count("<tr") - value.count("<thead")
        return [f"[text/html: {'a table of %d rows' % rows if rows else '%d characters' % len(value)}]"]
    return [f"[{mime}: {len(value)} characters]"]


def readable_output(output):
    """One output for a terminal: text as is, rich data as text/plain or a summary."""
    if output["output_type"] in ("stream", "error"):
        lines = output_lines(output)[1:] if output["output_type"] == "stream" else []
        if output["output_type"] == "error":
            for frame in output["traceback"]:
                lines += ANSI.sub("", frame).splitlines()
        return lines
    data = output["data"]
    lines = []
    if "text/plain" in data:
        prefix = f"Out[{output['execution_count']}]: " if "execution_count" in output else ""
        text = data["text/plain"]
        lines += (prefix + text).splitlines()
    for mime in sorted(data):
        if mime != "text/plain":
            lines += summary(mime, data[mime])
    return lines


def print_notebook(nb, name):
    print(f"==== {name}")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for paragraph in cell.source.split("\n\n"):
                print()
                if paragraph.lstrip().startswith(("|", "*", "#")):
                    print(paragraph)
                else:
                    print(textwrap.fill(" ".join(paragraph.split()), 88))
            continue
        if cell.cell_type != "code":
            continue
        print()
        lines = cell.source.splitlines() or [""]
        print(f"In [{cell.execution_count}]: {lines[0]}")
        for line in lines[1:]:
            print("        " + line if line else "")
        for output in merged_streams(cell.outputs):
            for line in readable_output(output):
                print("  | " + line)
    print()


def compare(stored, fresh, name):
    """Returns the readable differences between two executions, '' if none."""
    problems = []
    stored_code = [c for c in stored.cells if c.cell_type == "code"]
    fresh_code = [c for c in fresh.cells if c.cell_type == "code"]
    for i, (old, new) in enumerate(zip(stored_code, fresh_code), 1):
        want, got = cell_lines(old), cell_lines(new)
        if want != got:
            head = old.source.splitlines()[0] if old.source else ""
            diff = difflib.unified_diff(want, got, "stored", "executed", lineterm="")
            problems.append(f"--- {name}, code cell {i}: {head}\n" + "\n".join(diff))
    return "\n\n".join(problems)


def execute(path, kernel):
    import nbclient
    import nbformat

    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, kernel_name=kernel, timeout=600, allow_errors=True, record_timing=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    client.execute()
    return nb


def check_notebook(path, mode):
    import nbformat

    stored = nbformat.read(path, as_version=4)
    fresh = execute(path, "minipy")
    name = os.path.basename(path)
    if mode == "print":
        print_notebook(fresh, name)
        return True
    if mode == "update":
        nbformat.write(fresh, path)
        print(f"{name}: outputs stored")
        return True
    differences = compare(stored, fresh, name)
    if differences:
        print(differences)
        print(f"{name}: outputs differ from the stored ones (see above). If the change is"
              " meant (a new builtin shows up in %memory, say), store the new outputs with"
              " --update and review the notebook's git diff.")
        return False
    cells = sum(1 for c in stored.cells if c.cell_type == "code")
    print(f"{name}: {cells} code cells, every output as stored")
    return True


def check_data(folder):
    """The committed CSV is exactly what its generator writes."""
    script = os.path.join(folder, "make_orders.py")
    made = subprocess.run([sys.executable, script], check=True, capture_output=True).stdout
    with open(os.path.join(folder, "orders.csv"), "rb") as f:
        stored = f.read()
    if made != stored:
        print(f"{folder}/orders.csv differs from what make_orders.py writes")
        return False
    print(f"orders.csv: {len(stored)} bytes, as make_orders.py writes it")
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minipy", help="the minipy executable")
    parser.add_argument("--jupyter", help="where to install the minipy kernelspec")
    parser.add_argument("--update", dest="mode", action="store_const", const="update",
                        default="compare", help="store the fresh outputs instead of comparing")
    parser.add_argument("--print", dest="mode", action="store_const", const="print",
                        help="print the executed notebooks as text instead of comparing")
    parser.add_argument("--check-data", metavar="DIR",
                        help="check DIR/orders.csv against DIR/make_orders.py")
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args()

    try:
        import nbclient  # noqa: F401 (present: the notebooks can run)
    except ImportError:
        print("nbclient is missing (Debian python3-nbclient): skipped")
        return 77

    ok = True
    if args.check_data:
        ok = check_data(args.check_data)
    if args.notebooks:
        if not args.minipy or not args.jupyter:
            parser.error("notebooks need --minipy and --jupyter")
        subprocess.run([args.minipy, "install", "--prefix", args.jupyter], check=True,
                       stdout=subprocess.DEVNULL)
        os.environ["JUPYTER_PATH"] = os.path.join(args.jupyter, "share", "jupyter")
        for path in args.notebooks:
            ok = check_notebook(path, args.mode) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
