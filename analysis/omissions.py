"""Omissions: what of the primary an article did not carry. STUB (issue #3)."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.alignment import Alignment
from analysis.cleaning import Body, Paywall
from analysis.numbers import FigureReport
from analysis.settings import DEFAULT, Settings

# Removed when the measure is implemented: `evaluate` reports "not measured" until then.
STATUS = "stub"


@dataclass(frozen=True)
class Omissions:
    items: tuple = ()
    partial: bool = False       # True when a paywall hid part of the article


def find(
    article: Body,
    primary: Body,
    alignment: Alignment,
    primary_figures: FigureReport,
    figures: FigureReport,
    paywall: Paywall,
    settings: Settings = DEFAULT,
) -> Omissions:
    return Omissions((), paywall.detected)
