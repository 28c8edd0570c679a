"""Claims, the evidence: what the primary lacks, what conflicts, and the feature dict a decider weighs.

The package docstring (``analysis.measures.claims``) says how a sentence is
judged; this module computes everything weighed, ``decide`` the label.

Claims: each article sentence supported, added or contradicted.

Every body sentence (headline and bullets included) gets a codebook label,
with its evidence: the primary sentence(s) that best support it and the
alignment score, what in it the primary lacks (names, figures, years, content
words) and what conflicts with the primary.

The sentence's figures come from the figure report (``analysis.measures.figures``) and
its quotations from the quote report (``analysis.measures.quotes``); either report is
made here, with those modules, when the caller passes None. A sentence is

- ``contradicted`` when it conflicts with the primary: a quotation the quote
  report labels ``misattributed`` (unless the sentence credits, by name or by
  "he"/"she" after a sentence naming them, the speaker the primary gives
  those words to), or a quotation the report credits to no one in a sentence
  that credits another of the primary's speakers and not the one the primary
  gives the words to ("Ferreira-Holt put it bluntly: ..."); a changed
  figure (below); or a superlative the reporter leaves unbounded ("the
  biggest penalty ... ever", "a record fine") where the primary bounds one in
  a sentence sharing a content word ("the largest penalty ... since 2015",
  "... to date", "one of the largest penalties");
- ``added`` when it asserts what the primary does not say: a quotation the
  primary does not hold from someone it does not name; more specifics the
  primary lacks (new names, unsourced figures, years) than specifics it
  gives (figures that match or round the primary's) while the sentence is not
  closely aligned; a cue of speculation, opinion, politics, history or the
  outlet's own voice that the primary text it aligns with does not share,
  while not closely aligned; or several content words the primary never uses
  while barely aligned at all;
- ``supported`` otherwise: the default, since a sentence with nothing the
  primary lacks says what the primary says.

A figure is changed when the figure report labels it ``mismatch`` and it is
no rounding, at its own precision, of the figure it was checked against (nor,
for an approximation such as "roughly 1,300", of any primary figure of its
unit), unless the sentence is barely aligned and the two count different
things; when the report labels it ``rounded`` but no primary figure of its
unit lies within a step of its last digit ("about 9,800" for 8,900), unless
the primary figure is a bound its value keeps ("22 percent" under "fewer
than 30 percent": a value the primary lacks); or when it is unsourced but
writes a primary figure's digits in another order ("32" for 23, the
commonest slip in copying a figure) or repeats a figure of the article
found changed elsewhere (a headline's figure again in the lede). A figure
counts something else only when the article says what it counts. An unsourced figure that rounds a figure of the aligned primary text
is a specific the primary gives. Every label of the report not taken as it
stands is said in the claim's ``notes``.

"Closely" and "barely" are judged against the story itself: the alignment's
*baseline* holds the score each primary sentence reaches against the rest of
the primary (a sentence on the story's topic that says something else). A
sentence scoring under the baseline's ``claim_topic_quantile`` is barely
aligned; one under its upper fence (Tukey, ``claim_close_fence``) is not
closely aligned. With a primary too short for a baseline, the fixed
``claim_novel_max_score`` and ``claim_close_max_score`` stand in.

In an article about a different event (``EventCheck.same_event`` false), a
sentence with figures, years, people or quotations of that other event (any
quotation the primary does not hold, whoever says it) is
``added`` (kind ``detail``), and so is a sentence of the same paragraph that
the primary does not closely support: the primary gives nothing to compare
them with. Program-level sentences the primary supports stay ``supported``.

A cue in speech the sentence reports from a speaker the article quotes with
the primary's words ("She said most fires could have been prevented") is
that speaker's, not the reporter's. A figure's own words ("roughly") and an
abbreviation of the primary's words ("FY" for "fiscal year") are nothing the
primary lacks.

The ``kind`` of an added claim comes from its cues (``data/claim_cues.txt``)
or a year long before the primary's dated events (``historical``); a sentence
without cues takes the kind of an earlier added sentence of its paragraph or
one sharing a new name; else ``detail``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from collections.abc import Sequence
from itertools import combinations
from typing import Literal

from analysis.measures.alignment import Alignment, SentenceMatch
from analysis.measures.figures import Figure, FigureReport
from analysis.measures.quotes import QuoteReport
from analysis.readers.cleaning import Body
from analysis.readers.facts import PrimaryFacts, dateline_end, is_month, names, primary_facts, title_case
from analysis.readers.quoted import quoted_spans
from analysis.records import Calendar, EventCheck, calendar
from analysis.settings import DEFAULT, Settings, word_list
from analysis.text.scores import level, upper_fence
from analysis.text.embedding import similarities
from analysis.text.sentences import Sentence
from analysis.text.sentiment import compound
from analysis.text.tokens import content_stems, fold, tokens

ClaimLabel = Literal["supported", "added", "contradicted"]
AddedKind = Literal["historical", "political", "speculation", "detail", "editorial", "promotional"]
# When cues of several kinds tie, the first kind here wins ("detail": the
# reporter's own newsgathering, "declined to comment").
KIND_ORDER: tuple[AddedKind, ...] = ("speculation", "editorial", "political", "historical", "promotional", "detail")
# Figures that state an amount (a share can be worked out from them).
_SHARE_PARTS = ("count", "money")
# Amounts whose roundings claims weighs itself (a duration may change its unit: "five weeks" for 34 days).
_ROUNDED_UNITS = ("count", "money", "percent")
# Qualifier kinds (analysis/data/figure_qualifiers.txt) that make the stated value a floor or a ceiling.
_UPWARD = ("above", "at_least", "just_above")
_DOWNWARD = ("below", "at_most", "near_below")
# A third-person subject that credits whoever was named just before.
_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
# A share written with a percent sign or word; one without it is a fraction ("four in five").
_PERCENT_SIGN = re.compile(r"%|\bper\s*cent|\bpct\b", re.IGNORECASE)
# Superlatives, and the scopes that bound them or not: "the biggest penalty
# ... ever" claims more than the primary's "the largest penalty ... since
# 2015" (a changed claim with no changed figure).
_SUPERLATIVE = (r"\b(?:largest|biggest|highest|lowest|greatest|most|fewest|smallest|worst|best|first|deadliest|"
                r"costliest|longest|fastest)\b")
_UNBOUNDED = re.compile(
    rf"{_SUPERLATIVE}[^.;:!?]{{0,80}}?\bever\b|\bever\b[^.;:!?]{{0,20}}{_SUPERLATIVE}"
    rf"|{_SUPERLATIVE}[^.;:!?]{{0,80}}?\bin (?:its|their|the \w+(?:'s|’s)?) (?:\d+-year )?history\b"
    r"|\b(?:a|an) record(?:-breaking|-setting)?\b(?! of\b)(?![-'’])|\ball-time\b|\bunprecedented\b",
    re.IGNORECASE)
_BOUNDED = re.compile(
    rf"{_SUPERLATIVE}[^;:!?]{{0,120}}?\b(?:since (?:(?:19|20)\d\d|the |its |at least )"
    r"|in (?:more than |nearly |almost |over |at least )?(?:a|\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"a dozen|several) (?:years?|decades?)\b|in (?:a|the past|the last) (?:decade|generation)\b|to date\b|yet\b)"
    rf"|\bone of the (?:\w+ )?{_SUPERLATIVE}[^.;:!?]{{0,60}}",
    re.IGNORECASE)
_SCOPE_WORDS = frozenset(content_stems("largest biggest highest lowest greatest most fewest smallest worst best first "
                                       "deadliest costliest longest fastest ever record history since decade year"))


@dataclass(frozen=True)
class Claim:
    sentence: int                  # index into the article body's sentences
    span: tuple[int, int]          # document offsets
    text: str
    label: ClaimLabel
    kind: AddedKind | None
    primary: tuple[int, ...] = ()  # the best-supporting primary sentence(s)
    primary_text: str = ""
    score: float = 0.0             # alignment score 0..1, higher = closer to the primary
    lacks: tuple[str, ...] = ()    # what the primary does not have ("name: Pendleford", "figure: 1994")
    conflicts: tuple[str, ...] = ()  # what conflicts with the primary ("figure: 1,480 (primary: 1,840)")
    cues: tuple[str, ...] = ()     # kind cues found in the reporter's own words ("speculation: could")
    notes: tuple[str, ...] = ()    # evidence weighed and set aside ("figure: roughly 1,300 rounds 1,274 of the primary")
    reasons: tuple[str, ...] = ()  # what decided the label, in plain words ("changes a figure: 2,200 vs 2,300")


@dataclass(frozen=True)
class ClaimReport:
    claims: tuple[Claim, ...]
    same_event: bool = True
    note: str = ""                 # said first when the article reports another event


@dataclass(frozen=True)
class _Levels:
    """The story's alignment levels (0..1) for "barely" and "closely" aligned."""

    topic: float     # under it, a sentence is barely aligned (novel words decide)
    close: float     # under it, specifics the primary lacks, a kind cue or an old year make a sentence added


