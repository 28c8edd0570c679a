"""Records that several measures read: the event check's verdict and a text's calendar.

A measure returns its own record (``Alignment``, ``QuoteReport``,
``FigureReport``...); the records here are the ones that would otherwise tie
measures into a circle: the figure check, the quotations and the claims read
the event check's verdict, and the event check and the claims read the
calendar of a text's figures. Keeping them below the measures lets the
pipeline hand each measure what it needs without one measure importing
another.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from corpus import ReferenceEvent


class _Figure(Protocol):
    unit: str
    value: float
    year: int
    months: tuple[int, ...]


class _Figures(Protocol):
    @property
    def figures(self) -> Sequence[_Figure]: ...


@dataclass(frozen=True)
class EventCheck:
    """Whether an article reports the primary's event (made by :mod:`analysis.measures.event`)."""

    same_event: bool
    confidence: float                   # 0.5..1: how sure the verdict is
    evidence: tuple[str, ...]           # readable reasons, most telling first
    reference: ReferenceEvent | None    # the story's reference sheet for the event the article reports, if any
    votes: float = 0.0                  # sum of the votes: > 0 leans "different event"
    features: tuple[tuple[str, float], ...] = ()  # the evidence the decider weighed, sorted by name

    @classmethod
    def assumed(cls, reference: ReferenceEvent | None = None) -> EventCheck:
        """A verdict taken as given, not weighed: the primary's event, or the event of ``reference``.

        The pipeline labels an article's figures under each such assumption
        before the event check weighs how well each fits.
        """
        return cls(reference is None, 0.5, (), reference)


@dataclass(frozen=True)
class Calendar:
    """When a text says things happened, from its figures."""

    years: tuple[int, ...]              # every calendar year it names (years, dates, periods), in order
    span: tuple[int, int] | None        # first and last year of its dated events (None: nothing dated)
    months: frozenset[int]              # months of its periods ("June, July and August"; dates excluded)
    dated: tuple[int, ...] = ()         # the years of its dates and periods, in order


def calendar(report: _Figures) -> Calendar:
    """The years, dated span and months of the figures of ``report`` (a figure report of
    :mod:`analysis.measures.figures`).

    The span runs from the first to the last year of the dates and periods
    that carry one; without any, it is the year named most often (the latest
    of a tie).
    """
    years: list[int] = []
    dated: list[int] = []
    months: set[int] = set()
    for figure in report.figures:
        if figure.unit == "year":
            years.append(int(figure.value))
        elif figure.unit in ("date", "period") and figure.year:
            years.append(figure.year)
            dated.append(figure.year)
        if figure.unit == "period":
            months.update(figure.months)
    if dated:
        span: tuple[int, int] | None = (min(dated), max(dated))
    elif years:
        counts = Counter(years)
        common = max(counts, key=lambda y: (counts[y], y))
        span = (common, common)
    else:
        span = None
    return Calendar(tuple(years), span, frozenset(months), tuple(dated))
