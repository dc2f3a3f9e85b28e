"""``reader corpus build``: sources -> article signatures -> blocks -> stories, aligned -> Parquet.

Two stages of tasks, run by a *runner* (:class:`InProcess`, or :class:`DaskRunner` on a Dask
distributed cluster — a local one by default, an existing one by its scheduler's address):

1. **Signatures** (one task per chunk of ``CHUNK`` articles): each article is read with
   reader's loaders (folders, files, ``FILE.jsonl#N`` records), and its id, metadata and the
   MinHash signature of its distinctive words are kept (:mod:`.blocks`).
2. **Blocks** (one task per block): the driver cuts the corpus into candidate blocks by LSH over
   the signatures and dates; each task reads its block's articles, groups them into stories with
   the story layer (the same grouping as ``reader stories``), and for every story of two articles
   or more builds its overview (every pair aligned by the engine, facts, quotes, conflicts, who
   copied whom — the same as ``reader story``).

Every task writes its own Parquet part under ``OUT/_work`` and then a marker: an interrupted
build run again skips what is done (``resume``). The tables are then gathered, sorted by their
keys, into ``OUT/<table>.parquet`` with a ``manifest.json``. Ids are content-derived (an article's
from its reference, a story's from its articles'), so the tables are the same whoever computed
them, with one worker or many.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reader.archive.ids import article_id

SCHEMA_VERSION = 2
WORK_VERSION = 2
"""What a build leaves under ``_work`` (signatures with their word keys): another clears it."""
CHUNK = 200
"""Articles per signature task."""
TABLES = ("articles", "stories", "pairs", "links", "facts", "quotes", "conflicts", "derived")
WORK_TABLES = ("marks", *TABLES[1:])
"""What each block task writes (``marks``: each article's boilerplate and content digest as it
was aligned, joined into ``articles``)."""


# ------------------------------------------------------------------ runners
class InProcess:
    """Runs the tasks here, one after the other (the reference the clusters must agree with)."""

    workers = 1

    def map(self, fn: Callable[..., Any], items: list[tuple]) -> Iterator[Any]:
        for item in items:
            yield fn(*item)

    def close(self) -> None:
        pass


class DaskRunner:
    """Runs the tasks on Dask distributed: a local cluster of ``workers`` processes, or the
    cluster whose scheduler is at ``address`` (``tcp://host:8786``)."""

    def __init__(self, workers: int = 2, address: str | None = None) -> None:
        import logging

        from distributed import Client, LocalCluster

        self._cluster = None
        if address:
            self.client = Client(address)
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=":0", silence_logs=logging.ERROR)  # any free port
            self.client = Client(self._cluster)
        self.workers = len(self.client.scheduler_info().get("workers", {})) or workers

    def map(self, fn: Callable[..., Any], items: list[tuple]) -> Iterator[Any]:
        from distributed import as_completed

        futures = [self.client.submit(fn, *item, pure=False) for item in items]
        for future in as_completed(futures):
            yield future.result()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


