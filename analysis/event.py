"""Event check: does the article report the same event as the primary?

Coverage sometimes reports an earlier or later event with the same name (last
year's operation). The check weighs four kinds of evidence, each a vote for
"different" (+) or "same" (-):

- **year**: the article names a year close to the primary's event year but
  not that year (a year far from it is history, not the event);
- **period**: the months the article gives for the event fall outside the
  primary's (dates such as "Sept. 16" are not periods);
- **figures**: most of the article's figures (amounts, shares and counts of 10
  or more) have no consistent value in the primary;
- **officials**: the article quotes people the primary never names, and none
  it does (half a vote).

When the story has reference sheets (``story.references``: the figures an
earlier release published), each is scored the same way, and an article that
fits a sheet better than the primary reports that sheet's event: its figures
are then compared with the sheet, not with the wrong primary.

``same_event`` is false when the votes reach ``event_min_votes``;
``confidence`` (0.5..1, higher = surer of the verdict given) grows with the
margin.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.alignment import Alignment
from analysis.cleaning import Body
from analysis.mentions import FigureMention, consistent, figures, month_names, primary_facts
from analysis.mentions import period as read_period
from analysis.settings import DEFAULT, Settings
from corpus import ReferenceEvent

_SPEECH = r"(?:said|says|told|added|declared|stated|noted|warned|thanked|announced|spoke)"
_NAME = r"[A-Z][A-Za-z'’\-]+"
# "Whitcombe said", "Whitcombe, director of the Office, said", "said Attorney General Jeff Sessions"
_BEFORE_VERB = re.compile(rf"({_NAME})(?:,[^,.]{{1,90}},)?\s+(?:also\s+)?{_SPEECH}\b")
# Words before the surname: capitalised words, initials and short titles ("P.", "Rep."), never a sentence end.
_AFTER_VERB = re.compile(rf"\b{_SPEECH}\s+((?:(?:[A-Z][a-z]{{0,3}}\.|[A-Z][A-Za-z'’\-]*)\s+){{0,5}})({_NAME})")
_NOT_NAMES = {"he", "she", "they", "it", "we", "i", "the", "this", "that", "there", "who", "and", "but", "in", "a"}


@dataclass(frozen=True)
class EventCheck:
    same_event: bool
    confidence: float                   # 0.5..1: how sure the verdict is
    evidence: tuple[str, ...]           # readable reasons, most telling first
    reference: ReferenceEvent | None    # the story's reference sheet for the event the article reports, if any
    votes: float = 0.0                  # sum of the votes: > 0 leans "different event"


def speakers(body: Body) -> tuple[str, ...]:
    """Surnames (lower case) of the people the text credits with speech ("X said", "said Y")."""
    text = body.text
    lowered = set(re.findall(r"\b[a-z][a-z'’\-]+\b", text))
    found: list[str] = []
    for match in _BEFORE_VERB.finditer(text):
        found.append(match.group(1))
    for match in _AFTER_VERB.finditer(text):
        found.append(match.group(2))
    names = []
    for name in found:
        key = name.lower()
        # A capitalised word also used in lower case ("Agency"/"the agency") is not a person.
        if key in _NOT_NAMES or key in lowered or key in names or name.isupper() \
                or key.rstrip(".") in month_names():
            continue
        names.append(key)
    return tuple(sorted(names))


def _comparable(found: Sequence[FigureMention]) -> list[FigureMention]:
    """Figures that identify an event: amounts, shares and counts of 10 or more, ordinals."""
    return [f for f in found if f.kind in ("money", "percent", "ordinal") or (f.kind == "count" and f.value >= 10)]


def _share_matched(found: Sequence[FigureMention], values: Sequence[tuple[float, str, str]], tolerance: float) -> int:
    """How many of ``found`` agree with one of ``values`` ((value, qualifier, kind))."""
    matched = 0
    for figure in found:
        if any(kind == figure.kind or {kind, figure.kind} <= {"count", "ordinal"}
               for value, qualifier, kind in values
               if consistent(figure.value, figure.qualifier, value, tolerance=tolerance)):
            matched += 1
    return matched


def _months_text(months) -> str:
    return ", ".join(str(m) for m in sorted(months))


def _reference_values(reference: ReferenceEvent) -> list[tuple[float, str, str]]:
    values = []
    for figure in reference.figures:
        kind = "year" if figure.counted == "year" else ("money" if figure.text.lstrip().startswith("$") else "count")
        values.append((figure.value, figure.qualifier, kind))
    return values


def check(
    article: Body,
    primary: Body,
    alignment: Alignment,
    references: Sequence[ReferenceEvent],
    settings: Settings = DEFAULT,
) -> EventCheck:
    """Weigh the year, period, figures and officials of ``article`` against the primary and any references."""
    facts = primary_facts(primary, settings.quote_min_words)
    found = figures(article)
    article_period = read_period(article)
    votes = 0.0
    reasons: list[tuple[int, float, str]] = []  # (direction, weight, text)

    # Year: a year near the primary's event year, but not it, names another edition.
    if facts.event_year is not None:
        near = [y for y in article_period.years
                if y != facts.event_year and abs(y - facts.event_year) <= settings.event_year_window]
        same = [y for y in article_period.years if y == facts.event_year]
        if len(near) > len(same):
            votes += 1
            reasons.append((+1, 3, f"names {', '.join(str(y) for y in sorted(set(near)))}, "
                               f"not the primary's event year {facts.event_year}"))
        elif same:
            votes -= 1
            reasons.append((-1, 1, f"names the primary's event year {facts.event_year}"))

    # Period: months outside the primary's period.
    if article_period.months and facts.period.months:
        outside = article_period.months - facts.period.months
        if outside:
            votes += 1
            reasons.append((+1, 2.5, f"gives months {_months_text(article_period.months)} for the event; "
                                 f"the primary's period is months {_months_text(facts.period.months)}"))
        else:
            votes -= 1
            reasons.append((-1, 0.5, f"its months ({_months_text(article_period.months)}) lie in the primary's period"))

    # Figures: how many agree with the primary.
    comparable = _comparable(found)
    primary_values = [(f.value, f.qualifier, f.kind) for f in _comparable(facts.figures)]
    primary_matched = _share_matched(comparable, primary_values, settings.figure_tolerance)
    enough = len(comparable) >= settings.event_min_figures
    if enough:
        share = primary_matched / len(comparable)
        if share < 0.5:
            votes += 1
            reasons.append((+1, 2, f"{len(comparable) - primary_matched} of {len(comparable)} key figures "
                               "have no consistent value in the primary"))
        else:
            votes -= 1
            reasons.append((-1, 1.5, f"{primary_matched} of {len(comparable)} key figures agree with the primary"))

    # Officials: quotes people the primary does not name, and none it does.
    article_speakers = speakers(article)
    primary_speakers = set(speakers(primary))
    known = [s for s in article_speakers if s in primary_speakers]
    new = [s for s in article_speakers if s not in facts.words]
    if known:
        votes -= 0.5
        reasons.append((-1, 0.5, f"credits {', '.join(known)}, as the primary does"))
    elif new:
        votes += 0.5
        reasons.append((+1, 1, f"credits {', '.join(new)}, whom the primary does not name"))

    # References: an event the story documents separately that fits better.
    best: tuple[float, ReferenceEvent | None, str] = (0.0, None, "")
    for reference in references:
        fit, parts = 0.0, []
        if reference.year in article_period.years:
            fit += 1
            parts.append(f"year {reference.year}")
        if article_period.months and reference.months and article_period.months <= set(reference.months):
            fit += 1
            parts.append(f"months {_months_text(article_period.months)}")
        if enough:
            matched = _share_matched(comparable, _reference_values(reference), settings.figure_tolerance)
            if matched / len(comparable) >= 0.5 and matched > primary_matched:
                fit += 1
                parts.append(f"{matched} of {len(comparable)} key figures")
        surnames = {official.split()[-1].lower() for official in reference.officials if official.split()}
        if surnames & set(article_speakers):
            fit += 0.5
            parts.append(f"officials {', '.join(sorted(surnames & set(article_speakers)))}")
        if fit > best[0]:
            best = (fit, reference, ", ".join(parts))
    if best[1] is not None and best[0] >= 1:
        votes += 1
        reasons.append((+1, 4, f"matches the reference sheet for {best[1].name}: {best[2]}"))

    same_event = votes < settings.event_min_votes
    reference = None if same_event else best[1] if best[0] >= 1 else None
    verdict = ("reports the same event as the primary" if same_event
               else f"reports a different event: {reference.name}" if reference is not None
               else "reports a different event from the primary's")
    verdict_direction = -1 if same_event else 1
    # Most telling first: the reasons that agree with the verdict, heaviest first.
    ordered = [text for direction, weight, text in
               sorted(reasons, key=lambda r: (r[0] != verdict_direction, -r[1], r[2]))]
    confidence = round(0.5 + 0.5 * min(1.0, abs(votes - settings.event_min_votes + 0.5) / 2.5), 4)
    return EventCheck(same_event, confidence, (verdict, *ordered), reference, votes)
