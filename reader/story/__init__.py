"""The story layer: a set of articles opened together, and everything computed across them.

:class:`~reader.story.library.Library` owns the articles (lazy loading for big folders), the
comparisons of their pairs (computed once, cached by content), the grouping into stories
(:mod:`.grouping`) and the overview of a story (:mod:`.overview`: pairs, facts across all its
articles, coverage). The CLI, the TUI and notes exports all ask it, so they agree. No textual
here: the TUI is a view of this layer.
"""
