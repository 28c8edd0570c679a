"""Event check: does the article report the same event as the primary?

Coverage sometimes reports an earlier or later event with the same name (last
year's operation). The check weighs five kinds of evidence, each a vote for
"different" (+) or "same" (-):

- **year**: the article names a year close to the primary's dated events but
  outside their span, one the primary never names, or dates something in a
  year the primary names only undated ("the Class of 2024") (a year far from
  it is history, not the event);
- **period**: the months the article gives for the event fall outside the
  primary's (dates such as "Sept. 16" are not periods; compared only when the
  primary's dated events lie in one year, where months identify them);
- **figures**: the article's figures that :mod:`analysis.measures.figures` pairs
  with a figure of the primary for the same quantity mostly conflict with it
  (a changed figure or two is an error; most of them is another event);
- **officials**: the quote report credits quotations to people the primary
  never names, and to none it does (half a vote);
- **reference**: the story has a reference sheet (``story.references``: the
  figures an earlier release published) that the article fits better than the
  primary: its figures are then compared with the sheet, not the wrong primary;
- **published**: the dates of publication the manifest gives. An article
  published well before its primary cannot report it (a hard constraint:
  another event whatever the other votes); one published months after it
  leans to another edition (a vote);
- **subjects** (evidence for the learned decider, no vote): the names the
  article is about (written three times, once in its lead) that the primary
  never writes, another company, place or body.

Figures, dates and periods are read once, by :mod:`analysis.measures.figures`:
the pipeline labels the article's figures against the primary (and each
sheet) as if the article reported that event, and the event check counts.
``same_event`` is false when the votes reach ``event_min_votes``;
``confidence`` (0.5..1, higher = surer of the verdict given) grows with the
margin.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from analysis.learning.deciders import EventDecider, event_decider
from analysis.measures.figures import FigureReport
from analysis.measures.quotes import QuoteReport
from analysis.readers.cleaning import Body
from analysis.readers.facts import AMOUNT_UNITS, PrimaryFacts, names, primary_facts, title_case
from analysis.readers.speakers import is_organisation_name
from analysis.records import EventCheck, calendar
from analysis.settings import (
    DEFAULT,
    EVENT_PUBLISHED_AFTER_DAYS,
    EVENT_PUBLISHED_BEFORE_DAYS,
    EVENT_SUBJECT_LEAD_SENTENCES,
    EVENT_SUBJECT_MIN_MENTIONS,
    Settings,
)
from corpus import ReferenceEvent


# The evidence an event decider weighs (``EventCheck.features``); a model made for other features is refused on load.
FEATURE_SET = "event-2"


def officials(quotes: QuoteReport) -> tuple[str, ...]:
    """Surnames (lower case, sorted) of the people ``quotes`` credits with quotations; organisations aside."""
    return tuple(sorted({quote.speaker.split()[-1].lower() for quote in quotes.quotes
                         if quote.speaker.split() and not is_organisation_name(quote.speaker)}))


_WORD = re.compile(r"[A-Za-z]+(?:[-'’.][A-Za-z]+)*")
_WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


def published_range(published: str) -> tuple[date, date] | None:
    """The first and last day a manifest's ``published`` ("2019", "2018-06", "2018-06-12") may mean; None if unknown."""
    match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*", published or "")
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            following = date(year + (month == 12), month % 12 + 1, 1)
            return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
        return date(year, month, day), date(year, month, day)
    except ValueError:
        return None


def publication_gap(article_published: str, primary_published: str) -> int | None:
    """Days from the primary's publication to the article's (negative: the article came first; 0 when
    the two dates may coincide); None when either is unknown."""
    article, primary = published_range(article_published), published_range(primary_published)
    if article is None or primary is None:
        return None
    if article[1] < primary[0]:
        return article[1].toordinal() - primary[0].toordinal()
    if article[0] > primary[1]:
        return article[0].toordinal() - primary[1].toordinal()
    return 0


