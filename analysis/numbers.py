"""Figures: every number, amount, period and date, checked against the primary.

STUB (issue #5 fills it in).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from analysis.alignment import Alignment
from analysis.cleaning import Body
from analysis.event import EventCheck
from analysis.settings import DEFAULT, Settings

# Removed when the measure is implemented: `evaluate` reports "not measured" until then.
STATUS = "stub"

FigureLabel = Literal["match", "rounded", "mismatch", "unsourced"]


@dataclass(frozen=True)
class Figure:
    span: tuple[int, int]     # document offsets
    text: str
    value: float
    label: FigureLabel | None  # None for the primary's own figures


@dataclass(frozen=True)
class FigureReport:
    figures: tuple[Figure, ...]
    inconsistencies: tuple[str, ...]
    reference: str             # what the figures were checked against


def extract(body: Body, settings: Settings = DEFAULT) -> FigureReport:
    return FigureReport((), (), "")


def check(
    article: Body,
    found: FigureReport,
    primary: Body,
    primary_figures: FigureReport,
    alignment: Alignment,
    event: EventCheck,
    settings: Settings = DEFAULT,
) -> FigureReport:
    return found
