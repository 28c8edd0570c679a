"""Readability of a body (textstat). STUB (issue #6)."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.cleaning import Body

# Removed when the measure is implemented: `evaluate` reports "not measured" until then.
STATUS = "stub"


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float = 0.0


def measure(body: Body) -> Readability:
    return Readability()
