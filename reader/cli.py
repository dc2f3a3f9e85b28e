"""Command line: ``reader [PATH...]`` opens the TUI; subcommands work without it.

Heavy modules are imported lazily: ``reader compare`` never imports textual, and the plain
``reader compare A B [--format F]`` never imports argparse (see :func:`_quick_compare_args`).
"""

from __future__ import annotations

import functools
import gc
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from reader import __version__

if TYPE_CHECKING:
    import argparse

COMMANDS = ("compare", "score-pairs", "notes")
FORMATS = ("text", "json", "markdown")


class UsageError(Exception):
    pass


@functools.cache
def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse that reports a usage problem as one line and exit code 2 (argparse is
    imported on first use)."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str):  # type: ignore[override]
            raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")

    return _Parser


def _main_parser() -> argparse.ArgumentParser:
    import argparse

    _Parser = _parser_class()
    p = _Parser(
        prog="reader",
        description="Compare news articles side by side. With no PATH, opens the bundled seed articles.",
        epilog="commands:\n  reader compare LEFT RIGHT [--format text|json|markdown]\n"
        "  reader score-pairs FILE\n  reader notes list|export [--format markdown|json] [-o FILE]\n\nRun 'reader COMMAND --help' for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="article files (.txt .md .html .json .jsonl), folders or http(s) URLs to open")
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    return p


def _width(value: str) -> int:
    import argparse

    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 20:
        raise argparse.ArgumentTypeError(f"must be at least 20, not {n}")
    return n


def _compare_parser() -> argparse.ArgumentParser:
    p = _parser_class()(prog="reader compare", description="Align the sentences of two articles.")
    p.add_argument("left", metavar="LEFT", help="a file (.txt .md .html .json .jsonl, FILE.jsonl#N) or an http(s) URL")
    p.add_argument("right", metavar="RIGHT", help="the same kinds as LEFT")
    p.add_argument("--format", "-f", choices=FORMATS, default="text")
    p.add_argument("--width", type=_width, default=None, help="text width, at least 20 (default: the terminal's)")
    p.add_argument("--same-event", action="store_true",
                   help="link the two as reports of one event even when reader judges them to be about "
                        "different events (then only word-for-word lines are linked)")
    return p


def _quick_compare_args(argv: list[str]) -> SimpleNamespace | None:
    """What ``_compare_parser().parse_args(argv)`` gives for the plain forms — two arguments
    that do not start with "-", and "--format F", "--format=F" or "-f F" with F one of
    :data:`FORMATS` — else None (argparse then parses, and reports any problem).

    Importing argparse and building the parser (which imports gettext, locale and shutil)
    cost ~3.5 ms of every ``reader compare``.
    """
    paths: list[str] = []
    fmt = "text"
    k = 0
    while k < len(argv):
        tok = argv[k]
        if not tok.startswith("-"):
            paths.append(tok)
        elif tok in ("--format", "-f") and k + 1 < len(argv) and argv[k + 1] in FORMATS:
            fmt = argv[k + 1]  # a repeated option: the last one counts, as in argparse
            k += 1
        elif tok.startswith("--format=") and tok[9:] in FORMATS:
            fmt = tok[9:]
        else:
            return None
        k += 1
    if len(paths) != 2:
        return None
    return SimpleNamespace(left=paths[0], right=paths[1], format=fmt, width=None, same_event=False)


def _score_parser() -> argparse.ArgumentParser:
    p = _parser_class()(
        prog="reader score-pairs",
        description="Score sentence pairs: reads 'id<TAB>text1<TAB>text2' lines, writes 'id<TAB>score<TAB>match'.",
    )
    p.add_argument("file", metavar="FILE", help="TSV file, or - for standard input")
    return p


def _load_pair(left: str, right: str):
    """Both articles, or None after one stderr line per problem (both sides are tried)."""
    from reader.corpus.errors import display_path
    from reader.corpus.load import LoadError, load_article

    loaded, failed = [], False
    for path in (left, right):
        try:
            article = load_article(path)
        except LoadError as exc:
            print(f"reader: {exc}", file=sys.stderr)
            failed = True
            continue
        for warning in article.warnings:
            print(f"reader: warning: {display_path(article.path)}: {warning}", file=sys.stderr)
        loaded.append(article)
    return None if failed else loaded


def cmd_compare(args: argparse.Namespace | SimpleNamespace) -> int:
    pair = _load_pair(args.left, args.right)
    if pair is None:
        return 2
    from reader.engine.compare import compare

    left, right = pair
    if not left.sentences and not right.sentences:
        print("reader compare: both articles are empty: nothing to compare", file=sys.stderr)
        return 2
    result = compare(left, right, same_event=args.same_event)
    if args.format == "json":
        from reader.render.json_out import to_json

        sys.stdout.write(to_json(result) + "\n")
    elif args.format == "markdown":
        from reader.render.markdown_out import to_markdown

        sys.stdout.write(to_markdown(result) + "\n")
    else:
        from reader.render.text_out import render_text

        render_text(result, width=args.width)
    return 0


def cmd_score_pairs(args: argparse.Namespace) -> int:
    from reader.engine.pairs import score_pairs_stream

    import io

    from reader.corpus.errors import display_path

    name = "standard input" if args.file == "-" else display_path(args.file)  # the real name is opened
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as fh:
                data = fh.read()
    except FileNotFoundError:
        raise UsageError(f"reader score-pairs: {name}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"reader score-pairs: {name}: is a folder, not a TSV file") from None
    except OSError as exc:
        raise UsageError(f"reader score-pairs: {name}: cannot read ({exc.strerror or type(exc).__name__})") from None
    except ValueError:  # an embedded NUL
        raise UsageError(f"reader score-pairs: {name}: not a valid path") from None
    if b"\x00" in data:
        raise UsageError(f"reader score-pairs: {name}: binary data, not a TSV of sentence pairs")
    text = data.decode("utf-8-sig", errors="replace")
    return score_pairs_stream(io.StringIO(text, newline=""), sys.stdout, sys.stderr)


def cmd_open(args: argparse.Namespace) -> int:
    from reader.tui.run import run_tui

    return run_tui(args.paths)


def main(argv: list[str] | None = None) -> int:
    process = argv is None  # the process's own command line: the process ends after this
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] == "compare":
            args = _quick_compare_args(argv[1:]) or _compare_parser().parse_args(argv[1:])
            # A short run whose objects (modules, two articles, one comparison) live until it
            # ends: the cyclic collector would only rescan them, and once more at exit (~2 ms
            # of a seed pair's ~60; the engine and the TUI's start-up do the same). Called
            # from Python (argv given), the collector is on again afterwards.
            enabled = gc.isenabled()
            gc.disable()
            try:
                return cmd_compare(args)
            finally:
                if enabled and not process:
                    gc.enable()
        if argv and argv[0] == "notes":
            from reader.notes.cli import main as notes_main

            return notes_main(argv[1:])
        if argv and argv[0] == "score-pairs":
            return cmd_score_pairs(_score_parser().parse_args(argv[1:]))
        return cmd_open(_main_parser().parse_args(argv))
    except UsageError as exc:  # argparse quotes arguments as given: print them safely
        from reader.corpus.errors import one_line

        print(one_line(str(exc), 1000), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        from reader.corpus.load import LoadError

        from reader.corpus.errors import one_line

        if isinstance(exc, LoadError):
            print(f"reader: {one_line(str(exc), 500)}", file=sys.stderr)
            return 2
        print(f"reader: unexpected error: {type(exc).__name__}: {one_line(str(exc), 500)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