@dataclass(frozen=True)
class _Findings:
    lacks: tuple[str, ...]
    conflicts: tuple[str, ...]
    cues: tuple[tuple[str, str], ...]   # (kind, cue) the aligned primary text does not share
    notes: tuple[str, ...]              # report labels not taken as they stand, and why
    names: tuple[str, ...]              # the capitalised names of the reporter's words
    new_names: tuple[str, ...]
    lacking: int                        # specifics the primary lacks: new names, unsourced figures and years
    supported: int                      # specifics it gives: figures that match or round its own
    event_specific: bool                # figures/years/people of another event possible
    unsourced: bool                     # carries a quotation the primary does not hold
    history: bool                       # a year or decade long before the primary's dated events
    new_words: int
    aside: bool = False                 # a short judgement in the reporter's own words ("It's a miracle.")
    figures: tuple[Figure, ...] = ()    # the sentence's labelled figures
    stems: frozenset[str] = frozenset()  # content stems of the reporter's words, figures aside


@lru_cache(maxsize=1)
def _said_verbs() -> frozenset[str]:
    return frozenset(word_list("said_verbs"))


@lru_cache(maxsize=1)
def _cues() -> tuple[dict[str, str], re.Pattern]:
    """Cue phrase -> kind, and one pattern matching any cue as whole words."""
    kinds: dict[str, str] = {}
    for entry in word_list("claim_cues"):
        kind, _, phrase = entry.partition("\t")
        phrase = phrase.strip().lower()
        if kind in KIND_ORDER and phrase:
            kinds.setdefault(phrase, kind)
    # A loaded phrase ("blows millions", "nobody asked for") passes judgement: an editorial cue in the
    # reporter's own words, in a headline as in any sentence (data/loaded_phrases.txt, shared with framing).
    for entry in word_list("loaded_phrases"):
        phrase = " ".join(entry.split()[:-1]).lower()
        if phrase:
            kinds.setdefault(phrase, "editorial")
    alternatives = sorted(kinds, key=lambda p: (-len(p), p))
    body = "|".join(re.escape(p) + (r"\b" if p[-1].isalnum() else "") for p in alternatives)
    return kinds, re.compile(rf"(?<![\w-])(?:{body})", re.IGNORECASE)


