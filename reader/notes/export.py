"""Notes as a Markdown report (valid CommonMark) or JSON (see ``NoteStore.export_json``); the
user's corrections as a gold alignment (:func:`to_gold`).

Article text and note text are untrusted: every piece is escaped so that it can never
become a link, HTML, emphasis, a heading or a list; a note's own line breaks are kept as
hard line breaks. Texts were sanitised when they entered (notes are cleaned again when
read from the store); paths are shown in their safe display form.
"""

from __future__ import annotations

from reader.corpus.model import Article
from reader.corpus.sanitize import display_path
from reader.notes.store import Note, article_key, content_hash
from reader.render.markdown_out import md_escape
from reader.render.story_report import Mark

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.engine.corrections import Correction
    from reader.story.library import Library


def esc(text: str) -> str:
    """:func:`md_escape` plus ``=`` (a setext heading underline); one line."""
    return md_escape(text).replace("=", "\\=")


def _note_lines(text: str) -> list[str]:
    """A multi-line note as Markdown paragraphs: blank lines separate paragraphs, other
    line breaks become hard breaks (a trailing backslash)."""
    paras: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            paras[-1].append(esc(line))
        elif paras[-1]:
            paras.append([])
    out: list[str] = []
    for lines in paras:
        if not lines:
            continue
        if out:
            out.append("")
        out.extend(line + "\\" for line in lines[:-1])
        out.append(lines[-1])
    return out


def _label(n: Note) -> str:
    parts = []
    if n.flagged:
        parts.append("Flagged")
    if n.note.strip():
        parts.append("Note")
    label = " and ".join(parts) or "Note"
    if n.status == "changed":
        label += " (sentence changed)"
    elif n.status == "orphaned":
        label += " (sentence no longer found)"
    return label


class _Matcher:
    """Finds, for a noted sentence, the matching sentences in the other loaded articles.

    Pairs are compared through a story library (:class:`reader.story.library.Library`): the
    app's own when the TUI exports (so a pair already on screen is not compared again), else one
    built over ``articles``. An export therefore shows the links ``reader compare``, ``reader
    story`` and the TUI show for the same pair.
    """

    def __init__(self, articles: list[Article], library: Library | None = None):
        if library is None:
            from reader.story.library import Library

            library = Library(articles)
        self.library = library
        self.articles = articles
        self._by_key: dict[str, Article] = {}
        for a in articles:
            self._by_key.setdefault(article_key(a.path), a)

    def article_for(self, n: Note) -> Article | None:
        a = self._by_key.get(n.article_path)
        if a is not None and content_hash(a) == n.article_hash:
            return a
        return None

    def matches(self, n: Note) -> list[tuple[Article, str, str]]:
        """(other article, kind, matching text) for each other article that has a match."""
        art = self.article_for(n)
        if art is None or n.status == "orphaned" or not (0 <= n.sentence_id < len(art.sentences)):
            return []
        out = []
        for other in self.articles:
            if other is art or article_key(other.path) == article_key(art.path):
                continue
            c = self.library.compare(art, other)
            m = c.match_of("left", n.sentence_id)
            if m is not None:
                text = " ".join(other.sentences[j].text for j in m.right)
                out.append((other, m.kind, text))
        return out


