"""A StoryAnalysis of dev_harbor whose measures are filled in from its gold annotations.

The report tests render findings of every kind (altered quotations,
mismatched figures, added and contradicted sentences, another event, a
paywall) whatever state the measures are in: the records here carry the
contract fields the reports read, with gold labels. Test scaffolding only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from analysis.study.gold import load_gold
from analysis.pipeline import StoryAnalysis, analyse_story
from corpus import load_story

DEV = Path(__file__).resolve().parents[1] / "corpus" / "dev_harbor"
BROKEN = Path(__file__).resolve().parents[1] / "corpus" / "broken_heart"
ALL_MEASURES = frozenset({"alignment", "event", "quotes", "numbers", "claims", "omissions", "copying",
                          "readability", "framing"})


@dataclass(frozen=True)
class Quote:
    span: tuple[int, int]
    segments: tuple[tuple[int, int], ...]
    text: str
    speaker: str
    label: str | None
    source_text: str = ""


@dataclass(frozen=True)
class QuoteReport:
    quotes: tuple
    diagnostics: tuple = ()


@dataclass(frozen=True)
class Figure:
    span: tuple[int, int]
    text: str
    value: float
    label: str | None
    unit: str = "count"
    year: int = 0
    source_text: str = ""
    source_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class FigureReport:
    figures: tuple
    inconsistencies: tuple = ()
    reference: str = "the primary"


@dataclass(frozen=True)
class Claim:
    sentence: int
    span: tuple[int, int]
    text: str
    label: str
    kind: str | None


@dataclass(frozen=True)
class ClaimReport:
    claims: tuple


@dataclass(frozen=True)
class EventCheck:
    same_event: bool
    confidence: float
    evidence: tuple
    reference: object


@dataclass(frozen=True)
class SentenceMatch:
    sentence: int
    primary: tuple
    score: float
    shared: tuple


@dataclass(frozen=True)
class Alignment:
    matches: tuple


@dataclass(frozen=True)
class Left:
    text: str
    sentence: int
    kind: str = "sentence"


@dataclass(frozen=True)
class Omissions:
    items: tuple
    partial: bool


@dataclass(frozen=True)
class Copying:
    article_share: float
    primary_share: float


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float
    words: int


@dataclass(frozen=True)
class Framing:
    hedges_dropped: tuple
    tone: float


_QUOTE = re.compile(r"[\"“]([^\"“”]+)[\"”]")
_FIGURE = re.compile(r"\$?\d[\d,.]*(?: (?:million|percent|tons))?")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _align(body, primary_body) -> Alignment:
    matches = []
    for sentence in body.sentences:
        words = _words(sentence.text)
        best, score = (), 0.0
        for p in primary_body.sentences:
            other = _words(p.text)
            if words and other:
                jaccard = len(words & other) / len(words | other)
                if jaccard > score:
                    best, score = (p.index,), jaccard
        if score < 0.12:
            best, score = (), 0.0
        matches.append(SentenceMatch(sentence.index, best, round(score, 4), ()))
    return Alignment(tuple(matches))


@lru_cache(maxsize=1)
def fake_dev_analysis() -> StoryAnalysis:
    """dev_harbor, analysed, with every measure's records taken from gold.toml."""
    story = load_story(DEV)
    real = analyse_story(story)
    gold = load_gold(DEV / "gold.toml", story)
    primary = real.primary
    primary_doc = primary.document.text
    primary_quotes = tuple(
        Quote((m.start(), m.end()), ((m.start(), m.end()),), m.group(0), "", None)
        for m in _QUOTE.finditer(primary_doc) if len(m.group(1).split()) >= 4
    )
    primary_figures = tuple(
        Figure((m.start(), m.end()), m.group(0), 0.0, None)
        for m in _FIGURE.finditer(primary_doc, primary.cleaning.body.pieces[0][1])
    )
    primary = replace(primary, quotes=QuoteReport(primary_quotes), figures=FigureReport(primary_figures),
                      readability=Readability(48.5, 420))
    articles = []
    for n, article in enumerate(real.articles):
        file = article.document.file
        body = article.cleaning.body
        doc = article.document.text
        quotes = tuple(
            Quote(g.span, (g.span,), g.text, g.speaker, g.label,
                  source_text="" if g.label in ("exact", "unsourced") else "our harbors are not a dumping ground")
            for g in gold.quotes if g.file == file
        )
        gold_claims = [g for g in gold.claims if g.file == file]
        claims = []
        for s in body.sentences:
            hit = next((g for g in gold_claims if g.span[0] < s.doc_end and s.doc_start < g.span[1]), None)
            claims.append(Claim(s.index, (s.doc_start, s.doc_end), s.text,
                                hit.label if hit else "supported", (hit.kind or None) if hit else None))
        flagged = {g.span: g.label for g in gold.numbers if g.file == file}
        figures = [Figure(span, doc[span[0]:span[1]], 0.0, label) for span, label in flagged.items()]
        for m in _FIGURE.finditer(doc):
            span = (m.start(), m.end())
            if not any(a < span[1] and span[0] < b for a, b in flagged) and any(
                    s.doc_start <= span[0] < s.doc_end for s in body.sentences):
                figures.append(Figure(span, m.group(0), 0.0, "match"))
        gold_document = next(d for d in gold.documents if d.file == file)
        event = EventCheck(True, 0.9, (), None) if gold_document.same_event else EventCheck(
            False, 0.85, ("it describes the 2024 sweep, not the 2025 one", "its figures differ from the primary's"), None)
        aligned = _align(body, primary.cleaning.body)
        used = {p for m in aligned.matches for p in m.primary}
        left = tuple(Left(s.text, s.index) for s in primary.cleaning.body.sentences
                     if s.index not in used and s.kind == "text")[:4]
        articles.append(replace(
            article,
            quotes=QuoteReport(quotes),
            claims=ClaimReport(tuple(claims)),
            figures=FigureReport(tuple(sorted(figures, key=lambda f: f.span))),
            event=event,
            alignment=aligned,
            omissions=Omissions(left, article.cleaning.paywall.detected),
            copying=Copying(round(0.15 + 0.1 * n, 3), round(0.3 + 0.05 * n, 3)),
            readability=Readability(round(40 + 5.5 * n, 2), 300 + 10 * n),
            framing=Framing(("may",) * n, round(-0.2 + 0.1 * n, 3)),
        ))
    return replace(real, primary=primary, articles=tuple(articles))