def cues_in(text: str) -> tuple[tuple[str, str], ...]:
    """(kind, cue) for every kind cue in ``text``, in order; a capitalised month ("May") is no cue."""
    kinds, pattern = _cues()
    found = []
    for match in pattern.finditer(text):
        word = match.group()
        if word[:1].isupper() and is_month(word):
            continue
        found.append((kinds[word.lower()], word.lower()))
    return tuple(dict.fromkeys(found))


def _own_text(sentence: Sentence, body: Body, quoted: tuple[tuple[int, int], ...]) -> str:
    """The reporter's words of the sentence: quoted words replaced by a placeholder, the dateline dropped."""
    text, cursor, pieces = body.text, sentence.start, []
    for a, b in quoted:
        pieces.append(text[cursor:a])
        pieces.append(" quote ")
        cursor = b
    pieces.append(text[cursor:sentence.end])
    own = "".join(pieces)
    return own[dateline_end(own):]


def _article_names(body: Body) -> frozenset[str]:
    """Capitalised words the article uses mid-sentence (so a sentence may open with one); datelines apart."""
    return frozenset(w for s in body.sentences if not title_case(s) for w in names(s.text[dateline_end(s.text):]))


def _sentence_names(own: str, sentence: Sentence, known: frozenset[str]) -> list[str]:
    if title_case(sentence):
        return []
    found = names(own)
    first = re.match(r"\W*([A-Z][A-Za-z]*(?:[-'’.][A-Za-z]+)*)", own)
    if first and first.group(1) in known:
        found.insert(0, first.group(1))
    return found


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


# ------------------------------------------------------------- the reports

def _levels(alignment: Alignment, settings: Settings) -> _Levels:
    baseline, n = alignment.baseline, settings.claim_baseline_min_sentences
    return _Levels(
        topic=level(baseline, settings.claim_topic_quantile, settings.claim_novel_max_score, min_sentences=n),
        close=upper_fence(baseline, settings.claim_close_fence, settings.claim_close_max_score, min_sentences=n),
    )


# -------------------------------------------------------------- evidence

def _worked_out(figure: Figure, agreeing: list[Figure], primary_figures: FigureReport) -> bool:
    """A share the sentence's own agreeing figures yield against a figure of the primary ("a fifth of them, 68")."""
    if figure.unit != "percent" or not agreeing:
        return False
    parts = [f.value for f in agreeing if f.unit in _SHARE_PARTS and f.value > 0]
    numerators = parts + [a + b for a, b in combinations(parts, 2)]
    wholes = [f.value for f in primary_figures.figures if f.unit in _SHARE_PARTS and f.value > 0] + parts
    low, high = (figure.low, figure.high) if figure.high > figure.low else (figure.value - 0.5, figure.value + 0.5)
    return any(low <= 100.0 * part / whole <= high for part in numerators for whole in wholes if part < whole)


def _reference_note(figure: Figure, event: EventCheck) -> str:
    """How a figure of another event compares with that event's reference sheet."""
    reference = event.reference
    if reference is None:
        return f"figure: {figure.text} (another event; no reference figures)"
    if figure.label in ("match", "rounded") and figure.source_text:
        quantity = next((known.quantity for known in reference.figures if known.text == figure.source_text), "")
        return f"figure: {figure.text} (agrees with {reference.name}: {figure.source_text} {quantity})".rstrip()
    return f"figure: {figure.text} (not among the figures of {reference.name})"


def _year_bounds(figure: Figure) -> tuple[int, int]:
    if figure.unit == "decade":
        return int(figure.low), int(figure.high)
    return int(figure.value), int(figure.value)


# ------------------------------------------- figures the report may have paired wrongly
#
# The figure report pairs each article figure with one primary figure. Where
# it pairs an approximation with a figure of another quantity, or reads a
# changed figure as a rounding, the sentence would be judged on a wrong pair;
# so a figure's label is weighed against what rounding can do at the
# figure's own precision ("9,800" is stated to the hundred: a rounding of
# 9,750..9,850, never of 8,900) before it makes a sentence contradicted.

def _precision(figure: Figure, settings: Settings) -> float:
    """The place of the figure's last significant digit (100 for "9,800", 1e6 for "$148 million").

    A share written as a fraction ("four in five", "three-quarters") is read
    to ``claim_fraction_precision`` percentage points at best.
    """
    exponent = Decimal(format(abs(figure.value), ".10g")).normalize().as_tuple().exponent
    precision = 10.0 ** int(exponent) if isinstance(exponent, int) else 1.0
    if figure.unit == "percent" and not _PERCENT_SIGN.search(figure.text):
        precision = max(precision, settings.claim_fraction_precision)
    return precision


def _rounds(figure: Figure, value: float, settings: Settings) -> bool:
    """``figure`` is ``value`` rounded, cut or raised at the figure's own precision, as its qualifier allows.

    "more than 3,900" cuts 3,915; "nearly 1,200" raises 1,186; "about 60" or
    a bare "$148 million" rounds or cuts (60 for 61; 148 for 148.7).
    """
    step, stated = _precision(figure, settings), figure.value
    tiny = step * 1e-9
    if figure.qualifier_kind in _UPWARD:
        return stated - tiny <= value < stated + step
    if figure.qualifier_kind in _DOWNWARD:
        return stated - step < value <= stated + tiny
    return abs(value - stated) <= step / 2 + tiny or stated - tiny <= value < stated + step


def _near(figure: Figure, value: float, settings: Settings) -> bool:
    """``value`` lies within one step of the figure's precision (a lenient test of a rounding)."""
    return abs(value - figure.value) < _precision(figure, settings) or _rounds(figure, value, settings)


def _comparable(figure: Figure, primary_figures: FigureReport) -> list[Figure]:
    """The primary's figures of the same amount unit as ``figure``, in order."""
    if figure.unit not in _ROUNDED_UNITS:
        return []
    return [f for f in primary_figures.figures if f.unit == figure.unit and f.span != figure.span]


