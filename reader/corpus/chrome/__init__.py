"""Site-chrome detection, in parts: ``lexicon`` (word and phrase lists, data), ``text`` (words
and shape of a text unit), ``cues`` (named cue functions), ``model`` (their fitted weights),
``index`` (lines shared across articles) and ``passes`` (the named passes over an article).

The public API is in :mod:`reader.corpus.boilerplate`.
"""
