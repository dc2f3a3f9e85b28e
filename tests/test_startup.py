"""`reader compare` starts quickly: the shortcuts it takes give what the long way gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import _compare_parser, _quick_compare_args

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("argv", [
    ["a.txt", "b.txt"],
    ["a.txt", "b.txt", "--format", "json"],
    ["--format", "markdown", "a.txt", "b.txt"],
    ["a.txt", "-f", "text", "b.txt"],
    ["a.txt", "b.txt", "--format=json"],
    ["a.txt", "b.txt", "--format", "json", "-f", "markdown"],  # the last one counts
    ["", "b c.txt"],
    ["a.txt#2", "https://example.com/x?a=1"],
])
def test_quick_compare_args_are_argparses(argv):
    quick = _quick_compare_args(argv)
    assert quick is not None, "a plain form takes the shortcut"
    assert vars(quick) == vars(_compare_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["a.txt"],
    ["a.txt", "b.txt", "c.txt"],
    ["a.txt", "b.txt", "--format"],
    ["a.txt", "b.txt", "--format", "pdf"],
    ["a.txt", "b.txt", "--format", "-f"],
    ["a.txt", "b.txt", "--form", "json"],  # an abbreviation argparse accepts
    ["a.txt", "b.txt", "-fjson"],
    ["a.txt", "b.txt", "--width", "80"],
    ["a.txt", "b.txt", "--help"],
    ["a.txt", "--", "-b.txt"],
    ["-", "b.txt"],
    ["-1", "b.txt"],
])
def test_other_forms_go_to_argparse(argv):
    assert _quick_compare_args(argv) is None


def test_plain_compare_imports_no_argument_parser():
    code = ("import sys; from reader.cli import main; "
            f"main(['compare', {str(SEEDS[0])!r}, {str(SEEDS[1])!r}, '--format', 'json']); "
            "sys.stderr.write(str(sorted(m for m in ('argparse', 'gettext', 'shutil') if m in sys.modules)))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0
    assert r.stderr.strip() == "[]"
