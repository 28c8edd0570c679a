"""Quote fidelity: every quotation, its speaker, and how faithful it is to the primary.

STUB (issue #4 fills it in).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from analysis.cleaning import Body
from analysis.settings import DEFAULT, Settings

# Removed when the measure is implemented: `evaluate` reports "not measured" until then.
STATUS = "stub"

QuoteLabel = Literal["exact", "trivial", "marked", "spliced", "altered", "unsourced", "misattributed"]


@dataclass(frozen=True)
class Quote:
    span: tuple[int, int]                   # document offsets of the whole quotation
    segments: tuple[tuple[int, int], ...]   # document offsets of each quoted segment
    text: str
    speaker: str                            # as the primary names them; "" when uncredited
    label: QuoteLabel | None                # None for the primary's own quotations


@dataclass(frozen=True)
class QuoteReport:
    quotes: tuple[Quote, ...]
    diagnostics: tuple[str, ...]


def analyse_story(primary: Body, articles: Sequence[Body], settings: Settings = DEFAULT) -> tuple[QuoteReport, tuple[QuoteReport, ...]]:
    """Extract the primary's and every article's quotations and label the articles' ones."""
    return QuoteReport((), ()), tuple(QuoteReport((), ()) for _ in articles)