def _source(figure: Figure, primary_figures: FigureReport) -> Figure | None:
    if figure.source_span is None:
        return None
    return next((f for f in primary_figures.figures if f.span == figure.source_span), None)


def _rounding_of(figure: Figure, primary_figures: FigureReport, anywhere: bool, settings: Settings) -> Figure | None:
    """The primary figure ``figure`` is a rounding of: its source first; any of the unit's when ``anywhere``."""
    source = _source(figure, primary_figures)
    if source is not None and source.unit == figure.unit and _rounds(figure, source.value, settings):
        return source
    if anywhere:
        return next((f for f in _comparable(figure, primary_figures) if _rounds(figure, f.value, settings)), None)
    return None


def _not_a_rounding(figure: Figure, primary_figures: FigureReport, settings: Settings) -> bool:
    """A figure labelled ``rounded`` that no primary figure of its unit comes within a step of ("9,800" for 8,900)."""
    source = _source(figure, primary_figures)
    if source is None or source.unit != figure.unit or figure.unit not in _ROUNDED_UNITS:
        return False
    return not any(_near(figure, f.value, settings) for f in (source, *_comparable(figure, primary_figures)))


def _within_bound(figure: Figure, primary_figures: FigureReport) -> bool:
    """The primary figure ``figure`` was checked against is a bound its value keeps ("22 percent" under "fewer than 30").

    A bound says no value: a figure on its allowed side agrees with it
    without being a rounding of it, and without conflicting.
    """
    source = _source(figure, primary_figures)
    if source is None or source.unit != figure.unit:
        return False
    if source.qualifier_kind in _DOWNWARD:
        return figure.value <= source.value
    if source.qualifier_kind in _UPWARD:
        return figure.value >= source.value
    return False


def _counts_something_else(figure: Figure, primary_figures: FigureReport) -> bool:
    """The primary figure ``figure`` was checked against counts another thing ("19 missed trips", "94 bus routes")."""
    source = _source(figure, primary_figures)
    return source is not None and figure.head != "" and figure.head != source.head


def _transposed(figure: Figure, primary_figures: FigureReport, names_new: bool) -> Figure | None:
    """A primary figure of the same unit written with the same digits in another order ("32" for 23).

    Transposed digits are the commonest slip in copying a figure; two-digit
    figures share digits by chance too, so the primary figure must share
    context words with the article's, or the sentence must name nothing the
    primary lacks (a sentence about something else brings its own names).
    """
    digits = re.sub(r"\D", "", figure.text)
    if len(digits) < 2 or figure.unit not in _ROUNDED_UNITS:
        return None
    for known in _comparable(figure, primary_figures):
        theirs = re.sub(r"\D", "", known.text)
        if theirs != digits and sorted(theirs) == sorted(digits) and (figure.context & known.context or not names_new):
            return known
    return None


def _changed_figures(figures: FigureReport, primary_figures: FigureReport,
                     settings: Settings) -> dict[tuple[str, float], str]:
    """(unit, value) -> the primary's figure, for each amount of the article the report finds changed.

    An article repeats its figures (a headline's in the lede); where the
    report pairs one occurrence with the primary figure it changes and
    leaves another unsourced, the repetition is the same changed figure. A
    mismatch that rounds a primary figure at its own precision is no change.
    """
    changed: dict[tuple[str, float], str] = {}
    for figure in figures.figures:
        if (figure.label == "mismatch" and figure.unit in _ROUNDED_UNITS and figure.source_text
                and _rounding_of(figure, primary_figures, figure.qualifier_kind not in ("", "exact"), settings) is None):
            changed.setdefault((figure.unit, figure.value), figure.source_text)
    return changed


def _credited(own: str, own_names: list[str], earlier: tuple[str, ...]) -> frozenset[str]:
    """The folded names a sentence credits: its own, and with "he"/"she" those of the sentence before that named someone."""
    names_here = list(own_names)
    if not names_here or _PRONOUN.search(own):
        names_here.extend(earlier)
    return frozenset(fold(n).lower().rstrip(".") for n in names_here)


def _quote_findings(sentence: Sentence, credited: frozenset[str], quotes: QuoteReport, facts: PrimaryFacts,
                    same_event: bool) -> tuple[list[str], list[str], bool]:
    """Conflicts, lacks and 'unsourced quote' from the quote report's labels for one sentence.

    A misattributed quotation contradicts its sentence unless the sentence
    credits (by name, or by a pronoun after a sentence naming them) the
    speaker the primary gives the words to. An unsourced quotation is one the
    primary does not hold; from someone the primary names it may be a
    paraphrase too loose to match, except in an article on another event,
    whose quotations come from that event's sources.
    """
    conflicts, lacks, unsourced = [], [], False
    voices = {fold(q.primary_speaker.split()[-1]).lower() for q in quotes.quotes if q.primary_speaker.split()}
    for quote in quotes.quotes:
        if quote.label is None or not _overlaps(quote.span, (sentence.doc_start, sentence.doc_end)):
            continue
        if quote.label != "unsourced" and not quote.speaker.split() and quote.primary_speaker.split():
            # Words the report credits to no one, in a sentence crediting another of the primary's speakers.
            right = fold(quote.primary_speaker.split()[-1]).lower()
            others = sorted((credited & voices) - {right})
            if others and right not in credited:
                conflicts.append(f"speaker: quotation credited to {others[0]}, "
                                 f"words the primary gives {quote.primary_speaker}")
            continue
        if quote.label == "misattributed":
            right = quote.primary_speaker.split()[-1].lower() if quote.primary_speaker.split() else ""
            if right and fold(right) in credited:
                continue  # the sentence credits the speaker the primary gives the words to
            conflicts.append(f"speaker: quotation credited to {quote.speaker or 'another speaker'}")
        elif quote.label == "unsourced":
            surname = quote.speaker.split()[-1].lower() if quote.speaker.split() else ""
            if not surname or surname not in facts.words or not same_event:
                unsourced = True
                lacks.append(f"quotation: from {quote.speaker or 'an uncredited source'}, not in the primary")
    return conflicts, lacks, unsourced