def _without_possessive(word: str) -> str:
    """``word`` without a closing "'s" (a word of ``_WORD`` holds no line break, so this is its ``['’]s$``)."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def subject_names(body: Body, *, min_mentions: int = EVENT_SUBJECT_MIN_MENTIONS,
                  lead_sentences: int = EVENT_SUBJECT_LEAD_SENTENCES) -> tuple[str, ...]:
    """The names ``body`` is about, sorted: written capitalised in mid-sentence, at least ``min_mentions``
    times in all, once in its first ``lead_sentences`` sentences. Acronyms and weekdays aside."""
    named: set[str] = set()
    for sentence in body.sentences:
        if not title_case(sentence):
            named.update(names(sentence.text))
    counts = Counter(map(_without_possessive, _WORD.findall(body.text)))
    lead = {_without_possessive(w) for s in body.sentences[:lead_sentences] for w in _WORD.findall(s.text)}
    return tuple(sorted(w for w in named - _WEEKDAYS
                        if len(w) > 2 and not w.isupper() and counts[w] >= min_mentions and w in lead))


def new_subjects(body: Body, facts: PrimaryFacts) -> tuple[str, ...]:
    """The subject names of ``body`` that the primary never writes (nor abbreviates)."""
    return tuple(w for w in subject_names(body) if w.lower() not in facts.words and w.upper() not in facts.initialisms)


def _months_text(months) -> str:
    return ", ".join(str(m) for m in sorted(months))


def _years_text(span: tuple[int, int]) -> str:
    return str(span[0]) if span[0] == span[1] else f"{span[0]}-{span[1]}"


def _agreement(labelled: FigureReport, primary_figures: FigureReport, reference: ReferenceEvent | None,
               settings: Settings) -> tuple[int, int]:
    """(agreeing, conflicting): the article's figures that the source gives a value for the same quantity.

    The source is the primary, or ``reference`` (a sheet); ``labelled`` is the
    article's figure report checked as if it reported the source's event. A match agrees, a
    mismatch conflicts, and a rounding agrees only within
    ``figure_tolerance`` of the source's value: an open qualifier ("more than
    775,000") is consistent with any larger value, but a reporter rounding a
    figure stays near it. Years are weighed apart.
    """
    if reference is None:
        values = {f.span: f.value for f in primary_figures.figures}
    else:
        values = {f.text: f.value for f in reference.figures}
    agree = conflict = 0
    for figure in labelled.figures:
        if figure.unit in ("year", "decade") or figure.label in (None, "unsourced"):
            continue
        if reference is not None and figure.source_span is not None:
            continue  # a value the primary states, not the sheet
        if figure.label == "rounded" and figure.unit in AMOUNT_UNITS:
            value = values.get(figure.source_span if reference is None else figure.source_text)
            if value and abs(figure.value - value) > settings.figure_tolerance * abs(value):
                conflict += 1
                continue
        if figure.label == "mismatch":
            conflict += 1
        else:
            agree += 1
    return agree, conflict


def check(
    primary: Body,
    references: Sequence[ReferenceEvent],
    settings: Settings = DEFAULT,
    *,
    figures: FigureReport,
    primary_figures: FigureReport,
    quotes: QuoteReport,
    labelled: FigureReport,
    labelled_by_reference: Sequence[FigureReport],
    article: Body | None = None,
    article_published: str = "",
    primary_published: str = "",
    decider: EventDecider | None = None,
) -> EventCheck:
    """Weigh the year, period, figures and officials of an article against the primary and any references.

    ``figures`` and ``primary_figures`` are ``figures.extract`` of the article
    and the primary, ``quotes`` the article's quote report; ``labelled`` is the
    article's figures checked (``figures.check``) as if it reported the
    primary's event (``EventCheck.assumed()``), ``labelled_by_reference`` the
    same for each of ``references`` in order (``EventCheck.assumed(reference)``),
    both by the hand-set figure rules. ``article`` is the article's body (for
    its subject names) and ``article_published`` / ``primary_published`` the
    manifests' dates of publication ("" if unknown). The verdict comes from the decider the
    settings name (``event_model``: the vote formula, "rules", or a model
    fitted on gold); ``decider`` overrides them (cross-validation).
    """
    found, source = figures, primary_figures
    facts = primary_facts(primary)
    primary_dates, article_dates = calendar(source), calendar(found)
    votes = 0.0
    reasons: list[tuple[int, float, str]] = []  # (direction, weight, text)
    features: dict[str, float] = {}

    # Year: a year near the primary's dated events, outside them and never named by it, names another edition.
    span = primary_dates.span
    if span is not None:
        lo, hi = span
        # A year the primary names (a cohort, a school year) is no other edition, but a date or period
        # the article gives in a year the primary dates nothing in is the timing of another event.
        known, dated = set(primary_dates.years), set(primary_dates.dated)
        near = [y for y in article_dates.years if y not in known and not lo <= y <= hi
                and min(abs(y - lo), abs(y - hi)) <= settings.event_year_window]
        near += [y for y in article_dates.dated if y in known and y not in dated and not lo <= y <= hi
                 and min(abs(y - lo), abs(y - hi)) <= settings.event_year_window]
        same = [y for y in article_dates.years if lo <= y <= hi]
        features.update(years_near=float(len(set(near))), years_same=float(len(set(same))))
        if len(near) > len(same):
            votes += 1
            reasons.append((+1, 3, f"names {', '.join(str(y) for y in sorted(set(near)))}, "
                               f"outside the years of the primary's dated events ({_years_text(span)})"))
        elif same:
            votes -= 1
            reasons.append((-1, 1, f"names a year of the primary's dated events ({_years_text(span)})"))

    # Period: months outside the primary's, where its dated events lie in one year.
    single_year = span is not None and span[0] == span[1]
    if article_dates.months and primary_dates.months and single_year:
        outside = article_dates.months - primary_dates.months
        features.update(months_outside=float(len(outside)), months_inside=float(not outside))
        if outside:
            votes += 1
            reasons.append((+1, 2.5, f"gives months {_months_text(article_dates.months)} for the event; "
                                 f"the primary's period is months {_months_text(primary_dates.months)}"))
        else:
            votes -= 1
            reasons.append((-1, 0.5, f"its months ({_months_text(article_dates.months)}) lie in the primary's period"))

    # Figures: of those the primary gives the same quantity for, do most agree?
    agree, conflict = _agreement(labelled, source, None, settings)
    compared = agree + conflict
    features.update(figures_agree=float(agree), figures_conflict=float(conflict),
                    figures_conflict_share=conflict / compared if compared else 0.0)
    if compared >= settings.event_min_figures:
        if conflict > agree:
            votes += 1
            reasons.append((+1, 2, f"{conflict} of {compared} figures conflict with the primary's "
                               "values for the same quantities"))
        else:
            votes -= 1
            reasons.append((-1, 1.5, f"{agree} of {compared} figures agree with the primary's "
                                 "values for the same quantities"))

    # Officials: quotes people the primary does not name, and none it does.
    article_speakers = officials(quotes)
    named = [s for s in article_speakers if s in facts.words]
    new = [s for s in article_speakers if s not in facts.words]
    features.update(officials_named=float(len(named)), officials_new=float(len(new)))
    if named:
        votes -= 0.5
        reasons.append((-1, 0.5, f"credits {', '.join(named)}, as the primary does"))
    elif new:
        votes += 0.5
        reasons.append((+1, 1, f"credits {', '.join(new)}, whom the primary does not name"))

    # References: an event the story documents separately that fits better.
    best: tuple[float, ReferenceEvent | None, str] = (0.0, None, "")
    for reference, sheet_labelled in zip(references, labelled_by_reference, strict=True):
        fit, parts = 0.0, []
        if reference.year in article_dates.years:
            fit += 1
            parts.append(f"year {reference.year}")
        if article_dates.months and reference.months and article_dates.months <= set(reference.months):
            fit += 1
            parts.append(f"months {_months_text(article_dates.months)}")
        sheet_agree, sheet_conflict = _agreement(sheet_labelled, source, reference, settings)
        sheet_compared = sheet_agree + sheet_conflict
        if sheet_compared >= settings.event_min_figures and sheet_agree * 2 >= sheet_compared \
                and sheet_agree > agree:
            fit += 1
            parts.append(f"{sheet_agree} of {sheet_compared} figures")
        surnames = {official.split()[-1].lower() for official in reference.officials if official.split()}
        if surnames & set(article_speakers):
            fit += 0.5
            parts.append(f"officials {', '.join(sorted(surnames & set(article_speakers)))}")
        if fit > best[0]:
            best = (fit, reference, ", ".join(parts))
    if best[1] is not None and best[0] >= 1:
        votes += 1
        reasons.append((+1, 4, f"matches the reference sheet for {best[1].name}: {best[2]}"))

    # Published: coverage cannot come out well before the release it reports; months after, it leans elsewhere.
    gap = publication_gap(article_published, primary_published)
    before = gap is not None and gap < -EVENT_PUBLISHED_BEFORE_DAYS
    after = gap is not None and gap > EVENT_PUBLISHED_AFTER_DAYS
    features.update(published_before=float(before), published_after=float(after))
    if before:
        reasons.append((+1, 6, f"was published {-gap} days before the primary, so it cannot report it"))
    elif after:
        votes += 1
        reasons.append((+1, 3, f"was published {gap} days after the primary"))

    # Subjects: names the article is about that the primary never writes (evidence for a learned decider).
    subjects = new_subjects(article, facts) if article is not None else ()
    features.update(subjects_new=float(len(subjects)))
    if subjects:
        reasons.append((+1, 0.5, f"is about {', '.join(subjects)}, a name the primary never writes"))

    features.update(reference_fit=best[0], votes=votes)
    same_event, deciding = (decider or event_decider(settings, FEATURE_SET)).same_event(features)
    if deciding:
        reasons.append((-1 if same_event else 1, 5, f"decided by the event model: {', '.join(deciding)}"))
    reference = None if same_event else best[1] if best[0] >= 1 else None
    verdict = ("reports the same event as the primary" if same_event
               else f"reports a different event: {reference.name}" if reference is not None
               else "reports a different event from the primary's")
    verdict_direction = -1 if same_event else 1
    # Most telling first: the reasons that agree with the verdict, heaviest first.
    ordered = [text for direction, weight, text in
               sorted(reasons, key=lambda r: (r[0] != verdict_direction, -r[1], r[2]))]
    confidence = round(0.5 + 0.5 * min(1.0, abs(votes - settings.event_min_votes + 0.5) / 2.5), 4)
    return EventCheck(same_event, confidence, (verdict, *ordered), reference, votes, tuple(sorted(features.items())))
