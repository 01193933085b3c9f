"""
tests/protocol/test_kernel_jkt.py - jupyter_kernel_test's conformance suite
(Debian's 0.4.5) against the minipy kernelspec, with every sample attribute set
so that none of its tests is skipped, and a clean exit of the kernel at the end.

Run with /usr/bin/python3 -m unittest and JUPYTER_PATH pointing at a
`minipy install --prefix` tree (tests/protocol/meson.build does both).
"""
import unittest

import jupyter_kernel_test


class MinipyKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "minipy"
    language_name = "minipy"
    file_extension = ".py"

    code_hello_world = "print('hello, world')"
    code_stderr = "import sys\nsys.stderr.write('oops\\n')"

    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "str.upp", "matches": {"upper"}},
        {"text": "zzz_no_such_name"},
    ]

    complete_code_samples = ["1", "print('hello, world')", "def f(x):\n    return x\n\n"]
    incomplete_code_samples = ["for i in range(3):", "def f(x):", "x = [1,"]
    invalid_code_samples = ["1 +* 2", "def f(:", ")"]

    code_page_something = "len?"

    code_generate_error = "raise ValueError('boom')"

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "'ab' * 2", "result": "'abab'"},
        {"code": "[x * x for x in range(4)]", "result": "[0, 1, 4, 9]"},
        {"code": "class H:\n    def _repr_html_(self):\n        return '<b>h</b>'\nH()",
         "mime": "text/html", "result": "<b>h</b>"},
    ]
    # Matches exactly one distinct input of the whole session (unique => 1),
    # run once per history subtest (n=3 => 3).
    code_history_pattern = "'ab'*"
    supported_history_operations = ("tail", "range", "search")

    code_display_data = [
        {"code": "display(42)", "mime": "text/plain"},
        {"code": "class M:\n    def _repr_markdown_(self):\n        return '*m*'\ndisplay(M())",
         "mime": "text/markdown"},
    ]

    code_inspect_sample = "len"

    code_clear_output = "print('x')\nclear_output()"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.process = cls.km.provisioner.process

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        # A clean exit after shutdown_request; under ASan a leak or a memory
        # error would make it non-zero.
        if cls.process.returncode != 0:
            raise AssertionError("kernel exited with %r" % cls.process.returncode)


if __name__ == "__main__":
    unittest.main()