# ------------------------------------------------------------------ tasks (run on workers)
def _write(table: list[dict], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from reader.archive.schema import SCHEMAS

    name = path.parent.name
    tmp = path.with_suffix(".tmp")
    pq.write_table(pa.Table.from_pylist(table, schema=SCHEMAS[name]), tmp)
    os.replace(tmp, path)


def signature_task(chunk: int, refs: list[str], work: str) -> tuple[int, int, list[str]]:
    """Read ``refs``; write their ids, metadata and signatures. Returns (chunk, articles, problems)."""
    from reader.archive.blocks import distinctive_words, signature, word_keys
    from reader.corpus.errors import LoadError
    from reader.corpus.load import load_article

    rows, problems = [], []
    for ref in refs:
        try:
            a = load_article(ref)
        except LoadError as exc:
            problems.append(str(exc))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file never stops a corpus
            problems.append(f"{ref}: {type(exc).__name__}: {exc}")
            continue
        body = " ".join(s.text for s in a.sentences if not s.boilerplate)
        words = distinctive_words(body)
        rows.append({
            "article_id": article_id(ref), "ref": ref, "title": a.title, "source": a.source, "date": a.date,
            "url": a.url, "sentences": len(a.sentences), "signature": signature(words).tolist(),
            "keys": word_keys(words).tolist(),
        })
    out = Path(work) / "signatures" / f"chunk-{chunk:06d}.parquet"
    _write(rows, out)
    (Path(work) / "signatures" / f"chunk-{chunk:06d}.problems.json").write_text(json.dumps(problems))
    return chunk, len(rows), problems


def block_task(task: int, blocks: list[list[str]], work: str) -> tuple[int, int, int]:
    """For each block (its articles' refs): group its articles into stories and build each
    story's overview; write the rows of every table (one part per task). Returns (task, articles,
    stories)."""
    from reader.archive.rows import story_rows
    from reader.corpus.load import load_article
    from reader.engine.compare import reusing_units
    from reader.story.grouping import Story
    from reader.story.library import Library, content_key

    # Read in reference order: the records of one JSON Lines file one after the other.
    loaded = {ref: load_article(ref) for ref in sorted(r for refs in blocks for r in refs)}
    tables: dict[str, list[dict]] = {t: [] for t in WORK_TABLES}
    count = 0
    for refs in blocks:
        articles = [loaded[ref] for ref in refs]
        ids = {id(a): article_id(ref) for a, ref in zip(articles, refs)}
        library = Library(articles)
        library.corrections = None  # an archive is the engine's: no one's notes apply
        with reusing_units():  # one comparison at a time here: each article's units made once
            # As reader stories does: boilerplate marked with the block as context, then grouped.
            stories = (library.stories() if len(articles) > 1 else []) or [Story(1, a.title, [a]) for a in articles]
            count += len(stories)
            for story in stories:
                for name, rows in story_rows(story, [ids[id(a)] for a in story.articles], library).items():
                    tables[name].extend(rows)
        for a in articles:  # as aligned (boilerplate is re-marked with the block as context)
            tables["marks"].append({"article_id": ids[id(a)], "boilerplate": [s.id for s in a.sentences if s.boilerplate],
                                    "content": content_key(a)})
    base = Path(work) / "blocks"
    for name, rows in tables.items():
        _write(rows, base / name / f"task-{task:06d}.parquet")
    (base / "done" / f"task-{task:06d}.ok").write_text(str(count))
    return task, len(loaded), count


TASK_ARTICLES = 150
"""Blocks are sent to the workers in tasks of about this many articles (fewer, larger files)."""


def _tasks(block_refs: list[list[str]]) -> list[list[list[str]]]:
    """Consecutive blocks packed into tasks of about ``TASK_ARTICLES`` articles (deterministic)."""
    tasks: list[list[list[str]]] = []
    size = 0
    for refs in block_refs:
        if not tasks or size + len(refs) > TASK_ARTICLES:
            tasks.append([])
            size = 0
        tasks[-1].append(refs)
        size += len(refs)
    return tasks


# ------------------------------------------------------------------ the driver
def _same_sources(work: Path, refs: list[str]) -> None:
    """Work left by a build of other sources is not resumed: it is cleared."""
    import shutil

    stamp = work / "sources.sha1"
    digest = hashlib.sha1("\n".join([f"schema {SCHEMA_VERSION} work {WORK_VERSION}", *refs])
                          .encode("utf-8", "surrogatepass")).hexdigest()
    try:
        same = stamp.read_text() == digest
    except OSError:
        same = not any((work / "signatures").iterdir())
    if not same:
        for sub in work.iterdir():
            if sub.is_dir():
                shutil.rmtree(sub)
        for sub in ("signatures", *(f"blocks/{t}" for t in WORK_TABLES), "blocks/done"):
            (work / sub).mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)


class Progress:
    """Counts and an ETA on stderr: redrawn in place on a terminal, a line every few seconds else."""

    def __init__(self, what: str, total: int, quiet: bool = False) -> None:
        self.what, self.total, self.quiet = what, total, quiet
        self.done = 0
        self.start = time.monotonic()
        self._last = 0.0
        self.tty = sys.stderr.isatty()

    def step(self, n: int = 1, extra: str = "") -> None:
        self.done += n
        now = time.monotonic()
        if self.quiet or (not self.tty and now - self._last < 5 and self.done < self.total):
            return
        self._last = now
        rate = self.done / max(1e-6, now - self.start)
        left = (self.total - self.done) / rate if rate else 0
        eta = time.strftime("%H:%M:%S", time.gmtime(left))
        line = f"{self.what}: {self.done:,} of {self.total:,}{extra}  ETA {eta}"
        print(("\r" + line + " " * 8) if self.tty else line, end="" if self.tty else "\n", file=sys.stderr,
              flush=True)
        if self.tty and self.done >= self.total:
            print(file=sys.stderr)


