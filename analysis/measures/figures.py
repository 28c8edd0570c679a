"""Figures: every number, amount, period and date, checked against the primary.

``extract(body)`` reads the figures of a body (analysis.readers.figures: the
value, its qualifier as an interval, the unit, the thing counted) and flags two
different values for one quantity inside it. ``check(...)`` labels each figure
of an article against the primary's figure for the same quantity, first in the
aligned sentence, then anywhere in the primary; or, for an article on another
event that the story has a reference sheet for, against the sheet.

Labels (codebook, "Numbers"):

- ``match``: the source gives the same value for the same quantity;
- ``rounded``: a different value whose interval overlaps the source's
  ("more than $4 million" for $4,250,000; "about 1,800" for 1,840);
- ``mismatch``: the same quantity with an inconsistent value ("1,480 tons" for 1,840);
- ``unsourced``: no figure of the source counts this quantity (including
  shares and ordinals worked out from the source's figures, and, in an article
  on another event with no reference sheet, every figure the primary does not
  state verbatim).

"The same quantity" is a score (higher = surer): a prior for the unit, the
counted nouns agreeing (one word, synonyms, or a compound and its head:
"wildfires", "fires") or conflicting, shared context words, the primary
figure lying in the aligned sentence (or in the primary's headline, for a
figure of the article's headline), and a penalty when one figure is a
running total and the other is not. Weights are in analysis/settings.py.

A source figure whose value the article's wording allows (the same value, or
one inside the interval of "about 1,300") needs little evidence; a hedged
figure ("roughly 85 percent") takes the best-evidenced of them, a plain one
the same value first. A different value needs the "same quantity" score (a
different year more). A common value (two significant digits or fewer) in a
sentence sharing no word with the article's yields to a source figure with
far more evidence: "hits 32" in a headline is the release headline's
"sickens 23", not its "32 samples". Identifiers ("Route 62") only ever match.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from analysis.measures.alignment import Alignment
from analysis.readers.cleaning import Body
from analysis.readers.figures import FISCAL_YEAR, INFINITY, Reading, Unit, canonical, interval, lexicon, read
from analysis.records import EventCheck
from analysis.settings import DEFAULT, Settings
from analysis.text.scores import level
from corpus import ReferenceEvent

FigureLabel = Literal["match", "rounded", "mismatch", "unsourced"]

# How much a shared unit alone says about two figures being one quantity: a
# date or a sum of money is rarer in a release than a bare count.
UNIT_PRIOR = {"count": 0.0, "year": 0.0, "decade": 0.0, "ordinal": 0.5, "percent": 0.5,
              "money": 1.0, "duration": 1.0, "date": 1.5, "period": 1.5, "identifier": 0.0}
# Units whose figures can be compared with each other.
_COMPARABLE = {
    "count": ("count",), "money": ("money",), "percent": ("percent",), "ordinal": ("ordinal",),
    "duration": ("duration",), "date": ("date",), "period": ("period", "date"), "identifier": ("identifier",),
    "year": ("year", "decade", "date", "period"), "decade": ("year", "decade", "date", "period"),
}
_NUMERIC = ("count", "money", "percent", "ordinal", "duration")
_UPWARD = ("above", "at_least", "just_above")
_DOWNWARD = ("below", "at_most", "near_below")


@dataclass(frozen=True)
class Figure:
    """One figure of a body and, for an article, its label with the evidence.

    ``value`` is the number stated (see analysis.readers.figures.Reading for dates and
    periods); ``low``/``high`` the interval its qualifier and rounding allow
    (``inf`` where open; written as null in results.json). ``source_*`` name
    the primary's (or the reference sheet's) figure it was checked against.
    """

    span: tuple[int, int]     # document offsets
    text: str
    value: float
    label: FigureLabel | None  # None for the primary's own figures
    low: float = 0.0
    high: float = 0.0
    qualifier: str = ""        # "more than", "nearly", ... ("" when none)
    unit: Unit = "count"       # count, money, percent, year, decade, date, period, duration, ordinal, identifier
    counted: str = ""          # what is counted, as written ("violations"; "month" for a duration)
    sentence: int = -1         # index of the body sentence holding it
    year: int = 0              # the calendar of a year, decade, date or period (0 / () when unstated)
    months: tuple[int, ...] = ()
    day: int = 0
    source_text: str = ""      # the figure it was checked against, as the source writes it
    source_span: tuple[int, int] | None = None  # its document offsets in the primary (None for a sheet)
    source: str = ""           # the primary's file name or the reference sheet's
    reason: str = ""
    # Evidence used to decide "the same quantity".
    qualifier_kind: str = ""
    head: str = ""             # canonical stem of the counted noun
    context: frozenset[str] = frozenset()
    partitive: bool = False
    cumulative: bool = False


@dataclass(frozen=True)
class Inconsistency:
    """Two figures of one article giving different values for the same quantity."""

    first: tuple[int, int]    # document offsets
    second: tuple[int, int]
    first_text: str
    second_text: str
    reason: str


@dataclass(frozen=True)
class FigureReport:
    figures: tuple[Figure, ...]
    inconsistencies: tuple[Inconsistency, ...]
    reference: str             # what the figures were checked against


# --- extraction -----------------------------------------------------------------------

def _figure(body: Body, reading: Reading, sentence: int) -> Figure:
    return Figure(
        span=body.to_document(reading.start, reading.end),
        text=body.text[reading.start:reading.end],
        value=reading.value,
        label=None,
        low=reading.low,
        high=reading.high,
        qualifier=reading.qualifier,
        unit=reading.unit,
        counted=reading.counted,
        sentence=sentence,
        year=reading.year,
        months=reading.months,
        day=reading.day,
        qualifier_kind=reading.qualifier_kind,
        head=reading.head,
        context=reading.context,
        partitive=reading.partitive,
        cumulative=reading.cumulative,
    )


def extract(body: Body, settings: Settings = DEFAULT) -> FigureReport:
    """Every figure of ``body``, unlabelled, and the quantities it gives two values for.

    Never raises; an empty body gives an empty report.
    """
    figures = tuple(
        _figure(body, reading, sentence.index)
        for sentence in body.sentences
        for reading in read(body.text, sentence.start, sentence.end, settings)
    )
    return FigureReport(figures, _inconsistencies(figures, settings), "")


def _inconsistencies(figures: Sequence[Figure], settings: Settings) -> tuple[Inconsistency, ...]:
    """Pairs of figures that count the same thing with values no reading can reconcile."""
    found: list[Inconsistency] = []
    seen: set[tuple] = set()
    numeric = [f for f in figures if f.unit in _NUMERIC and not f.partitive]
    for i, first in enumerate(numeric):
        for second in numeric[i + 1:]:
            # Figures of one sentence share their context words but rarely count one thing twice.
            if second.sentence == first.sentence or second.unit != first.unit:
                continue
            if _same_value(first, second) or _overlaps(first, second):
                continue
            # Two values of one quantity in one article are near each other (a
            # typo, a changed figure); farther apart, they count different things.
            if _ratio(first, second) > settings.figure_close_ratio:
                continue
            if _score(first, second, False, settings) < settings.figure_inconsistency_score:
                continue
            key = (first.unit, *sorted((first.value, second.value)))
            if key in seen:
                continue
            seen.add(key)
            found.append(Inconsistency(
                first.span, second.span, first.text, second.text,
                f"{first.text!r} and {second.text!r} give different values for "
                f"{_quantity_name(first, second)}"))
    return tuple(found)


def _quantity_name(a: Figure, b: Figure) -> str:
    counted = a.counted if a.counted and a.counted != "$" else b.counted
    return f"the same {counted}" if counted and counted != "$" else f"the same {a.unit}"


# --- comparing two figures ------------------------------------------------------------

def _days(figure: Figure) -> float:
    units = lexicon().time_units
    return units.get(figure.counted, (figure.counted, 1.0))[1]


def _scaled(figure: Figure) -> tuple[float, float, float]:
    """(value, low, high) on one scale: days for durations, the stated unit otherwise."""
    factor = _days(figure) if figure.unit == "duration" else 1.0
    return figure.value * factor, figure.low * factor, figure.high * factor


def _same_value(a: Figure, b: Figure, *, other_event: bool = False) -> bool:
    """``a`` states ``b``'s value. ``other_event``: ``a`` is from an article on another
    event, where a day or month without the primary's year is that event's."""
    if a.unit in _NUMERIC:
        x, y = _scaled_value(a), _scaled_value(b)
        return math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9)
    if other_event and a.unit in ("date", "period") and not (a.year and a.year == b.year):
        return False
    years_agree = not a.year or not b.year or a.year == b.year
    if a.unit == "date":
        return b.unit == "date" and a.months == b.months and a.day == b.day and years_agree
    if a.unit == "period" and b.unit == "date":
        # "in July" for the primary's "July 19": the month its date falls in.
        return len(a.months) == 1 and a.months == b.months and years_agree
    if a.unit == "period":
        return a.months == b.months and years_agree
    if a.unit == "year":
        return b.unit in ("year", "date", "period") and a.year == b.year
    if a.unit == "decade":
        return b.unit == "decade" and (a.low, a.high) == (b.low, b.high)
    if a.unit == "identifier":
        return a.counted == b.counted and a.value == b.value
    return False


def _consistent(a: Figure, b: Figure, settings: Settings) -> bool:
    """``b``'s value is one that ``a``'s wording allows: inside its interval, and
    within ``figure_open_ratio`` of the bound of an open one ("more than 20" for 23)."""
    if a.unit not in _NUMERIC or not _overlaps(a, b):
        return False
    open_ended = a.high == INFINITY or a.low <= 0
    return not open_ended or _ratio(a, b) <= settings.figure_open_ratio


def _overlaps(a: Figure, b: Figure) -> bool:
    # Strict: "2,200" (2,150-2,250) and "2,300" (2,250-2,350) only touch.
    _, a_low, a_high = _scaled(a)
    _, b_low, b_high = _scaled(b)
    if a_low == a_high and b_low == b_high:
        return a_low == b_low
    return a_low < b_high and b_low < a_high


def _scaled_value(figure: Figure) -> float:
    """``_scaled(figure)[0]`` without the bounds (ratios are taken very often)."""
    return figure.value * _days(figure) if figure.unit == "duration" else figure.value


def _ratio(a: Figure, b: Figure) -> float:
    x, y = abs(_scaled_value(a)), abs(_scaled_value(b))
    if x == y:
        return 1.0
    if min(x, y) == 0:
        return INFINITY
    return max(x, y) / min(x, y)


def _ratio_ok(a: Figure, b: Figure, settings: Settings) -> bool:
    return a.unit not in _NUMERIC or _ratio(a, b) <= settings.figure_max_ratio


def _year_of(figure: Figure) -> tuple[float, float]:
    if figure.unit == "decade":
        return figure.low, figure.high
    return float(figure.year), float(figure.year)


def compare(a: Figure, b: Figure) -> tuple[FigureLabel, str]:
    """The label of ``a`` against ``b``, a figure of the same quantity, with the reason."""
    if _same_value(a, b):
        if (a.qualifier_kind in _UPWARD and b.qualifier_kind in _DOWNWARD) or (
                a.qualifier_kind in _DOWNWARD and b.qualifier_kind in _UPWARD):
            return "mismatch", f"{a.text!r} points the other way from {b.text!r}"
        return "match", f"same value as {b.text!r}"
    if a.unit in _NUMERIC:
        if _overlaps(a, b):
            return "rounded", f"{a.text!r} is consistent with {b.text!r}"
        return "mismatch", f"{a.text!r} differs from {b.text!r}"
    if a.unit in ("year", "decade") and b.year:
        a_low, a_high = _year_of(a)
        b_low, b_high = _year_of(b)
        if a_low <= b_high and b_low <= a_high:
            return "rounded", f"{a.text!r} is consistent with {b.text!r}"
    return "mismatch", f"{a.text!r} differs from {b.text!r}"


def _heads_agree(a: Figure, b: Figure) -> bool:
    """The counted nouns name one thing: the same stem, or one a closed compound of the other
    ("wildfires" and "fires": English puts a compound's head last)."""
    if a.head == b.head:
        return True
    x, y = (a.counted, b.counted) if len(a.counted) <= len(b.counted) else (b.counted, a.counted)
    if len(x) < 4 or len(y) - len(x) < 3:
        return False
    x, y = x.lower(), y.lower()
    return y.endswith(x) and y[:len(y) - len(x)].isalpha()


def _score(a: Figure, b: Figure, aligned: bool, settings: Settings, keyword_weight: float | None = None,
           *, totals_apart: bool = True) -> float:
    """How sure we are that ``a`` and ``b`` count the same thing (higher = surer; unbounded).

    ``totals_apart``: penalise a running total against an event's own figure
    (the caller says False when the source has no figure of the other kind to
    tell it from).
    """
    score = UNIT_PRIOR.get(a.unit, 0.0)
    if a.unit in ("count", "money", "percent", "ordinal"):
        if keyword_weight is not None and a.head:
            # A sheet's keywords list the nouns its figure may be counted by.
            in_sheet = a.head == b.head or a.head in b.context
            score += settings.figure_head_match if in_sheet else -settings.figure_head_conflict
        elif a.head and b.head:
            score += settings.figure_head_match if _heads_agree(a, b) else -settings.figure_head_conflict
        elif a.head and a.head in b.context or b.head and b.head in a.context:
            score += settings.figure_head_in_context
    weight = settings.figure_context_weight if keyword_weight is None else keyword_weight
    score += min(len(a.context & b.context) * weight, settings.figure_context_cap)
    if aligned:
        score += settings.figure_aligned_bonus
    if totals_apart and a.cumulative != b.cumulative and a.unit not in ("year", "decade", "date", "period",
                                                                          "identifier"):
        score -= settings.figure_total_penalty
    if a.unit in _NUMERIC and _ratio(a, b) <= settings.figure_close_ratio:
        score += settings.figure_close_bonus
    return score


# --- what an article is checked against -----------------------------------------------

_SENTENCE_END = (".", "!", "?", '"', "”", "’", ")")


def title_sentences(body: Body, *, max_paragraphs: int = 3) -> frozenset[int]:
    """The sentences of a body's headline and decks: the paragraphs before its first
    full sentence of prose (at most ``max_paragraphs``), whatever cleaning called them."""
    titles: set[int] = set()
    for paragraph in body.paragraphs[:max_paragraphs]:
        if paragraph.text.rstrip().endswith(_SENTENCE_END):
            break
        titles.update(s.index for s in body.sentences if s.paragraph == paragraph.index)
    return frozenset(titles)


@dataclass(frozen=True)
class _Candidate:
    figure: Figure
    keyword: bool   # from a reference sheet: its context words are curated keywords


def _durations_of_periods(figures: Iterable[Figure]) -> list[Figure]:
    """A period of months states its length: "June, July and August" is three months."""
    return [
        replace(f, value=float(len(f.months)), low=float(len(f.months)), high=float(len(f.months)),
                unit="duration", counted="month", head="month", qualifier="", qualifier_kind="")
        for f in figures if f.unit == "period" and len(f.months) >= 2
    ]


@lru_cache(maxsize=1024)
def _words(*texts: str) -> frozenset[str]:
    # Cached: an article's sentence is read once per figure in it and again for the words it shares.
    stop = lexicon().stopwords
    return frozenset(canonical(w) for text in texts for w in re.findall(r"[A-Za-z][\w'’\-]*", text)
                     if w.lower() not in stop and len(w) > 1)


@lru_cache(maxsize=32)
def _sheet_figures(reference: ReferenceEvent, settings: Settings) -> tuple[Figure, ...]:
    """The reference sheet's figures as Figures, read with the same grammar (once per sheet)."""
    out = []
    qualifiers = lexicon().qualifiers
    for item in reference.figures:
        readings = read(item.text, settings=settings)
        unit: Unit = readings[0].unit if readings else "count"
        counted = item.counted
        if counted.lower() in ("year", "years") and 1000 <= item.value <= 2100:
            unit = "year"
        elif unit not in ("money", "percent", "duration", "ordinal"):
            unit = "count"
        if unit == "duration":
            counted = readings[0].counted
        kind = qualifiers.get(item.qualifier.lower(), "")
        low, high = interval(item.value, kind, 0.0, settings)
        head_word = counted.split()[-1] if counted.split() else ""
        out.append(Figure(
            span=(0, 0), text=item.text, value=item.value, label=None, low=low, high=high,
            qualifier=item.qualifier, unit=unit, counted=counted,
            year=int(item.value) if unit == "year" else 0,
            qualifier_kind=kind, head=canonical(head_word) if head_word and unit != "duration" else counted,
            context=_words(item.quantity, counted, *item.keywords),
            cumulative=bool(re.search(r"\bsince\b|\bto date\b|\bprogram began\b|\binception\b",
                                      item.quantity, re.IGNORECASE)),
        ))
    if reference.months:
        months = tuple(reference.months)
        period = Figure(
            span=(0, 0), text=reference.period or reference.name, value=float(len(months)), label=None,
            low=float(len(months)), high=float(len(months)), unit="period", counted="months",
            year=reference.year, months=months, head="period",
            context=_words(reference.name, reference.operation, "operation"))
        out.append(period)
        out.extend(_durations_of_periods([period]))
    published = _release_date(reference.published, reference.source)
    return tuple(out) + ((published,) if published else ())


def _release_date(published: str, source: str = "") -> Figure | None:
    """The date a source was issued ("2025-11-18" in its manifest) as a date Figure; None if not ISO."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", published or "")
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Figure(
        span=(0, 0), text=published, value=float(day), label=None, low=float(day),
        high=float(day), unit="date", counted="date", year=year, months=(month,), day=day, head="date",
        context=_words("announced released said statement", source))


def _best(scored: list[tuple[float, Figure]], a: Figure) -> tuple[float, Figure]:
    """Highest score; then the closest value; then the earliest in the source."""
    numeric = a.unit in _NUMERIC

    def key(pair: tuple[float, Figure]) -> tuple[float, float, int]:
        ratio = _ratio(a, pair[1]) if numeric else INFINITY
        return pair[0], -abs(math.log(ratio)) if ratio < INFINITY else 0.0, -pair[1].span[0]

    return max(scored, key=key)


_CURRENCIES = (("$", "$"), ("€", "€"), ("£", "£"), ("dollar", "$"), ("euro", "€"), ("pound", "£"))


def _currency(figure: Figure) -> str:
    """The currency a sum is written in ("$", "€", "£"; "" for none named or not money).

    A sum in another currency than the source's is a conversion the reporter
    made ("$1.3 billion" beside "€1.2 billion"), never the same figure changed.
    """
    if figure.unit != "money":
        return ""
    text = figure.text.lower()
    return next((symbol for cue, symbol in _CURRENCIES if cue in text), "")


def _scored(a: Figure, candidates: Sequence[_Candidate], aligned: frozenset[int],
            settings: Settings) -> list[tuple[float, Figure]]:
    """Every source figure comparable with ``a`` and its "same quantity" score (``_score``)."""
    currency = _currency(a)
    comparable = [c for c in candidates if c.figure.unit in _COMPARABLE.get(a.unit, ())
                  and (a.counted != FISCAL_YEAR or c.figure.counted == FISCAL_YEAR)
                  and not (currency and _currency(c.figure) not in ("", currency))]
    # Kinds (unit, counted noun) the source gives both as a running total and
    # not: only there does "since 2012" tell two figures apart.
    kinds = {(c.figure.unit, c.figure.head, c.figure.cumulative) for c in comparable}
    scored: list[tuple[float, Figure]] = []
    for candidate in comparable:
        b = candidate.figure
        weight = settings.figure_keyword_weight if candidate.keyword else None
        apart = (b.unit, b.head, a.cumulative) in kinds
        scored.append((_score(a, b, b.sentence in aligned, settings, weight, totals_apart=apart), b))
    return scored


def _label_one(
    a: Figure,
    candidates: Sequence[_Candidate],
    aligned: frozenset[int],
    settings: Settings,
    *,
    other_event: bool,
    share_words: Callable[[Figure, Figure], bool] | None = None,
    scored: list[tuple[float, Figure]] | None = None,
) -> tuple[FigureLabel, Figure | None, str]:
    """The label of article figure ``a`` against ``candidates``, the figure used and why.

    ``share_words(a, b)``: whether the sentences of ``a`` and of source figure
    ``b`` share a content word (None: not known, as for a reference sheet).
    """
    if scored is None:
        scored = _scored(a, candidates, aligned, settings)
    # Candidates whose value the article's wording allows need far less
    # evidence of being the same quantity than a changed value does.
    floor = settings.figure_same_value_score
    equal = [(s, b) for s, b in scored if s >= floor and _same_value(a, b, other_event=other_event)]
    if other_event:
        if equal:
            return _labelled(a, _best(equal, a)[1])
        return "unsourced", None, "the article reports another event; the primary gives no value for it"
    consistent = [(s, b) for s, b in scored if s >= floor and not _same_value(a, b) and _consistent(a, b, settings)]
    # A hedged figure ("roughly 85 percent") is no closer to an equal value
    # than to any other it allows; a plain one is.
    pool = equal + consistent if a.qualifier_kind not in ("", "exact") else (equal or consistent)
    # A name ("Route 62") is the same or another name, never a changed value.
    plausible = [(s, b) for s, b in scored if a.unit != "identifier"
                 and s >= _needed(a, b, settings) and _ratio_ok(a, b, settings)
                 and (b.partitive or not a.partitive) and not (a.unit == "period" and b.unit == "date")]
    if pool:
        best_score, b = _best(pool, a)
        # A common value in a sentence that shares no word with the article's
        # is a coincidence when far stronger evidence points elsewhere ("hits
        # 32" in a headline, beside the release's "32 samples" on another
        # matter, while the release's headline says "sickens 23").
        rivals = [(s, r) for s, r in plausible if s >= best_score + settings.figure_override_margin]
        if rivals and share_words is not None and _significant_digits(b.value) <= 2 and not share_words(a, b):
            b = _best(rivals, a)[1]
        return _labelled(a, b)
    if a.partitive and not plausible:
        return "unsourced", None, "a part of a set the source does not break down"
    if not plausible:
        return "unsourced", None, "no figure in the source for this quantity"
    return _labelled(a, _best(plausible, a)[1])


def _significant_digits(value: float) -> int:
    """Digits that carry the value: 32 and 17,000,000 have 2, 87.3 and 1,840 have 3 and 4."""
    mantissa = f"{abs(value):.10g}".split("e")[0].replace(".", "").strip("0")
    return len(mantissa)


def _sentence_words(article: Body, primary: Body) -> Callable[[Figure, Figure], bool]:
    """Whether the sentence of an article figure and that of a primary figure share a
    content word (canonical stems); each sentence is read once, when first asked."""
    read: dict[tuple[int, int], frozenset[str]] = {}

    def words(which: int, body: Body, index: int) -> frozenset[str]:
        if (which, index) not in read:
            inside = 0 <= index < len(body.sentences)
            read[which, index] = _words(body.sentences[index].text) if inside else frozenset()
        return read[which, index]

    return lambda a, b: bool(words(0, article, a.sentence) & words(1, primary, b.sentence))


def _needed(a: Figure, b: Figure, settings: Settings) -> float:
    """The evidence needed to read ``b`` as the quantity ``a`` gives another value for.

    A year the primary does not name is mostly history or a plan the article
    adds; a changed year needs more than the usual evidence.
    """
    if a.unit in ("year", "decade") and compare(a, b)[0] == "mismatch":
        return settings.figure_year_mismatch_score
    return settings.figure_same_quantity


def _labelled(a: Figure, b: Figure) -> tuple[FigureLabel, Figure, str]:
    label, why = compare(a, b)
    return label, b, why


@dataclass(frozen=True)
class FigureEvidence:
    """One article figure labelled by the hand-set rules, with what a decider weighs.

    ``figure`` carries the rules' label and source; ``features`` is the
    evidence as ``{name: number}`` (FEATURE_SET); ``options`` maps each label
    some source figure bears to that figure and the reason (``unsourced``
    always: it needs none), so that a decider choosing another label than the
    rules' still names the figure it was checked against.
    """

    figure: Figure
    features: dict
    options: dict


# The evidence a figure decider weighs (``figure_features``); FEATURE_SET names
# the set so that a model made for other features is refused on load.
FEATURE_SET = "figures-2"
LABELS: tuple[FigureLabel, ...] = ("match", "mismatch", "rounded", "unsourced")
_NO_SCORE = -5.0


def _log_ratio(a: Figure, b: Figure) -> float:
    if a.unit not in _NUMERIC:
        return 0.0 if _same_value(a, b) else 1.0
    ratio = _ratio(a, b)
    return min(abs(math.log(ratio)), 5.0) if ratio < INFINITY else 5.0


def _digits_of(value: float) -> str:
    return f"{abs(value):.10g}".split("e")[0].replace(".", "")


def figure_features(a: Figure, scored: Sequence[tuple[float, Figure]], rule: FigureLabel, source: Figure | None,
                    *, title: bool, aligned: bool, other_event: bool, sheet: bool, other_year: bool,
                    cue: bool, share_words: Callable[[Figure, Figure], bool] | None,
                    settings: Settings = DEFAULT) -> dict:
    """The evidence on one article figure as ``{feature name: number}`` (FEATURE_SET).

    Args:
        scored: the comparable source figures and their "same quantity" scores (``_score``).
        rule, source: the hand-set rules' label and the source figure it used (None when unsourced).
        title: the figure is in the article's headline or decks; aligned: its sentence is aligned
            to the primary; other_event: the article reports another event; sheet: the source is a
            reference sheet; other_year: its sentence names a year the source never does; cue: its
            sentence has a word of another operation or edition ("earlier", "smaller", "previous").
    """
    def clip(score: float) -> float:
        return max(_NO_SCORE, min(score, 12.0))

    def best_of(pairs):
        return _best(pairs, a) if pairs else None

    features = {f"rule_{label}": float(rule == label) for label in LABELS}
    features.update({f"unit_{unit}": 1.0 for unit in (a.unit,)})
    features[f"qualifier_{a.qualifier_kind or 'none'}"] = 1.0
    features.update(
        title=float(title), aligned=float(aligned), other_event=float(other_event), sheet=float(sheet),
        other_year=float(other_year), cue=float(cue), partitive=float(a.partitive), cumulative=float(a.cumulative),
        has_head=float(bool(a.head)), headline_bare=float(title and not a.head and a.unit == "count"),
        significant_digits=float(min(_significant_digits(a.value), 5)) if a.unit in _NUMERIC else 0.0,
        year_like=float(a.unit == "count" and a.value == int(a.value) and 1000 <= a.value <= 2100),
        small=float(a.unit == "count" and a.value == int(a.value) and 0 <= a.value <= 12),
        in_words=float(not any(c.isdigit() for c in a.text)),
        candidates=math.log1p(len(scored)),
    )
    best = best_of(list(scored))
    equal = best_of([(s, b) for s, b in scored if _same_value(a, b, other_event=other_event)])
    consistent = best_of([(s, b) for s, b in scored if not _same_value(a, b) and _consistent(a, b, settings)])
    for name, pair in (("best", best), ("equal", equal), ("consistent", consistent)):
        features[f"{name}_found"] = float(pair is not None)
        features[f"{name}_score"] = clip(pair[0]) if pair is not None else _NO_SCORE
    if best is not None:
        b = best[1]
        features["best_log_ratio"] = _log_ratio(a, b)
        features["best_heads_agree"] = float(bool(a.head and b.head) and _heads_agree(a, b))
        features["best_heads_differ"] = float(bool(a.head and b.head) and not _heads_agree(a, b))
        features["best_context"] = float(min(len(a.context & b.context), 5))
        features["best_transposed"] = float(a.unit in _NUMERIC and not _same_value(a, b)
                                            and sorted(_digits_of(a.value)) == sorted(_digits_of(b.value)))
    if source is not None:
        score = next((s for s, b in scored if b is source), _NO_SCORE)
        features["rule_score"] = clip(score)
        features["rule_log_ratio"] = _log_ratio(a, source)
        features["rule_heads_differ"] = float(bool(a.head and source.head) and not _heads_agree(a, source))
        features["rule_shares_words"] = float(share_words(a, source)) if share_words is not None else 0.0
    else:
        features["rule_score"] = _NO_SCORE
    return features


def _options(a: Figure, scored: Sequence[tuple[float, Figure]], rule: FigureLabel, source: Figure | None, why: str,
             settings: Settings, *, other_event: bool) -> dict:
    """Each label a source figure bears for ``a`` (the best-scored one per label), the rules' own first."""
    options: dict = {"unsourced": (None, "no figure in the source for this quantity")}
    if a.unit != "identifier" and not other_event:
        for s, b in sorted(scored, key=lambda pair: -pair[0]):
            label, reason = compare(a, b)
            if label == "mismatch" and not (_ratio_ok(a, b, settings) and s >= _NO_SCORE):
                continue
            options.setdefault(label, (b, reason))
    options[rule] = (source, why)
    return options


_OTHER_OPERATION = ("earlier", "previous", "previously", "prior", "last", "another", "smaller", "larger", "separate",
                    "ago", "former", "preceding", "past", "before", "first", "original")


def evidence(
    article: Body,
    found: FigureReport,
    primary: Body,
    primary_figures: FigureReport,
    alignment: Alignment,
    event: EventCheck,
    settings: Settings = DEFAULT,
    *,
    primary_name: str = "",
    primary_published: str = "",
    weigh: bool = True,
) -> tuple[tuple[FigureEvidence, ...], str]:
    """Every figure of ``found`` labelled by the hand-set rules, with its features and options; and the source used.

    See ``check`` for the arguments. ``weigh`` False (the rules decide) leaves
    the features and options empty, which the rules never read.
    """
    primary_label = primary_name or "the primary"
    primary_candidates = [_Candidate(f, False) for f in primary_figures.figures]
    primary_candidates += [_Candidate(f, False) for f in _durations_of_periods(primary_figures.figures)]
    issued = _release_date(primary_published)
    if issued is not None:
        primary_candidates.append(_Candidate(issued, False))
    sheet = event.reference if not event.same_event else None
    if sheet is not None:
        candidates = [_Candidate(f, True) for f in _sheet_figures(sheet, settings)]
        source_name = sheet.file or sheet.name
        reference = f"reference sheet {source_name} ({sheet.name})"
    else:
        candidates = primary_candidates
        source_name = primary_label
        reference = f"primary {primary_label}"
        if not event.same_event:
            reference += " (another event: only values the primary states can match)"
    # Aligned means above what most of the primary's own sentences score against
    # the rest of it (the story's baseline), so the level follows the story's wording.
    min_alignment = level(alignment.baseline, settings.figure_alignment_quantile, settings.figure_min_alignment,
                          min_sentences=settings.claim_baseline_min_sentences)
    aligned_by_sentence = {m.sentence: frozenset(m.primary) for m in alignment.matches if m.score >= min_alignment}
    # A headline sums up the story as the primary's headline does, whatever the wording.
    article_titles, primary_titles = title_sentences(article), title_sentences(primary)
    share_words = _sentence_words(article, primary) if sheet is None else None
    source_years = {f.year for f in (c.figure for c in candidates) if f.year}
    other_year = {f.sentence for f in found.figures if f.year and f.unit in ("year", "date", "period")
                  and f.year not in source_years}
    cues = {canonical(w) for w in _OTHER_OPERATION}
    other_event = not event.same_event and sheet is None

    items = []
    for figure in found.figures:
        aligned = aligned_by_sentence.get(figure.sentence, frozenset())
        sentence_aligned = bool(aligned)
        if figure.sentence in article_titles:
            aligned |= primary_titles
        scored = _scored(figure, candidates, aligned, settings)
        label, source, why = _label_one(
            figure, candidates, aligned, settings, other_event=other_event, share_words=share_words, scored=scored)
        used = source_name
        if label == "unsourced" and sheet is not None:
            # A value the primary states verbatim (a founding year, a standing count) still matches.
            fallback, fallback_source, fallback_why = _label_one(
                figure, primary_candidates, frozenset(), settings, other_event=True)
            if fallback == "match":
                label, source, why, used = fallback, fallback_source, fallback_why, primary_label
        decided = _decided(figure, label, source, why, used)
        if not (weigh and event.same_event):
            # In an article on another event the rules decide, a hard constraint: the values the primary
            # or the event's sheet states; gold holds too few such articles to learn from.
            items.append(FigureEvidence(decided, {}, {label: (source, why, used)}))
            continue
        inside = 0 <= figure.sentence < len(article.sentences)
        words = _words(article.sentences[figure.sentence].text) if inside else frozenset()
        features = figure_features(
            figure, scored, label, source, title=figure.sentence in article_titles, aligned=sentence_aligned,
            other_event=not event.same_event, sheet=sheet is not None, other_year=figure.sentence in other_year,
            cue=bool(words & cues), share_words=share_words, settings=settings)
        options = {name: (option, reason, source_name)
                   for name, (option, reason) in _options(figure, scored, label, source, why, settings,
                                                          other_event=other_event).items()}
        options[label] = (source, why, used)
        items.append(FigureEvidence(decided, features, options))
    return tuple(items), reference


def _decided(figure: Figure, label: FigureLabel, source: Figure | None, why: str, used: str) -> Figure:
    return replace(
        figure,
        label=label,
        source_text=source.text if source is not None else "",
        source_span=source.span if source is not None and source.span != (0, 0) else None,
        source=used if source is not None else "",
        reason=why,
    )


def decide(items: Sequence[FigureEvidence], decider) -> tuple[Figure, ...]:
    """The figures of ``items`` labelled by ``decider`` (``analysis.learning.deciders.FigureDecider``).

    A decider chooses among the labels some source figure bears
    (``FigureEvidence.options``); the rules' choice is kept as it was.
    """
    out = []
    for item in items:
        if len(item.options) == 1:  # nothing to choose: the rules' label stands
            out.append(item.figure)
            continue
        label, deciding = decider.decide(item.features, tuple(item.options))
        if label == item.figure.label and not deciding:
            out.append(item.figure)
            continue
        source, why, used = item.options[label]
        if deciding:
            why = f"{why} (figure model: {', '.join(deciding)})"
        out.append(_decided(item.figure, label, source, why, used))
    return tuple(out)


def check(
    article: Body,
    found: FigureReport,
    primary: Body,
    primary_figures: FigureReport,
    alignment: Alignment,
    event: EventCheck,
    settings: Settings = DEFAULT,
    *,
    primary_name: str = "",
    primary_published: str = "",
    decider=None,
) -> FigureReport:
    """Label every figure of ``found`` (from ``extract(article)``) against its source.

    The source is the primary (``primary_figures``, from ``extract(primary)``,
    and its date of issue ``primary_published``, ISO "YYYY-MM-DD" from the
    story manifest: a release's date line is often boilerplate, yet "said Nov.
    18" states it), or ``event.reference`` when the article reports another
    event that the story has a reference sheet for. Without alignment records
    (empty ``alignment.matches``) every figure is looked for in the whole primary.
    The label comes from the decider the settings name (``figures_label_model``:
    a model fitted on gold, or the hand-set rules); ``decider`` overrides them
    (cross-validation).

    Returns a new report whose ``reference`` names the source used.
    """
    from analysis.learning.deciders import figure_decider

    decider = decider or figure_decider(settings, FEATURE_SET)
    items, reference = evidence(article, found, primary, primary_figures, alignment, event, settings,
                                primary_name=primary_name, primary_published=primary_published,
                                weigh=getattr(decider, "model", True) is not None)
    return FigureReport(decide(items, decider), found.inconsistencies, reference)
