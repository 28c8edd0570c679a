"""Claims: each article sentence supported, added or contradicted.

STUB (issue #3 fills it in).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from analysis.alignment import Alignment
from analysis.cleaning import Body
from analysis.event import EventCheck
from analysis.numbers import FigureReport
from analysis.quotes import QuoteReport
from analysis.settings import DEFAULT, Settings

# Removed when the measure is implemented: `evaluate` reports "not measured" until then.
STATUS = "stub"

ClaimLabel = Literal["supported", "added", "contradicted"]
AddedKind = Literal["historical", "political", "speculation", "detail", "editorial", "promotional"]


@dataclass(frozen=True)
class Claim:
    sentence: int                  # index into the article body's sentences
    span: tuple[int, int]          # document offsets
    text: str
    label: ClaimLabel
    kind: AddedKind | None


@dataclass(frozen=True)
class ClaimReport:
    claims: tuple[Claim, ...]


def label(
    article: Body,
    primary: Body,
    alignment: Alignment,
    quotes: QuoteReport,
    figures: FigureReport,
    event: EventCheck,
    settings: Settings = DEFAULT,
) -> ClaimReport:
    return ClaimReport(tuple(
        Claim(s.index, (s.doc_start, s.doc_end), s.text, "supported", None) for s in article.sentences
    ))
