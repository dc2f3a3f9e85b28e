"""A news archive at corpus scale: ``reader corpus build`` groups hundreds of thousands of
articles into stories, aligns every pair inside each story and stores the results as Parquet
tables (``reader corpus export`` writes them out again, e.g. for passim).

It runs on Dask distributed — a local cluster by default, any cluster by its scheduler's
address — and needs the optional ``corpus`` extra (Dask, pyarrow, DuckDB). The default install for a
journalist stays light: nothing here is imported unless ``reader corpus`` is run.
"""

from __future__ import annotations

EXTRA_HINT = "reader corpus needs the corpus extra: pip install 'reader-compare[corpus]'"


class CorpusError(Exception):
    """A problem with a corpus or a request about one: one line."""


class ArchiveUnavailable(Exception):
    """The corpus extra is not installed (the message says how to add it)."""


def require() -> None:
    """Raise :class:`ArchiveUnavailable` with one line when Dask or pyarrow is missing."""
    missing = []
    for module in ("dask", "distributed", "pyarrow", "numpy", "duckdb"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise ArchiveUnavailable(f"{EXTRA_HINT} (missing: {', '.join(missing)})")