def _reported_speech(own: str, credited: frozenset[str], quotes: QuoteReport) -> tuple[str, str]:
    """(surname, words) of speech the sentence reports from a speaker the primary quotes; ("", "") if none.

    Reported speech is what follows "<speaker> said (that)" or what precedes
    a closing ", <speaker> said"; the speaker is a name or he/she, and must
    be one the article quotes with the primary's words (so the primary
    holds that person's voice).
    """
    speakers = {fold(q.primary_speaker.split()[-1]).lower() for q in quotes.quotes
                if q.label not in (None, "unsourced") and q.primary_speaker.split()}
    if not speakers:
        return "", ""
    leading, trailing = _speech_patterns()
    for pattern in (leading, trailing):
        found = pattern.search(own)
        if found is None:
            continue
        who = fold(found.group("who") or found.groupdict().get("who2") or "").lower()
        if who in ("he", "she"):
            who = next((name for name in sorted(speakers) if name in credited), "")
        if who in speakers:
            return who, found.group("said")
    return "", ""


@lru_cache(maxsize=1)
def _speech_patterns() -> tuple[re.Pattern, re.Pattern]:
    """"<who> said (that) <said>" and "<said>, <who> said" / "<said>, said <title> <who>"."""
    verbs = "|".join(sorted((re.escape(v) for v in _said_verbs()), key=lambda v: (-len(v), v)))
    who = r"(?P<who>[Hh]e|[Ss]he|[A-Z][\w'’-]+)"
    leading = re.compile(rf"\b{who}\s+(?:\w+ly\s+)?(?:{verbs})\b(?:\s+that\b)?(?P<said>.+)$")
    trailing = re.compile(rf"^(?P<said>.+?),\s*(?:{who}\s+(?:{verbs})|(?:{verbs})(?:\s+[A-Z][\w'’.-]*)*?\s+"
                          rf"(?P<who2>[A-Z][\w'’-]+))\W*$")
    return leading, trailing


def _findings(sentence: Sentence, match: SentenceMatch, article: Body, primary: Body, quoted: tuple,
              facts: PrimaryFacts, dates: Calendar, known_names: frozenset[str], earlier: tuple[str, ...],
              quotes: QuoteReport,
              figures: FigureReport, primary_figures: FigureReport, event: EventCheck, levels: _Levels,
              settings: Settings, changed: dict[tuple[str, float], str] | None = None, *, own: str) -> _Findings:
    lacks: list[str] = []
    conflicts: list[str] = []
    notes: list[str] = []
    own_names = _sentence_names(own, sentence, known_names)
    new_names = list(dict.fromkeys(n for n in own_names if fold(n).lower().rstrip(".") not in facts.words
                                   and not (n.isupper() and n in facts.initialisms)))
    lacks.extend(f"name: {n}" for n in new_names)
    lacking, supported = len(new_names), 0

    # Figures: the figure report's labels (years and decades weighed as dates).
    history = False
    event_specific = bool(new_names)
    here = [f for f in figures.figures if f.label is not None and _overlaps(f.span, (sentence.doc_start, sentence.doc_end))]
    agreeing = [f for f in here if f.label in ("match", "rounded")]
    first_year = dates.span[0] if dates.span is not None else None
    for figure in here:
        if figure.unit in ("year", "decade"):
            if figure.label in ("match", "rounded"):
                supported += 1
                continue
            lacks.append(f"year: {figure.text}")
            lacking += 1
            far = first_year is None or _year_bounds(figure)[1] < first_year - settings.event_year_window
            history = history or far
            event_specific = event_specific or not far
        elif not event.same_event:
            if figure.label in ("match", "rounded") and (event.reference is None or figure.source_span is not None):
                supported += 1  # a value the primary states: the program, not the other event
                continue
            lacks.append(_reference_note(figure, event))
            lacking += 1
            event_specific = True
        elif figure.label == "mismatch":
            # An approximation may round a figure the report did not pair it with ("roughly 1,300" fires).
            rounded = _rounding_of(figure, primary_figures, figure.qualifier_kind not in ("", "exact"), settings)
            if rounded is not None:
                notes.append(f"figure: {figure.text} rounds the primary's {rounded.text}"
                             + (f", not a conflict with {figure.source_text}" if rounded.text != figure.source_text
                                else ", not a conflict"))
                supported += 1
            elif match.score < levels.topic and _counts_something_else(figure, primary_figures):
                # Barely on the primary's topic and counting something else: no evidence of one quantity.
                notes.append(f"figure: {figure.text} is set against {figure.source_text}, which counts something else")
                lacks.append(f"figure: {figure.text}")
                lacking += 1
                event_specific = True
            else:
                shown = f" (primary: {figure.source_text})" if figure.source_text else ""
                conflicts.append(f"figure: {figure.text}{shown}")
        elif figure.label == "unsourced":
            transposed = _transposed(figure, primary_figures, bool(new_names))
            rounded = next((f for f in _comparable(figure, primary_figures)
                            if f.sentence in match.primary and _rounds(figure, f.value, settings)), None)
            repeated = (changed or {}).get((figure.unit, figure.value))
            if transposed is not None:
                conflicts.append(f"figure: {figure.text} (primary: {transposed.text}, its digits in another order)")
            elif repeated is not None:
                conflicts.append(f"figure: {figure.text} (primary: {repeated}; the article's changed figure again)")
            elif _worked_out(figure, agreeing, primary_figures):
                lacks.append(f"figure: {figure.text} (worked out from the primary's figures)")
            elif rounded is not None:
                notes.append(f"figure: {figure.text} rounds the primary's {rounded.text} in the aligned text")
                supported += 1
                continue
            else:
                lacks.append(f"figure: {figure.text}")
                lacking += 1
            event_specific = True
        elif figure.label == "rounded" and _not_a_rounding(figure, primary_figures, settings):
            if _within_bound(figure, primary_figures) and _transposed(figure, primary_figures, bool(new_names)) is None:
                notes.append(f"figure: {figure.text} keeps the primary's bound {figure.source_text}, "
                             "a value it does not give")
                lacks.append(f"figure: {figure.text}")
                lacking += 1
                event_specific = True
                continue
            conflicts.append(f"figure: {figure.text} (primary: {figure.source_text}; not a rounding of it)")
        else:
            supported += 1
    event_specific = event_specific or bool(conflicts)

    conflicts.extend(_scope_conflicts(own, primary))

    # Quotations: the quote report's labels.
    credited = _credited(own, own_names, earlier)
    quote_conflicts, quote_lacks, unsourced = _quote_findings(sentence, credited, quotes, facts, event.same_event)
    conflicts.extend(quote_conflicts)
    lacks.extend(quote_lacks)
    event_specific = event_specific or unsourced

    # Cues: a kind the primary text the sentence aligns with shares is the primary's, not the reporter's;
    # nor is a cue in speech the sentence reports from a speaker the primary quotes.
    cues = cues_in(own)
    if cues and match.primary and match.score >= levels.topic:
        shared = {kind for kind, _ in cues_in(" ".join(primary.sentences[i].text for i in match.primary))}
        cues = tuple((kind, cue) for kind, cue in cues if kind not in shared)
        speaker, speech = _reported_speech(own, credited, quotes) if cues else ("", "")
        if speaker:
            theirs = set(cues_in(speech))
            notes.extend(f"cue: {cue} (in speech reported from {speaker}, whom the primary quotes)"
                         for kind, cue in cues if (kind, cue) in theirs)
            cues = tuple(c for c in cues if c not in theirs)
    # A figure's words ("roughly", "three-quarters") are weighed as a figure, not as words the primary lacks.
    wording = own
    for figure in here:
        wording = wording.replace(figure.text, " ")
    stems = [s for s in content_stems(wording) if not s[:1].isdigit() and s != "quot"]
    new_words = [s for s in dict.fromkeys(stems) if s not in facts.stems]
    if new_words:
        lacks.append("words: " + ", ".join(new_words))
    aside = not here and not own_names and _is_aside(own, settings)
    return _Findings(tuple(lacks), tuple(conflicts), cues, tuple(notes), tuple(own_names),
                     tuple(n.lower() for n in new_names), lacking, supported, event_specific, unsourced, history,
                     len(new_words), aside, tuple(here), frozenset(stems))


