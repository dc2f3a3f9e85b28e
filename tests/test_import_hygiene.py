"""The engine knows nothing of the screen: its modules import with textual absent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINE_PACKAGES = ("reader.corpus", "reader.engine", "reader.render", "reader.notes")


def engine_modules() -> list[str]:
    mods = []
    for pkg in ENGINE_PACKAGES:
        base = ROOT / pkg.replace(".", "/")
        for f in sorted(base.rglob("*.py")):
            rel = f.relative_to(ROOT).with_suffix("")
            mods.append(".".join(p for p in rel.parts if p != "__init__"))
    return mods


def test_engine_imports_without_textual():
    mods = engine_modules()
    assert "reader.engine.compare" in mods and "reader.corpus.load" in mods
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