def to_markdown(notes: list[Note], articles: list[Article] = (), *, title: str = "Notes",  # type: ignore[assignment]
                library: Library | None = None) -> str:
    """Notes grouped by article (title, source, path): each sentence quoted, its note, when,
    its status if changed or orphaned, and the matching sentences from ``articles`` (default:
    the articles ``library`` has loaded), compared through ``library`` when given."""
    if not articles and library is not None:
        articles = library.loaded
    matcher = _Matcher(list(articles), library)
    out = [f"# {esc(title)}", ""]
    if not notes:
        out += ["No flags or notes yet.", ""]
        return "\n".join(out)
    groups: dict[str, list[Note]] = {}
    for n in notes:
        groups.setdefault(n.article_path, []).append(n)
    for path, group in groups.items():
        group.sort(key=lambda n: (n.status == "orphaned", n.start, n.id))
        first = group[0]
        out += [
            f"## {esc(first.article_title or '(untitled)')}",
            "",
            f"- **Source:** {esc(first.article_source or 'unknown')}",
            f"- **Path:** {esc(display_path(path, 1000))}",
            "",
        ]
        for n in group:
            when = n.updated if n.updated == n.created else f"{n.updated} (created {n.created})"
            out += [f"### {_label(n)}", "", f"> {esc(n.sentence_text)}", ""]
            if n.status == "changed" and n.original_text is not None:
                out += ["Originally:", "", f"> {esc(n.original_text)}", ""]
            if n.note.strip():
                out += _note_lines(n.note)
                out.append("")
            out += [f"*{esc(when)}*", ""]
            found = matcher.matches(n)
            if found:
                out += ["Matching sentences in other articles:", ""]
                for other, kind, text in found:
                    out.append(f"- **{esc(kind)}** in {esc(other.title)} ({esc(other.source)}): {esc(text)}")
                out.append("")
    return "\n".join(out)


def story_marks(articles: list[Article], directory: str | None = None) -> tuple[dict[tuple[int, int], Mark], str | None]:
    """The user's flags and notes on the sentences of ``articles``, keyed (article index,
    sentence id), and a one-line warning (or None), for the reports of ``reader story``.

    Notes are re-anchored as when the TUI opens an article. When there is no notes database
    yet (``READER_DATA_DIR`` or the platform's data folder), none is created: no notes.
    """
    from pathlib import Path

    from reader.notes.store import DB_NAME, NotesError, NoteStore, data_dir

    try:
        folder = Path(directory) if directory is not None else data_dir()
        if not (folder / DB_NAME).is_file():
            return {}, None
    except Exception:  # noqa: BLE001 - no home folder: no notes
        return {}, None
    store = NoteStore.open(folder)
    warning = store.warning
    out: dict[tuple[int, int], Mark] = {}
    try:
        for k, a in enumerate(articles):
            for sid, n in store.get_for_article(a).items():
                if n.flagged or n.note.strip():
                    out[(k, sid)] = Mark(bool(n.flagged), n.note)
    except NotesError as exc:
        warning = str(exc)
    finally:
        store.close()
    return out, warning


# ------------------------------------------------------------------ corrections as gold
GOLD_SNIPPET_WORDS = 5
"""A snippet starts with this many words of its sentence, more when needed to name it alone."""