def _is_aside(own: str, settings: Settings) -> bool:
    """A few words of the reporter's that only judge: strong tone, no verb of saying.

    A question or a lead-in ("Who has gotten sick?", "What it means:") asks or
    announces; it asserts nothing.
    """
    words = tokens(own)
    if own.rstrip(" \"'”’)").endswith(("?", ":")):
        return False
    if not words or len(words) > settings.claim_aside_max_words or any(w in _said_verbs() for w in words):
        return False
    return abs(compound(own)) >= settings.claim_aside_min_tone


def _scope_conflicts(own: str, primary: Body) -> list[str]:
    """A superlative with no bound in the reporter's words against one the primary bounds.

    "It's the biggest penalty the agency has ever imposed" conflicts with "the
    largest penalty ... since 2015" when the two sentences share a content
    word besides the superlatives ("penalty"); one conflict is said per sentence.
    """
    lower = own.lower()
    # Each unbounded scope has one of these words; most sentences have none, and skip the pattern.
    if not any(word in lower for word in ("ever", "record", "history", "all-time", "unprecedented")):
        return []
    claim = _UNBOUNDED.search(own)
    if claim is None:
        return []
    mine = set(content_stems(own)) - _SCOPE_WORDS
    for bounded in _bounded_superlatives(primary.text):
        if mine & (set(content_stems(bounded)) - _SCOPE_WORDS):
            return [f"scope: {claim.group()!r} (primary: {bounded!r})"]
    return []


@lru_cache(maxsize=64)
def _bounded_superlatives(primary_text: str) -> tuple[str, ...]:
    """The primary's bounded superlatives ("the largest civil penalty ... since 2015"), as written."""
    return tuple(m.group() for m in _BOUNDED.finditer(primary_text))


def cue_kind(findings: _Findings) -> AddedKind | None:
    """The kind the sentence shows by itself (None: no cue of its own)."""
    counts = {kind: sum(1 for k, _ in findings.cues if k == kind) for kind in KIND_ORDER}
    if findings.history:
        counts["historical"] += 1
    if findings.aside:
        counts["editorial"] += 1
    best = max(KIND_ORDER, key=lambda k: (counts[k], -KIND_ORDER.index(k)))
    return best if counts[best] else None


# ------------------------------------------------------- evidence as features
#
# The label is decided from one flat dict of evidence per sentence (the
# decision layer, analysis.learning, fits or applies a model over these
# names; FEATURE_SET names the set so that a model made for other features is
# refused). Counts are capped so that one long sentence does not dominate.

