"""Read the STS Benchmark files (first 7 tab-separated fields; no quote handling)."""

from __future__ import annotations

from goldsets import ROOT

STS = ROOT.parent / "shared" / "data" / "stsbenchmark"


def read(split: str) -> list[tuple[str, float, str, str]]:
    rows = []
    for line in (STS / f"sts-{split}.csv").read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) >= 7:
            rows.append((f[0], float(f[4]), f[5], f[6]))
    return rows
