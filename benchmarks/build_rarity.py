"""Write reader/engine/data/rarity_en.txt: how common each English word is, from wordfreq.

    pip install wordfreq==3.1.1 && python benchmarks/build_rarity.py

The engine weighs a shared word by how rare it is in general English as well as in the loaded
articles ("said" and "Tuesday" are common everywhere; "impeach" is not). wordfreq (Robyn
Speer, Apache-2.0 code, data CC BY-SA 4.0) gives Zipf frequencies: log10 of occurrences per
billion words. Only words at Zipf >= 3.0 (once per million words; ~29,000 words) are
stored, with their value rounded to 0.1: the engine treats every word not in the table as rare
(Zipf 2.5). The file holds two lines after its header: the words, sorted, separated by spaces;
then one character per word, chr(32 + 10 * Zipf). Importing wordfreq itself costs ~170 ms,
which would triple the time of `reader compare`; this table loads in ~4 ms.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "reader" / "engine" / "data" / "rarity_en.txt"
FLOOR = 3.0


def main() -> None:
    import wordfreq

    table: dict[str, int] = {}
    for word in wordfreq.top_n_list("en", 200_000):
        z = wordfreq.zipf_frequency(word, "en")
        if z < FLOOR:
            break
        if word.isprintable() and not any(c.isspace() for c in word):
            table[word] = round(z * 10)
    words = sorted(table)
    lines = [
        "# English word frequencies (Zipf scale) from wordfreq 3.1.1 (https://github.com/rspeer/wordfreq),",
        "# data CC BY-SA 4.0; written by benchmarks/build_rarity.py. Line 3: words; line 4: chr(32 + 10 * Zipf) each.",
        " ".join(words),
        "".join(chr(32 + table[w]) for w in words),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
