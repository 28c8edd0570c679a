"""Copying (churnalism): how much an article takes verbatim from the primary. STUB (issue #3)."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.cleaning import Body
from analysis.quotes import QuoteReport
from analysis.settings import DEFAULT, Settings

# Removed when the measure is implemented: `evaluate` reports "not measured" until then.
STATUS = "stub"


@dataclass(frozen=True)
class Copying:
    article_share: float = 0.0    # share of the article's words copied from the primary
    primary_share: float = 0.0    # share of the primary's words reused


def measure(article: Body, primary: Body, quotes: QuoteReport, settings: Settings = DEFAULT) -> Copying:
    return Copying()