def gold_norm(text: str) -> str:
    """How ``../shared/tools/gold_eval.py`` compares a snippet with a sentence."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    return re.sub(r"\s+", " ", text).strip()


def gold_snippet(article: Article, sentence_id: int) -> str | None:
    """A piece of the sentence's text that no other sentence of the article contains (as the
    gold's reader compares them), without a double quote (the format's delimiter): the
    shortest run of at least :data:`GOLD_SNIPPET_WORDS` words from the start of its first
    quote-free part that names it alone; the longest part when none does; None for a sentence
    with no such text."""
    text = " ".join(article.sentences[sentence_id].text.split())
    parts = [p.strip() for p in text.split('"') if p.strip()]
    if not parts:
        return None
    others = [gold_norm(s.text) for s in article.sentences if s.id != sentence_id]
    for part in parts:
        words = part.split(" ")
        for n in range(min(GOLD_SNIPPET_WORDS, len(words)), len(words) + 1):
            candidate = " ".join(words[:n])
            if not any(gold_norm(candidate) in o for o in others):
                return candidate
    return max(parts, key=len)


def _gold_names(articles: list[Article]) -> tuple[dict[str, str], str]:
    """Each article's name in the gold (its path relative to the folder holding them all,
    ``FILE.jsonl#N`` for a record) and that folder. Articles that cannot be named (a URL, no
    path, a space, colon or double quote in the name) are left out."""
    import os

    from reader.corpus.formats import is_url, resolve_record_ref

    files: dict[str, tuple[str, str]] = {}
    for a in articles:
        if not a.path or is_url(a.path):
            continue
        file, record = resolve_record_ref(a.path)
        files[a.path] = (os.path.abspath(file), "" if record is None else f"#{record}")
    if not files:
        return {}, ""
    root = os.path.commonpath([os.path.dirname(f) for f, _ in files.values()])
    names = {}
    for path, (file, record) in files.items():
        name = os.path.relpath(file, root).replace(os.sep, "/") + record
        if not any(ch.isspace() or ch in ':"' for ch in name):
            names[path] = name
    return names, root


def to_gold(articles: list[Article], corrections_for: Callable[[Article, Article], list[Correction]],
            *, stamp: str = "") -> tuple[str, list[str]]:
    """The pairs of ``articles`` the user corrected, as a gold alignment in the format of
    ``../shared/data/real-gold/gold.txt`` (``LEFT:RIGHT S "snippet" ~ "snippet"``), and one line
    per pair that could not be written.

    For each pair with corrections (``corrections_for(left, right)``, e.g.
    ``NoteStore.corrections_for``) every link of the corrected comparison is a sure link: the
    user's, and the engine's that they left as they were. Links they removed are absent (no
    link). The pair is compared as ``reader compare`` compares it (the two articles alone), so
    ``gold_eval.py --gold FILE --articles FOLDER`` scores reader against it.
    """
    from reader.corpus.sanitize import one_line
    from reader.notes.lookup import article_key
    from reader.story.library import Library

    pairs = []
    for k, a in enumerate(articles):
        for b in articles[k + 1:]:
            if article_key(a.path) != article_key(b.path) or not a.path:
                fixes = corrections_for(a, b)
                if fixes:
                    pairs.append((a, b, fixes))
    names, root = _gold_names([x for a, b, _ in pairs for x in (a, b)])
    out = [
        "# Sure links between the sentences of article pairs corrected in reader "
        f"(reader notes export --format gold{', ' + stamp if stamp else ''}).",
        "# Format of ../shared/data/real-gold/gold.txt: LEFT:RIGHT S \"snippet\" ~ \"snippet\"; a snippet names the "
        "sentence of that article that contains it.",
        "# S = sure: a link the user made, or the engine's link they left as it was in a pair they corrected. "
        "Links they removed (unlink, not the same) are absent: no link.",
        f"# articles: {one_line(root, 1000) if root else '(none)'}",
    ]
    problems = []
    for a, b, fixes in pairs:
        na, nb = names.get(a.path), names.get(b.path)
        if na is None or nb is None:
            bad = a if na is None else b
            problems.append(f"{display_path(bad.path)}: cannot be named in the gold format (a URL, or a space, "
                            "colon or double quote in its path); its corrected pair is left out")
            continue
        library = Library([a, b])
        library.corrections = corrections_for
        c = library.compare(a, b)
        links = sorted({(i, j, m.by_user) for m in c.matches for i in m.left for j in m.right})
        user = sum(1 for *_, by_user in links if by_user)
        out.append(f"# {na} ({one_line(a.title, 80)}, {one_line(a.source, 40)}) ~ {nb} ({one_line(b.title, 80)}, "
                   f"{one_line(b.source, 40)}): {len(fixes)} corrections; {len(links)} linked sentence pairs, {user} by the user")
        snippets: dict[tuple[int, int], str | None] = {}
        for i, j, _ in links:
            for side, article, sid in ((0, a, i), (1, b, j)):
                if (side, sid) not in snippets:
                    snippets[side, sid] = gold_snippet(article, sid)
            left, right = snippets[0, i], snippets[1, j]
            if left is None or right is None:
                problems.append(f"{na}:{nb}: sentence {i if left is None else j} has no text to name it by; "
                                "its link is left out")
                continue
            out.append(f'{na}:{nb} S "{left}" ~ "{right}"')
    return "\n".join(out) + "\n", problems