FEATURE_SET = "claims-6"
_NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|without|cannot)\b|n[’']t\b", re.IGNORECASE)
_SUPERLATIVE_WORD = re.compile(_SUPERLATIVE, re.IGNORECASE)
# A rate's period ("300 units a month"): the same figure per day is another claim.
_RATE = re.compile(r"\b(?:a|an|per|each|every)\s+(day|week|month|quarter|year)\b|\b(daily|weekly|monthly|annually|"
                   r"yearly)\b", re.IGNORECASE)
_RATE_WORD = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year"}
# "according to", "said", "say": an attribution keeps a claim the reporter's source's, as a hedge does.
_ATTRIBUTION = re.compile(r"\baccording to\b|\b(?:said|says|say|told|alleg\w*|charg\w*)\b", re.IGNORECASE)


# Words of a direction of change, as written ("up from 223" against "down from 223"). Plain words, not
# content stems: "up", "down", "more", "less" and "fewer" are stop words, which content stems leave out.
_DIRECTION_UP = frozenset(("up", "more", "higher", "rise", "rises", "rose", "risen", "rising", "grew", "grow", "grows",
                           "grown", "gain", "gained", "climbed", "climb", "increase", "increased", "jumped", "surged",
                           "doubled", "tripled", "expanded", "boosted"))
_DIRECTION_DOWN = frozenset(("down", "less", "fewer", "lower", "fall", "falls", "fell", "fallen", "falling", "drop",
                             "dropped", "decline", "declined", "slipped", "slid", "decrease", "decreased", "shrank",
                             "halved", "cut", "reduced", "slashed"))


@lru_cache(maxsize=1)
def _act_stems() -> frozenset[str]:
    return frozenset(content_stems(" ".join(word_list("act_verbs"))))


@lru_cache(maxsize=1)
def _hedge_words() -> frozenset[str]:
    return frozenset(word_list("hedges")) | frozenset(word_list("innocence_hedges"))


def _rates(text: str) -> frozenset[str]:
    return frozenset(m.group(1).lower() if m.group(1) else _RATE_WORD[m.group(2).lower()] for m in _RATE.finditer(text))


def _other_thing(here: list[Figure], primary_figures: FigureReport) -> int:
    """Figures whose value the primary gives for another counted thing only ("125 million children" for meals)."""
    found = 0
    for figure in here:
        if figure.unit not in _ROUNDED_UNITS or not figure.head or figure.value == 0:
            continue
        same = [f for f in primary_figures.figures if f.unit == figure.unit and abs(f.value - figure.value) <= 1e-9
                * max(1.0, abs(f.value))]
        heads = {f.head for f in same if f.head}
        if heads and figure.head not in heads:
            found += 1
    return found


@lru_cache(maxsize=4096)
def _aligned_facts(aligned: str) -> tuple[frozenset[str], bool, frozenset[str], bool, frozenset[str]]:
    """What the features read off the aligned primary text (cached: articles align to the same few sentences)."""
    return (frozenset(content_stems(aligned)), bool(_NEGATION.search(aligned)), frozenset(tokens(aligned)),
            bool(_SUPERLATIVE_WORD.search(aligned)), _rates(aligned))


def _direction(words: frozenset[str]) -> tuple[bool, bool]:
    return bool(words & _DIRECTION_UP), bool(words & _DIRECTION_DOWN)


def _cap(n: int, top: int) -> int:
    return min(n, top)


def sentence_features(sentence: Sentence, match: SentenceMatch, findings: _Findings, event: EventCheck,
                      levels: _Levels, settings: Settings, *, own: str, primary: Body, figures: FigureReport,
                      primary_figures: FigureReport, meaning: Sequence[float] = (),
                      facts_stems: frozenset[str] = frozenset()) -> dict[str, float | str]:
    """The evidence on one body sentence as ``{feature name: number or category}`` (FEATURE_SET).

    Scores are 0..1 (alignment) or differences from the story's levels;
    counts are capped small integers; flags are 0/1. ``meaning`` holds the
    sentence's similarity in meaning (``analysis.text.embedding``, -1..1) with
    each primary sentence.
    """
    aligned = " ".join(primary.sentences[i].text for i in match.primary if i < len(primary.sentences))
    theirs, neg_theirs, words_theirs, superlative_theirs, rates_theirs = _aligned_facts(aligned)
    mine = findings.stems
    shared = len(mine & theirs) / len(mine) if mine else 0.0
    conflicts = findings.conflicts
    here = findings.figures
    by_span = {f.span: f for f in primary_figures.figures}
    head_changed = sum(1 for f in here if f.label in ("match", "rounded") and f.source_span in by_span
                       and f.head and by_span[f.source_span].head and f.head != by_span[f.source_span].head)
    heading = sentence.kind in ("headline", "heading")
    neg_mine = bool(_NEGATION.search(own))
    cue_kinds = [k for k, _ in findings.cues]
    words_mine = set(tokens(own))
    hedges = _hedge_words()
    acts_mine, acts_theirs = mine & _act_stems(), theirs & _act_stems()
    rates_mine = _rates(own)
    dir_mine, dir_theirs = _direction(frozenset(words_mine)), _direction(words_theirs)
    best_meaning = float(max(meaning)) if len(meaning) else 0.0
    aligned_meaning = float(max(meaning[i] for i in match.primary)) if match.primary and len(meaning) else 0.0
    features: dict[str, float | str] = {
        "score": round(match.score, 4),
        "over_topic": round(match.score - levels.topic, 4),
        "over_close": round(match.score - levels.close, 4),
        "below_topic": float(match.score < levels.topic),
        "below_close": float(match.score < levels.close),
        "shared_with_aligned": round(shared, 4),
        "new_vs_aligned": _cap(len(mine - theirs), 10),
        "conflict": float(bool(conflicts)),
        "conflict_figure": _cap(sum(1 for c in conflicts if c.startswith("figure:")), 3),
        "conflict_speaker": _cap(sum(1 for c in conflicts if c.startswith("speaker:")), 3),
        "conflict_scope": _cap(sum(1 for c in conflicts if c.startswith("scope:")), 3),
        "same_event": float(event.same_event),
        "other_event_specific": float(not event.same_event and findings.event_specific),
        "event_specific": float(findings.event_specific),
        "unsourced_quote": float(findings.unsourced),
        "lacking": _cap(findings.lacking, 5),
        "supported": _cap(findings.supported, 5),
        "lacks_more": float(findings.lacking > findings.supported),
        "new_names": _cap(len(findings.new_names), 3),
        "cue": float(bool(findings.cues)),
        "history": float(findings.history),
        "new_words": _cap(findings.new_words, 10),
        "novel": float(findings.new_words >= settings.claim_novel_min_words),
        "heading": float(heading),
        "aside": float(findings.aside),
        "words": _cap(len(tokens(own)), 60) / 60,
        "figures": _cap(len(here), 4),
        "figure_head_changed": _cap(head_changed, 2),
        "negation_flip": float(bool(aligned) and neg_mine != neg_theirs),
        "direction_flip": float((dir_mine[0] and dir_theirs[1] and not dir_theirs[0])
                                or (dir_mine[1] and dir_theirs[0] and not dir_theirs[1])),
        "superlative_added": float(bool(_SUPERLATIVE_WORD.search(own)) and not superlative_theirs),
        "question": float(own.rstrip(" \"'”’)").endswith("?")),
        "first_paragraph": float(sentence.paragraph == 0),
        "figure_other_thing": _cap(_other_thing(here, primary_figures), 2),
        "hedge_dropped": float(bool(words_theirs & hedges) and not words_mine & hedges
                               and not _ATTRIBUTION.search(own)),
        "act_changed": float(bool(acts_mine - theirs) and bool(acts_theirs - mine)
                             and not (acts_mine - theirs) <= facts_stems),
        "rate_changed": float(bool(rates_mine) and bool(rates_theirs) and not rates_mine & rates_theirs),
        "unbounded_superlative": float(bool(_UNBOUNDED.search(own)) and not _UNBOUNDED.search(aligned)),
        "credited_elsewhere": 0.0,
        "meaning_best": round(float(best_meaning), 4),
        "meaning_aligned": round(float(aligned_meaning), 4),
        "meaning_over_words": round(float(best_meaning) - match.score, 4),
    }
    for kind in KIND_ORDER:
        features[f"cue_{kind}"] = _cap(cue_kinds.count(kind), 3)
    return features


@dataclass(frozen=True)
class SentenceEvidence:
    """Everything weighed on one body sentence before its label is decided."""

    sentence: Sentence
    match: SentenceMatch
    findings: _Findings
    levels: _Levels
    features: dict


def evidence(
    article: Body,
    primary: Body,
    alignment: Alignment,
    quotes: QuoteReport,
    figures: FigureReport,
    event: EventCheck,
    settings: Settings = DEFAULT,
    *,
    primary_figures: FigureReport,
) -> list[SentenceEvidence]:
    """The evidence on every body sentence of ``article``, its feature dict included (what a decider weighs)."""
    facts = primary_facts(primary)
    quote_report, figure_report = quotes, figures
    dates = calendar(primary_figures)
    levels = _levels(alignment, settings)
    quoted = quoted_spans(article)
    known_names = _article_names(article)
    changed = _changed_figures(figure_report, primary_figures, settings)
    found: list[SentenceEvidence] = []
    meaning = similarities([s.text for s in article.sentences], [s.text for s in primary.sentences])
    earlier: tuple[int, tuple[str, ...]] = (-2, ())  # (paragraph, names) of the last sentence that named someone
    for sentence in article.sentences:
        match = alignment.match(sentence.index) or SentenceMatch(sentence.index, (), 0.0, ())
        own = _own_text(sentence, article, quoted[sentence.index])
        findings = _findings(sentence, match, article, primary, quoted[sentence.index], facts, dates, known_names,
                             earlier[1] if earlier[0] >= sentence.paragraph - 1 else (),
                             quote_report, figure_report, primary_figures, event, levels, settings, changed, own=own)
        if findings.names:
            earlier = (sentence.paragraph, findings.names)
        features = sentence_features(sentence, match, findings, event, levels, settings, own=own,
                                     primary=primary, figures=figure_report, primary_figures=primary_figures,
                                     meaning=meaning[sentence.index], facts_stems=facts.stems)
        found.append(SentenceEvidence(sentence, match, findings, levels, features))
    _credit_lines(found)
    return found


_CREDITED = re.compile(r"^speaker: quotation credited to (.+?)(?:, words the primary gives .*)?$")


def _credit_lines(found: list[SentenceEvidence]) -> None:
    """Mark a quotation credited to the wrong speaker by a sentence of its own (``credited_elsewhere``).

    A quotation followed by a line "Jeremy Hunt, Chancellor of the Exchequer"
    (or a lead-in naming the speaker before it) is credited by that line: the
    quoted words are the primary's, and the wrong name is in the other
    sentence. The nearest sentence within two either side, in the same or a
    neighbouring paragraph, that names the credited speaker and carries no
    speaker conflict of its own counts.
    """
    for at, item in enumerate(found):
        for conflict in item.findings.conflicts:
            credited = _CREDITED.match(conflict)
            words = credited.group(1).split() if credited else []
            surname = fold(words[-1]).lower() if words else ""
            if not surname or surname == "speaker":
                continue
            for step in (1, -1, 2, -2):
                other = at + step
                if not 0 <= other < len(found) or abs(found[other].sentence.paragraph - item.sentence.paragraph) > 1:
                    continue
                there = found[other]
                if any(c.startswith("speaker:") for c in there.findings.conflicts):
                    continue
                if surname in {fold(w).lower() for w in tokens(there.sentence.text)}:
                    item.features["credited_elsewhere"] = 1.0
                    break
