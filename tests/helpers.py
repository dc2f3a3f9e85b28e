"""Small article builders shared by the engine tests."""

from __future__ import annotations

from reader.corpus.load import build_article


def article(title: str, *paragraphs: str, path: str = "x.txt"):
    return build_article(title + "\n\n" + "\n\n".join(paragraphs), path)


WIRE = (
    "Harbour strike ends after nine-day standoff",
    "Dockworkers at the Port of Lindell voted on Monday to end a nine-day strike, union officials said.",
    "The agreement raises wages by 12 percent over four years and limits automation until 2029.",
    '"This deal protects the people who built this port," said union president Ana Ruiz.',
    "About 2,400 workers walked off the job on March 3 after talks collapsed.",
    "The port authority said cargo operations would resume on Tuesday morning.",
    "Economists estimated that the strike cost the region about 800 million dollars.",
)
REWRITE = (
    "Lindell dockworkers accept deal, ending strike",
    "Economists put the cost of the nine-day stoppage at roughly 800 million dollars.",
    "Members of the dockworkers union voted on Monday to end their nine-day strike at the Port of Lindell.",
    "Under the deal, wages will rise 12 percent over four years.",
    '"This deal protects the people who built this port," union president Ana Ruiz told reporters.',
    "The mayor praised both sides for returning to the table.",
    "Ships would start unloading on Tuesday, the port authority said.",
)
