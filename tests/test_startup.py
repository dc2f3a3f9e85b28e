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


# ------------------------------------------------------------------ sanitize: one pattern first
# The functions as they were before the shortcut (every pattern compiled and applied).
def _reference():
    import re

    from reader.corpus.sanitize import INVISIBLE, UNSAFE

    newlines = re.compile(r"\r\n?|[\u2028\u2029\x85]")
    controls = re.compile(f"[{UNSAFE}]")
    line_drop = re.compile(f"[{UNSAFE}{INVISIBLE}]")
    surrogates = re.compile("[\ud800-\udfff]")
    path_unsafe = re.compile(f"[{UNSAFE}{INVISIBLE}\t\n\u2028\u2029]")
    json_unsafe = re.compile(f"[{UNSAFE}{INVISIBLE}\u2028\u2029]")

    def esc(m):
        code = ord(m.group())
        if code <= 0xFFFF:
            return f"\\u{code:04x}"
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"

    return {
        "no_surrogates": lambda t: surrogates.sub("\ufffd", t),
        "sanitize": lambda t: controls.sub("", newlines.sub("\n", t)),
        "clean_line": lambda t: " ".join(line_drop.sub("", newlines.sub("\n", surrogates.sub("\ufffd", t))).split()),
        "display_path": lambda t: path_unsafe.sub("?", surrogates.sub("\ufffd", t.replace("\r\n", "\n").replace("\r", "\n"))),
        "json_safe": lambda t: json_unsafe.sub(esc, t),
    }


_ODD = ("\x00\x07\t\n\x0b\r\x1b\x7f\x85\x9f\xa0\xad\u061c\u115f\u180e\u200b\u200d\u200e\u2028\u2029"
        "\u202e\u2060\u2066\u206f\u3164\ufeff\ufffa\uffa0\ud800\udfff\U0001bca1\U0001d175\U000e0041"
        "\U0001f600 aé’“Zz.")


def _texts():
    from hypothesis import strategies as st

    return st.text(alphabet=st.one_of(st.sampled_from(_ODD), st.characters()), max_size=40)


def test_sanitize_functions_give_what_every_pattern_gives():
    from hypothesis import given, settings

    from reader.corpus import sanitize as s

    ref = _reference()

    @settings(max_examples=600, deadline=None)
    @given(_texts())
    def check(text):
        for name, f in ref.items():
            assert getattr(s, name)(text) == f(text), name

    check()
    fixed = ["", "plain ascii", "curly ’quotes’ and é", "a\r\nb\rc\u2028d", "x\u202ey", "\ud83d", "e\tf\n"]
    for text in fixed + [f"a {ch}b" for ch in _ODD] + [f"a\u2019 {ch}b" for ch in _ODD]:
        for name, f in ref.items():
            assert getattr(s, name)(text) == f(text), (name, text)


def test_compare_called_from_python_leaves_the_collector_on(capsys):
    import gc

    from reader.cli import main

    assert gc.isenabled()
    assert main(["compare", str(SEEDS[0]), str(SEEDS[1]), "--format", "json"]) == 0
    assert gc.isenabled()
    assert capsys.readouterr().out.startswith("{")


# ------------------------------------------------------------------ split: rare patterns on demand
def test_split_list_line_check_is_the_pattern():
    import random
    import re

    from reader.corpus import split

    rnd = random.Random(3)
    alphabet = list("ab AZ019.)(•*-\u2013\u25aa>|/»›\t") + ["10", "ii", "IV"]
    lines = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))) for _ in range(20000)]
    lines += ["1. x", "12.) y", "a) z", "• x", "- x", "\u2013 y", "123. z", "1234. z", "A.x", "Home > News"]
    hits = 0
    for line in lines:
        plain = re.match(split._LIST_LINE, line) is not None
        hits += plain
        assert split._list_line(line) == plain, line
        if re.search(split._CRUMB, " " + line + " "):
            assert any(sep in line for sep in split._CRUMB_SEPS), line
    assert hits > 100


def test_paragraph_line_end_check_is_the_old_pattern():
    import random
    import re

    from reader.corpus import load

    old = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*$")
    rnd = random.Random(4)
    alphabet = list("ab .!?:;\"'\u201d\u2019)]\u201c([ \t\n\u00a0\u2028x")
    samples = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 6))) for _ in range(20000)]
    assert any(old.search(s) for s in samples) and not all(old.search(s) for s in samples)
    for s in samples:
        assert s.rstrip().endswith(load._TERMINAL) == bool(old.search(s)), repr(s)


# ------------------------------------------------------------------ JSON written by hand
def test_json_dumps_is_json_dumps():
    import json

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from reader.render.json_out import dumps

    leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                       st.text(alphabet=st.characters(), max_size=12))
    values = st.recursive(leaves, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=6), inner, max_size=4)), max_leaves=30)

    @settings(max_examples=500, deadline=None)
    @given(values)
    def check(v):
        assert dumps(v) == json.dumps(v, ensure_ascii=False, indent=1)

    check()
    odd = {"a": {1: "int key"}, "b": [True, 1.5, -0.0, float("inf"), "\x1b\u2028\ud800é"], "c": {}}
    assert dumps(odd) == json.dumps(odd, ensure_ascii=False, indent=1)  # (left to json.dumps)


def test_compare_json_is_json_dumps():
    import json

    from reader.corpus.load import load_article
    from reader.engine.compare import compare
    from reader.render.json_out import comparison_dict, dumps

    d = comparison_dict(compare(load_article(str(SEEDS[0])), load_article(str(SEEDS[2]))))
    assert d["matches"] and dumps(d) == json.dumps(d, ensure_ascii=False, indent=1)


# ------------------------------------------------------------------ source: patterns on demand
def test_source_patterns_skipped_only_where_they_cannot_match(monkeypatch):
    import random

    from reader.corpus import source

    rnd = random.Random(12)
    words = ["source", "Source", "site", "SITE", "publisher", "outlet", "powered by", "Powered By", ":", " ",
             "\n", "Acme News", "x", "|", "by", "By Jane", "©", "(c)", "Copyright", "2024", "aggregator",
             " is a ", "ſite", "@", "a@b.com", "İ", "\t", "website", "."]
    texts = ["".join(rnd.choice(words) for _ in range(rnd.randint(0, 14))) for _ in range(6000)]
    texts += ["Story\n\nSite: Acme News", "x\nPowered by Blogger.", "ſite: Acme", "Powered by Acme"]
    got = [source.infer_source(t) for t in texts]
    monkeypatch.setattr(source, "_PATTERNS", [(("",), p) for _, p in source._PATTERNS])  # every pattern runs
    assert got == [source.infer_source(t) for t in texts]
    assert sum(g != "unknown" for g in got) > 1000
