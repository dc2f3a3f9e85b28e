"""The house: the engine and the story layer know nothing of the screen, and imports point one way.

* Every module outside ``reader.tui`` imports with textual absent (harlequin's
  ``test_import_hygiene`` does the same), which also keeps ``reader compare`` fast.
* No import cycles among reader's modules, counting every import a module can make (at the top,
  inside functions, and under ``TYPE_CHECKING``): the static graph, as a picture of the
  imports would draw it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def all_modules() -> dict[str, Path]:
    mods = {}
    for f in sorted((ROOT / "reader").rglob("*.py")):
        rel = f.relative_to(ROOT).with_suffix("")
        mods[".".join(p for p in rel.parts if p != "__init__")] = f
    return mods


def non_tui_modules() -> list[str]:
    return [m for m in all_modules() if not m.startswith("reader.tui") and m != "reader.__main__"]  # __main__ runs the app


def test_everything_but_the_tui_imports_without_textual():
    mods = non_tui_modules()
    assert {"reader.engine.compare", "reader.corpus.load", "reader.story.library", "reader.cli"} <= set(mods)
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'textual':\n"
        "            raise ImportError('textual is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import importlib\n"
        f"for m in {mods!r}:\n"
        "    importlib.import_module(m)\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """Every reader module ``module`` names in an import statement anywhere in its file."""
    out = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module and name != "reader":
                out.add(name)
    return out


def test_no_import_cycles():
    mods = all_modules()
    known = set(mods)
    graph = {m: imports_of(m, p, known) for m, p in mods.items()}
    # A package's __init__ is not an edge to its own modules' siblings: importing reader.x.y
    # runs reader.x's __init__, which is fine as long as that __init__ imports nothing back.
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycles.append(stack[stack.index(n):] + [n])
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)