def build(sources: list[str], out: str, runner: Any | None = None, quiet: bool = False) -> dict[str, Any]:
    """Build the archive of ``sources`` (files, folders, JSON Lines files) into folder ``out``;
    returns the manifest. Work already done in ``out`` (an interrupted build) is kept."""
    import numpy as np
    import pyarrow.parquet as pq

    from reader.archive.blocks import blocks
    from reader.corpus.discover import collect_paths
    from reader.engine.event import parse_day

    runner = runner or InProcess()
    root = Path(out)
    work = root / "_work"
    for sub in ("signatures", *(f"blocks/{t}" for t in WORK_TABLES), "blocks/done"):
        (work / sub).mkdir(parents=True, exist_ok=True)
    paths, problems = collect_paths(list(sources))
    # Absolute references: the corpus opens from any folder (URLs stay as they are).
    refs = sorted(dict.fromkeys(p if isinstance(p, str) else os.path.abspath(p) for p in paths))
    _same_sources(work, refs)
    chunks = [refs[i:i + CHUNK] for i in range(0, len(refs), CHUNK)]
    todo = [(k, c, str(work)) for k, c in enumerate(chunks)
            if not (work / "signatures" / f"chunk-{k:06d}.parquet").exists()]
    progress = Progress("reading articles", len(refs), quiet)
    progress.step(len(refs) - sum(len(c) for _, c, _ in todo))
    for chunk, _n, _problems in runner.map(signature_task, todo):
        progress.step(len(chunks[chunk]))
    parts = [pq.read_table(work / "signatures" / f"chunk-{k:06d}.parquet") for k in range(len(chunks))]
    sig, keys = [], []
    for part in parts:
        col = part.column("keys").combine_chunks()
        flat, offsets = col.values.to_numpy(), col.offsets.to_numpy()
        keys += [flat[offsets[i]:offsets[i + 1]] for i in range(part.num_rows)]
        sig += part.drop_columns(["keys"]).to_pylist()
    order = sorted(range(len(sig)), key=lambda i: sig[i]["article_id"])
    sig, keys = [sig[i] for i in order], [keys[i] for i in order]
    for k in range(len(chunks)):
        problems += json.loads((work / "signatures" / f"chunk-{k:06d}.problems.json").read_text())
    days = []
    for r in sig:
        d = parse_day(r["date"])
        days.append(d.toordinal() if d is not None else None)
    matrix = np.array([r["signature"] for r in sig], dtype=np.int64).reshape(len(sig), -1)
    groups = blocks(matrix, days, keys=keys) if sig else []
    tasks = _tasks([[sig[i]["ref"] for i in g] for g in groups])
    todo2 = [(t, blocks_, str(work)) for t, blocks_ in enumerate(tasks)
             if not (work / "blocks" / "done" / f"task-{t:06d}.ok").exists()]
    progress = Progress("grouping and aligning", len(sig), quiet)
    sizes = {t: sum(len(r) for r in b) for t, b, _ in todo2}
    progress.step(len(sig) - sum(sizes.values()))
    for t, n, s in runner.map(block_task, todo2):
        progress.step(sizes[t])
    manifest = _gather(root, work, sig, groups, len(tasks), problems, sources, runner)
    return manifest


def _gather(root: Path, work: Path, sig: list[dict], groups: list[list[int]], tasks: int, problems: list[str],
            sources: list[str], runner: Any) -> dict[str, Any]:
    """The final tables, sorted by their keys, and the manifest."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from reader.archive.schema import KEYS, SCHEMAS

    counts = {}
    story_of: dict[str, str] = {}
    tables: dict[str, Any] = {}
    for name in WORK_TABLES:
        parts = [work / "blocks" / name / f"task-{t:06d}.parquet" for t in range(tasks)]
        t = pa.concat_tables([pq.read_table(p, schema=SCHEMAS[name]) for p in parts]) if parts else \
            SCHEMAS[name].empty_table()
        tables[name] = t.sort_by([(k, "ascending") for k in KEYS[name]])
    for row in tables["stories"].select(["story_id", "article_ids"]).to_pylist():
        for a in row["article_ids"]:
            story_of[a] = row["story_id"]
    marks = {r["article_id"]: r for r in tables.pop("marks").to_pylist()}
    arts = [{k: r[k] for k in ("article_id", "ref", "title", "source", "date", "url", "sentences")}
            | {"story_id": story_of.get(r["article_id"])}
            | {k: marks.get(r["article_id"], {}).get(k) for k in ("boilerplate", "content")} for r in sig]
    tables["articles"] = pa.Table.from_pylist(arts, schema=SCHEMAS["articles"]).sort_by([("article_id", "ascending")])
    for name, t in tables.items():
        tmp = root / f"{name}.parquet.tmp"
        pq.write_table(t, tmp)
        os.replace(tmp, root / f"{name}.parquet")
        counts[name] = t.num_rows
    manifest = {
        "format": "reader-corpus", "version": SCHEMA_VERSION, "tables": {n: f"{n}.parquet" for n in TABLES},
        "rows": counts, "blocks": len(groups), "sources": [str(s) for s in sources], "skipped": problems,
    }
    (root / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest
