"""Event check: does the article report the same event as the primary?

STUB (issue #3 fills it in).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.alignment import Alignment
from analysis.cleaning import Body
from analysis.settings import DEFAULT, Settings
from corpus import ReferenceEvent

# Removed when the measure is implemented: `evaluate` reports "not measured" until then.
STATUS = "stub"


@dataclass(frozen=True)
class EventCheck:
    same_event: bool
    confidence: float                   # 0..1
    evidence: tuple[str, ...]           # readable reasons, most telling first
    reference: ReferenceEvent | None    # the story's reference sheet for the event the article reports, if any


def check(
    article: Body,
    primary: Body,
    alignment: Alignment,
    references: Sequence[ReferenceEvent],
    settings: Settings = DEFAULT,
) -> EventCheck:
    return EventCheck(True, 0.0, (), None)
