"""sourcedrift's analysis: how each article of a story drifts from its primary source.

Data flows one way: ``corpus`` (texts and manifests) -> ``analysis`` (the
measures, returning frozen dataclasses that carry their evidence spans) ->
``reports`` (rendering only) -> ``sourcedrift`` (the command line). Inside,
the stages in the order data flows: ``settings`` and ``records`` (what every
stage shares), ``text`` (tokens, sentences, vectors, sentiment), ``readers``
(what one text says: cleaning, quoted words, names and facts, speakers,
figures), ``measures`` (one per codebook measure, comparing an article with
its primary), ``pipeline`` (the registry of measures and the only caller of
them) and ``parallel``, and ``study`` (gold, evaluation, coders' agreement,
study configurations). Nothing here prints or imports ``reports``.
"""

__version__ = "0.1.0"
