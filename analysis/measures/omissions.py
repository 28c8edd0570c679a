"""Omissions: what of the primary an article did not carry.

Three kinds of item, ranked together by importance (0..1, higher = a more
serious omission):

- ``sentence``: a primary sentence less than ``omission_carried_score`` of
  whose words and word pairs (IDF-weighted) the article carries anywhere
  (``Alignment.primary_coverage``). Importance grows with the
  sentence's lead position (the first sentences of a release carry its news),
  its figures and its quotations.
- ``figure``: a figure of the primary (amounts, shares, counts, durations)
  that no figure of the article matches or rounds, by the figure report
  (``analysis.measures.figures``: each article figure names the primary figure it was
  checked against). When the article reports a different event with a
  reference sheet, the sheet's figures are checked instead of the primary's
  (the wrong primary's figures would all be "omitted").
- ``hedge``: a hedge of the primary ("suspected", "alleged", ``data/hedges.txt``)
  that the article dropped: the aligned article sentence carries the words the
  hedge qualifies but not the hedge.

A paywalled article is scored only on what was visible: ``partial`` is true
and ``note`` says so first; the items are what the visible text left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from analysis.measures.alignment import Alignment
from analysis.measures.figures import FigureReport
from analysis.readers.cleaning import Body, Paywall
from analysis.readers.facts import AMOUNT_UNITS, primary_facts
from analysis.records import EventCheck
from analysis.settings import (DEFAULT, OMISSION_FIGURES_WEIGHT, OMISSION_HEDGE_IMPORTANCE, OMISSION_LEAD_WEIGHT,
                               OMISSION_QUOTE_WEIGHT, OMISSION_SHEET_BASE, OMISSION_SHEET_RANK_WEIGHT, Settings,
                               word_list)
from analysis.text.tokens import stem, tokens

OmissionKind = Literal["sentence", "figure", "hedge"]
_CARRIED = ("match", "rounded")


@dataclass(frozen=True)
class Omission:
    """One thing of the primary the article did not carry."""

    kind: OmissionKind
    text: str                       # the primary's sentence, figure, or hedge phrase
    span: tuple[int, int]           # document offsets in the PRIMARY (0, 0 for a reference figure)
    importance: float               # 0..1, higher = a more serious omission
    reasons: tuple[str, ...]        # why it ranks where it does ("lead sentence", "has figures")
    primary_sentence: int = -1      # index of the primary body sentence it comes from (-1: none)
    best_score: float = 0.0         # sentences: how much of it the article carries (0..1); hedges: alignment score
    article_sentence: int = -1      # hedges: the article sentence that dropped it


@dataclass(frozen=True)
class Omissions:
    items: tuple[Omission, ...] = ()    # most important first
    partial: bool = False               # True when a paywall hid part of the article
    carried_share: float = 0.0          # share (0..1) of primary sentences the article carried
    same_event: bool = True
    note: str = ""                      # said first: a paywall, or a different event


@lru_cache(maxsize=1)
def _hedges() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("hedges"))


def _importance(index: int, total: int, has_figures: bool, has_quote: bool, *, lead_weight: float = OMISSION_LEAD_WEIGHT,
                figures_weight: float = OMISSION_FIGURES_WEIGHT, quote_weight: float = OMISSION_QUOTE_WEIGHT
                ) -> tuple[float, tuple[str, ...]]:
    """Lead position weighs most (0.5), then figures (0.3) and quotations (0.2)."""
    lead = 1.0 - index / max(total, 1)
    reasons = []
    if index < 3:
        reasons.append("lead sentence")
    if has_figures:
        reasons.append("has figures")
    if has_quote:
        reasons.append("has a quotation")
    return round(lead_weight * lead + figures_weight * has_figures + quote_weight * has_quote, 4), tuple(reasons)


def _dropped_hedges(article: Body, primary: Body, alignment: Alignment, settings: Settings) -> list[Omission]:
    """Hedges of a primary sentence missing from the article sentence aligned to it."""
    found = []
    hedges = _hedges()
    for match in alignment.matches:
        if match.score < settings.omission_carried_score or not match.primary:
            continue
        sentence = article.sentences[match.sentence]
        article_words = set(tokens(sentence.text))
        if article_words & hedges:
            continue
        article_stems = {stem(w) for w in article_words}
        for index in match.primary:
            source = primary.sentences[index]
            words = tokens(source.text)
            for position, word in enumerate(words):
                if word not in hedges:
                    continue
                qualified = [w for w in words[position + 1:position + 1 + settings.omission_hedge_window]
                             if len(w) > 3 and not w[:1].isdigit()]
                if not any(stem(w) in article_stems for w in qualified):
                    continue
                phrase = " ".join(words[position:position + 1 + settings.omission_hedge_window])
                start = re.search(rf"\b{re.escape(word)}\b", source.text, re.IGNORECASE)
                offset = source.start + (start.start() if start else 0)
                found.append(Omission(
                    kind="hedge",
                    text=phrase,
                    span=primary.to_document(offset, offset + len(word)),
                    importance=OMISSION_HEDGE_IMPORTANCE,
                    reasons=(f"the article carries the claim without {word!r}",),
                    primary_sentence=index,
                    best_score=match.score,
                    article_sentence=match.sentence,
                ))
    return found


def _dropped_reference_hedges(article: Body, figures: FigureReport, event: EventCheck) -> list[Omission]:
    """Article sentences giving a reference figure whose quantity the sheet hedges, without any hedge."""
    hedges = _hedges()
    found = []
    for known in event.reference.figures:
        hedge = next((w for w in tokens(known.quantity) if w in hedges), None)
        if hedge is None:
            continue
        for sentence in article.sentences:
            if set(tokens(sentence.text)) & hedges:
                continue
            if any(f.sentence == sentence.index and f.unit == "count" and f.label in _CARRIED
                   and f.source_span is None and f.source_text == known.text for f in figures.figures):
                found.append(Omission(
                    kind="hedge",
                    text=f"{hedge} ({known.quantity})",
                    span=(0, 0),
                    importance=OMISSION_HEDGE_IMPORTANCE,
                    reasons=(f"gives {known.text} {known.quantity} without {hedge!r} "
                             f"({event.reference.name} reference sheet)",),
                    article_sentence=sentence.index,
                ))
    return found


def find(
    article: Body,
    primary: Body,
    alignment: Alignment,
    primary_figures: FigureReport,
    figures: FigureReport,
    paywall: Paywall,
    settings: Settings = DEFAULT,
    event: EventCheck | None = None,
) -> Omissions:
    """What of the primary (or, for another event, its reference sheet) the article left out.

    ``primary_figures`` is ``figures.extract(primary)`` and ``figures`` the
    article's checked figure report; ``event`` None is the primary's event.
    """
    facts = primary_facts(primary)
    same_event = event is None or event.same_event
    notes = []
    if not same_event:
        notes.append("This article reports a different event from the primary's"
                     + (f" ({event.reference.name}); figures are checked against its reference sheet"
                        if event.reference is not None else "")
                     + "; the primary's sentences are not listed as omitted.")
    if paywall.detected:
        notes.append("A paywall hid part of this article: omissions count only what was visible.")
    items: list[Omission] = []
    best = alignment.primary_coverage or alignment.coverage_of_primary(len(primary.sentences))
    carried = sum(1 for score in best if score >= settings.omission_carried_score)
    total = len(primary.sentences)
    news = [f for f in primary_figures.figures if f.unit in AMOUNT_UNITS]
    by_span = {f.span: f for f in news}
    # The primary's values the article gives (a value the release repeats is carried once given).
    carried_values = {(by_span[f.source_span].unit, by_span[f.source_span].value) for f in figures.figures
                      if f.label in _CARRIED and f.source_span in by_span}

    if same_event:
        for sentence, score in zip(primary.sentences, best):
            if score >= settings.omission_carried_score or sentence.kind == "heading":
                continue
            has_figures = any(f.sentence == sentence.index for f in news)
            importance, reasons = _importance(sentence.index, total, has_figures,
                                              sentence.index in facts.quoted_sentences)
            items.append(Omission("sentence", sentence.text, (sentence.doc_start, sentence.doc_end), importance,
                                  reasons, sentence.index, round(score, 4)))
        seen: set[tuple[str, float]] = set()
        for figure in news:
            key = (figure.unit, figure.value)
            if key in seen or key in carried_values:
                continue
            seen.add(key)
            importance, reasons = _importance(figure.sentence, total, True, figure.sentence in facts.quoted_sentences)
            items.append(Omission("figure", figure.text, figure.span, importance, reasons, figure.sentence))
        items.extend(_dropped_hedges(article, primary, alignment, settings))
    elif event is not None and event.reference is not None:
        items.extend(_dropped_reference_hedges(article, figures, event))
        given = {f.source_text for f in figures.figures if f.label in _CARRIED and f.source_span is None}
        for rank, known in enumerate(event.reference.figures):
            if known.counted == "year" or known.text in given:
                continue
            importance = round(OMISSION_SHEET_BASE + OMISSION_SHEET_RANK_WEIGHT
                               * (1.0 - rank / max(len(event.reference.figures), 1)), 4)
            items.append(Omission("figure", f"{known.text} ({known.quantity})", (0, 0), importance,
                                  (f"in the reference sheet for {event.reference.name}",)))
    items.sort(key=lambda item: (-item.importance, item.kind, item.primary_sentence, item.text))
    return Omissions(
        items=tuple(items),
        partial=paywall.detected,
        carried_share=round(carried / total, 4) if total else 0.0,
        same_event=same_event,
        note=" ".join(notes),
    )
