"""Small stories written as article files, for the command-line tests of stories and reports."""

from __future__ import annotations

import json
from pathlib import Path

# One event (a bridge closed after a crack) reported by three outlets, in their own words.
BRIDGE = [
    ("Tarrow Bridge closed after engineers find crack", "Valley Post", "2024-06-04", [
        "The Tarrow Bridge was closed to all traffic on Monday after engineers found a crack in its main steel girder.",
        "The crack, about 40 centimetres long, was spotted during a routine inspection, the city transport office said.",
        "About 18,000 vehicles cross the bridge every day.",
        "Mayor Ilse Varga said the bridge would stay closed until repairs are finished.",
        "Buses will be diverted through the Kessel tunnel, adding about 15 minutes to journeys.",
    ]),
    ("Crack in girder shuts Tarrow Bridge", "City Herald", "2024-06-03", [
        "Engineers closed the Tarrow Bridge on Monday after finding a 40-centimetre crack in a main steel girder.",
        "The fault was found during a routine inspection, according to the transport office.",
        "Mayor Ilse Varga said the bridge would remain shut until it is repaired.",
        "Repairs could take up to three months and cost 2.5 million euros, officials estimated.",
    ]),
    ("Tarrow Bridge shut: what commuters need to know", "Metro Daily", "2024-06-05", [
        "The Tarrow Bridge, used by about 18,000 vehicles a day, has been closed since Monday after a crack was found in a girder.",
        "Mayor Ilse Varga said the bridge would stay closed until repairs are finished.",
        "Bus routes now run through the Kessel tunnel, which adds around 15 minutes.",
        "Cyclists can still use the old ferry, which runs every half hour.",
    ]),
]

# Another event, reported by two outlets.
CHOIR = [
    ("Lindell youth choir wins European title", "Valley Post", "2024-06-04", [
        "The Lindell Youth Choir won the European Choir Games in Riga on Sunday, beating 42 other choirs.",
        "Conductor Mara Holm said the singers had rehearsed every evening for six months.",
        "The choir will perform a homecoming concert at the cathedral on June 15.",
    ]),
    ("Riga gold for Lindell's young singers", "City Herald", "2024-06-04", [
        "Singers from the Lindell Youth Choir took first prize at the European Choir Games in Riga on Sunday.",
        "They beat 42 choirs from across Europe, conductor Mara Holm said.",
        "A homecoming concert is planned at the cathedral on June 15.",
    ]),
]


def write_article(folder: Path, name: str, title: str, source: str, date: str | None, paragraphs: list[str]) -> Path:
    path = folder / name
    record = {"title": title, "source": source, "text": "\n\n".join(paragraphs)}
    if date:
        record["date"] = date
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def write_story(folder: Path, reports=BRIDGE, prefix: str = "bridge") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write_article(folder, f"{prefix}-{k}.json", *r) for k, r in enumerate(reports)]
