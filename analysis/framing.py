"""Framing: hedges, loaded words, tone and attribution against the primary. STUB (issue #6)."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.cleaning import Body
from analysis.settings import DEFAULT, Settings

# Removed when the measure is implemented: `evaluate` reports "not measured" until then.
STATUS = "stub"


@dataclass(frozen=True)
class Framing:
    hedges_dropped: tuple = ()


def analyse(article: Body, primary: Body, settings: Settings = DEFAULT) -> Framing:
    return Framing()
