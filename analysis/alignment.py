"""Alignment: each article sentence matched to the primary sentence(s) that best support it.

STUB (issue #3 fills it in). The contract other measures rely on is the
``Alignment`` / ``SentenceMatch`` records and the ``fit`` / ``align`` functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.cleaning import Body
from analysis.settings import DEFAULT, Settings

# Removed when the measure is implemented: `evaluate` reports "not measured" until then.
STATUS = "stub"


@dataclass(frozen=True)
class SentenceMatch:
    """The best support in the primary for one article sentence."""

    sentence: int              # index into the article body's sentences
    primary: tuple[int, ...]   # indices of the primary body's sentences (one, or two adjacent); () if none
    score: float               # 0..1, higher = closer
    shared: tuple[str, ...]    # wording the two share


@dataclass(frozen=True)
class Alignment:
    matches: tuple[SentenceMatch, ...]  # one per article body sentence, in order


@dataclass(frozen=True)
class AlignmentModel:
    """Whatever is fitted once per story (vectorisers over its sentences)."""

    primary: Body


def fit(primary: Body, articles: Sequence[Body], settings: Settings = DEFAULT) -> AlignmentModel:
    """Fit the story's model on the primary and its coverage."""
    return AlignmentModel(primary)


def align(article: Body, model: AlignmentModel, settings: Settings = DEFAULT) -> Alignment:
    """Align every sentence of ``article`` to the primary."""
    return Alignment(tuple(SentenceMatch(s.index, (), 0.0, ()) for s in article.sentences))
