"""F1 / ? help: every key, read from the live bindings (so remapped keys show as remapped)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

LEGEND = (
    ("=", "verbatim match"),
    ("≈", "near match (edited copy); differing words emphasised"),
    ("~", "paraphrase; differing words emphasised"),
    ("◐", "partial: one side reports only part of what the other does"),
    ("²", "links to sentences on other rows (¹…⁹; ⁺ ten or more); r goes there"),
    ("+", "sentence only this article has: no link at all"),
    ("·", "boilerplate (site chrome), dimmed; b hides it"),
    ("↕", "moved: the right side sits elsewhere in its article"),
    ("❝", "a quote the other article words differently or gives to another speaker"),
    ("12", "words on red: a detail the two sides state differently (a number, date, name, place, event)"),
    ("⚑", "flagged sentence (space)"),
    ("✎", "sentence with a note (a writes or edits it)"),
)

CORRECT_HELP = (
    "When reader is wrong, say so: c on a sentence and c on the other article's sentence links them; "
    "x removes the link on the row (on a link you made, it takes it back); X says the two are not the "
    "same. Corrections are saved with your notes, show at once, and apply wherever the pair is "
    "shown: the story overview, reports, reader compare (reader notes export --format gold writes "
    "them as evaluation data)."
)

NOTES_HELP = (
    "Flags and notes are saved as you make them, in the notes database of your data folder "
    "(READER_DATA_DIR overrides it). o or ctrl+n lists them all: enter goes to the sentence, "
    "e edits, d deletes, f filters by article, x exports Markdown and X JSON (to a file you name: a "
    "new one in the current folder by default), i imports a JSON export (nothing twice). A note follows its sentence when the article is edited; a reworded sentence is "
    "marked changed, a deleted one orphaned (its note is kept)."
)

NUMBERS_HELP = (
    "The numbers: \"paraphrase, confidence 0.93\" on the status line is how sure reader is that the "
    "two sentences report the same thing (0 to 1) — not how many words they share. \"similarity 80%\" "
    "is the share of both articles' sentences that have a link, each counted by that confidence: "
    "how much of the two articles reports the same things."
)

MOVED_HELP = (
    "A moved match (↕) is a sentence the right article tells elsewhere. It is shown beside its "
    "left partner; m goes to where the right article really has it (just after the right-hand "
    "sentence of that row), and m again comes back."
)


LINKS_HELP = (
    "A sentence can report the same thing as several sentences of the other article (one that "
    "combines two facts, say). Each row shows one match; a small number beside a sentence counts "
    "its links to sentences on other rows, and the sentence takes the colour of its best link when "
    "its row has no match. r goes to the row of its next link (the focused column's sentence; the "
    "status line says which link, its kind and confidence); r again goes to the next, and after "
    "the last back to where you started. The number after a link's kind is reader's confidence "
    "(0 to 1) that the two sentences report the same thing.\n\n"
    "Two articles about different events share names and words sentence by sentence without "
    "reporting the same facts, so reader first judges whether the two report one event; when it "
    "judges not, only word-for-word lines are linked and the status line says so. e links the "
    "two as one event anyway (e again undoes it)."
)


STORY_HELP = (
    "Stories: the article list groups the articles into stories, articles that report one event, "
    "each under a header with its title, outlets and count; a story lists its articles by date where "
    "known, and articles no other one reports come last, under \"Stories of one\". A big folder is "
    "listed flat until every article is read. [ ] and { } step through the story of the left and "
    "the right article; L and R (or enter) put any highlighted article on a side.\n\n"
    "v opens the story's overview. Pairs: every pair of its articles, the pair that shares most "
    "first (similarity, links, sentences only each side has; the earlier article on the left; ≠ "
    "after the similarity: reader judges the two report different events, so only word-for-word "
    "lines link); "
    "enter shows the pair side by side. Facts: the links of all pairs joined into facts, one row "
    "each, a column per article marking how it reports the fact (= ≈ ~ ◐, + when only that article "
    "does); a, b, o and e show the facts reported by all, by all but one, by only one article (o "
    "again: each article in turn) and every fact; enter shows each article's sentence, the words "
    "that differ from the fact's own sentence emphasised, and enter there opens the pair view at "
    "that sentence. Coverage: per article, the facts it reports and those only it reports. Quotes: "
    "each quote, who said it and which outlets carry it (• as most outlets do, ≠ worded differently "
    "or given to another speaker; ! on a quote with either); enter lists each outlet's wording with "
    "the changed words, and enter there opens the pair. Conflicts: details that linked sentences "
    "state differently (a number, date, name, place or what happened; one side leaving a detail "
    "out is not a conflict); enter opens the pair at that sentence. Under the pairs table, who "
    "copied whom in the pair under the cursor, and why (→ in the Copy column: the later article "
    "reads as a copy of the earlier, ← the other way; nothing when the evidence is weak). 1 to 5 "
    "switch tabs; ⚑ and ✎ mark facts and sentences you flagged or noted."
)


CORPUS_HELP = (
    "A corpus (reader corpus DIR): its stories, the most widely covered first (outlets, then "
    "articles); Linked: how many of a story's pairs of articles reader judges to report one event "
    "with sentences linked (in bold when fewer than half: the story may join two events). / filters as you type: words of a title (every word, any article's title), "
    "outlet:NAME (part of the name; outlet:\"two words\" in quotes), from:YYYY-MM-DD and "
    "to:YYYY-MM-DD (stories running on any day between), outlets:N and articles:N (at least so "
    "many); enter goes back to the list, escape clears the filter. Enter opens a story: its "
    "overview and its pairs come from what the build stored (nothing is aligned again; an article "
    "whose file changed since is compared afresh, and said so); escape in the pair view comes back "
    "to the list. t shows outlets × outlets: how much of each outlet's article is the same as or an "
    "edit of another outlet's on the same story, and how many of its articles read as copies."
)


def help_content(bindings: list[tuple[str, str]], lead: str = "") -> Content:
    width = max((len(k) for k, _ in bindings), default=8) + 2
    # The marks first: they are what a new reader looks up; the keys follow (scroll: j/k, pgdn).
    parts: list[str | tuple[str, str]] = [lead, "\n\n"] if lead else []
    parts += [("Marks", "bold underline"), "\n"]
    for mark, meaning in LEGEND:
        parts += [(f" {mark}  ", "bold"), meaning, "\n"]
    parts += ["\n", NUMBERS_HELP, "\n\n", ("Keys", "bold underline"), "\n"]
    for keys, description in bindings:
        parts += [(keys.ljust(width), "bold"), description, "\n"]
    parts += ["\n", LINKS_HELP, "\n\n", CORRECT_HELP, "\n\n", MOVED_HELP, "\n\n", STORY_HELP, "\n\n", NOTES_HELP, "\n\n", ("ctrl+p opens the command palette; escape closes this help.", "dim")]
    return Content.assemble(*parts)


def binding_rows(app, screen) -> list[tuple[str, str]]:
    """(keys, description) per binding id, in declaration order, with the current keys."""
    rows: dict[str, tuple[list[str], str]] = {}
    for _key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        if binding.system or not binding.description:
            continue
        ident = binding.id or binding.action
        keys, _ = rows.setdefault(ident, ([], binding.description))
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    # reader's own keys first; Textual's generic ones (focus, copy) after them
    ordered = sorted(rows.items(), key=lambda kv: not kv[0].startswith("reader."))
    return [(", ".join(keys), desc) for _ident, (keys, desc) in ordered]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close help", id="reader.help_close"),
    ]

    def __init__(self, rows: list[tuple[str, str]], lead: str = "") -> None:
        super().__init__(id="help")
        self.rows = rows
        self.lead = lead

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(help_content(self.rows, self.lead), id="help-text")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
