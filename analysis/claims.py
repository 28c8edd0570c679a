"""Claims: each article sentence supported, added or contradicted.

Every body sentence (headline and bullets included) gets a codebook label,
with its evidence: the primary sentence(s) that best support it and the
alignment score, what in it the primary lacks (names, figures, years, content
words) and what conflicts with the primary.

A sentence is

- ``contradicted`` when it conflicts with the primary: a quotation credited to
  another speaker than the primary's (the quote report's ``misattributed``,
  or, while that report is empty, the quoted words matching a primary
  quotation whose attribution names someone else), or a changed figure (the
  figure report's ``mismatch``, or, while that report is empty, a figure of a
  quantity the primary gives with an inconsistent value);
- ``added`` when it asserts what the primary does not say: a quotation the
  primary does not hold from someone it does not name; names, figures or years
  the primary lacks while the sentence is not closely aligned; a cue of
  speculation, opinion, politics, history or the outlet's own voice while not
  closely aligned; or several content words the primary never uses while
  barely aligned at all;
- ``supported`` otherwise: the default, since a sentence with nothing the
  primary lacks says what the primary says.

In an article about a different event (``EventCheck.same_event`` false), a
sentence with figures, years, people or quotations of that other event is
``added`` (kind ``detail``): the primary gives nothing to compare them with.
Program-level sentences the primary supports stay ``supported``.

The ``kind`` of an added claim comes from its cues (``data/claim_cues.txt``)
or a year long before the event (``historical``); a sentence without cues
takes the kind of an earlier added sentence of its paragraph or one sharing a
new name; else ``detail``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from analysis.alignment import Alignment, PartMatch, SentenceMatch, content_stems, fold, quoted_spans
from analysis.cleaning import Body
from analysis.event import EventCheck
from analysis.mentions import (
    FigureMention, PrimaryFacts, consistent, dateline_end, month_names, names, primary_facts, title_case,
)
from analysis.mentions import figures as figures_of
from analysis.numbers import FigureReport
from analysis.quotes import QuoteReport
from analysis.settings import DEFAULT, Settings, word_list
from analysis.text import Sentence

ClaimLabel = Literal["supported", "added", "contradicted"]
AddedKind = Literal["historical", "political", "speculation", "detail", "editorial", "promotional"]
# When cues of several kinds tie, the first kind here wins.
KIND_ORDER: tuple[AddedKind, ...] = ("speculation", "editorial", "political", "historical", "promotional")


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


@dataclass(frozen=True)
class ClaimReport:
    claims: tuple[Claim, ...]
    same_event: bool = True
    note: str = ""                 # said first when the article reports another event


@dataclass(frozen=True)
class _Findings:
    lacks: tuple[str, ...]
    conflicts: tuple[str, ...]
    cues: tuple[tuple[str, str], ...]   # (kind, cue)
    new_names: tuple[str, ...]
    event_specific: bool                # figures/years/people of another event possible
    unsourced: bool                     # carries a quotation the primary does not hold
    history: bool                       # a year or decade long before the event
    new_words: int


@lru_cache(maxsize=1)
def _cues() -> tuple[dict[str, str], re.Pattern]:
    """Cue phrase -> kind, and one pattern matching any cue as whole words."""
    kinds: dict[str, str] = {}
    for entry in word_list("claim_cues"):
        kind, _, phrase = entry.partition("\t")
        phrase = phrase.strip().lower()
        if kind in KIND_ORDER and phrase:
            kinds.setdefault(phrase, kind)
    alternatives = sorted(kinds, key=lambda p: (-len(p), p))
    body = "|".join(re.escape(p) + (r"\b" if p[-1].isalnum() else "") for p in alternatives)
    return kinds, re.compile(rf"(?<![\w-])(?:{body})", re.IGNORECASE)


def cues_in(text: str) -> tuple[tuple[str, str], ...]:
    """(kind, cue) for every kind cue in ``text``, in order; a capitalised month ("May") is no cue."""
    kinds, pattern = _cues()
    found = []
    for match in pattern.finditer(text):
        word = match.group()
        if word[:1].isupper() and word.lower() in month_names():
            continue
        found.append((kinds[word.lower()], word.lower()))
    return tuple(dict.fromkeys(found))


def _own_text(sentence: Sentence, body: Body, quoted: tuple[tuple[int, int], ...]) -> str:
    """The sentence with its quoted words replaced by a placeholder (keeps word positions meaningful)."""
    text, cursor, pieces = body.text, sentence.start, []
    for a, b in quoted:
        pieces.append(text[cursor:a])
        pieces.append(" quote ")
        cursor = b
    pieces.append(text[cursor:sentence.end])
    return "".join(pieces)


def _article_names(body: Body) -> frozenset[str]:
    """Capitalised words the article uses mid-sentence (so a sentence may open with one)."""
    return frozenset(w for s in body.sentences if not title_case(s) for w in names(s.text))


def _sentence_names(own: str, sentence: Sentence, known: frozenset[str]) -> list[str]:
    if title_case(sentence):
        return []
    own = own[dateline_end(own):]
    found = names(own)
    first = re.match(r"\W*([A-Z][A-Za-z]*(?:[-'’.][A-Za-z]+)*)", own)
    if first and first.group(1) in known:
        found.insert(0, first.group(1))
    return found


def _reference_note(figure: FigureMention, event: EventCheck, settings: Settings) -> str:
    """How a figure of another event compares with that event's reference sheet."""
    reference = event.reference
    if reference is None:
        return f"figure: {figure.text} (another event; no reference figures)"
    for known in reference.figures:
        if consistent(figure.value, figure.qualifier, known.value, tolerance=settings.figure_tolerance):
            return f"figure: {figure.text} (agrees with {reference.name}: {known.text} {known.quantity})"
    return f"figure: {figure.text} (not among the figures of {reference.name})"


def _figure_findings(figure: FigureMention, facts: PrimaryFacts, names_other_year: bool,
                     settings: Settings) -> tuple[str, str]:
    """('ok' | 'lacks' | 'conflict', description) for one figure the article gives."""
    shown = figure.text
    if figure.kind in ("year", "decade"):
        years = facts.period.years
        known = any(int(figure.value) <= y < int(figure.value) + (10 if figure.kind == "decade" else 1) for y in years)
        return ("ok", shown) if known else ("lacks", f"year: {shown}")
    candidates = [f for f in facts.figures if f.kind == figure.kind
                  or {f.kind, figure.kind} <= {"count", "ordinal"}]
    for candidate in candidates:
        if consistent(figure.value, figure.qualifier, candidate.value, tolerance=settings.figure_tolerance):
            return "ok", shown
    if "month" in figure.unit and figure.value == len(facts.period.months):
        return "ok", shown   # "three months" for a June-August period
    if figure.kind == "percent" and any(abs(figure.value - d) <= max(0.5, 0.05 * figure.value)
                                        for d in facts.derived):
        return "lacks", f"figure: {shown} (worked out from the primary's figures)"
    if figure.partitive or names_other_year:
        return "lacks", f"figure: {shown}"
    same_quantity = [c for c in candidates if figure.kind in ("money", "percent") or set(c.unit) & set(figure.unit)]
    if same_quantity and figure.kind != "percent":
        closest = min(same_quantity, key=lambda c: abs(c.value - figure.value))
        return "conflict", f"figure: {shown} (primary: {closest.text})"
    return "lacks", f"figure: {shown}"


def _misattributed(match: SentenceMatch, own_names: list[str], primary: Body, facts: PrimaryFacts,
                   settings: Settings) -> str:
    """A description when the quoted words are the primary's but credited to another speaker, else ''."""
    quoted = next((p for p in match.parts if p.role == "quoted"), None)
    if quoted is None or quoted.score < settings.claim_quote_match or not quoted.primary or not own_names:
        return ""
    paragraph = primary.sentences[quoted.primary[0]].paragraph
    speaker = facts.speaker(paragraph)
    if not speaker:
        return ""
    others = frozenset().union(*(names for index, names in facts.speakers if index != paragraph)) - speaker
    credited = {n.lower() for n in own_names}
    if credited & (speaker - others) or not credited & others:
        return ""
    return (f"speaker: credits the words to {' '.join(n for n in own_names if n.lower() in others)}; "
            f"the primary to {' '.join(sorted(speaker - others))}")


def _quote_findings(sentence: Sentence, quotes: QuoteReport, facts: PrimaryFacts) -> tuple[list[str], list[str], bool]:
    """Conflicts, lacks and 'unsourced quote' from the quote report's labels for one sentence."""
    conflicts, lacks, unsourced = [], [], False
    for quote in quotes.quotes:
        if quote.label is None or not _overlaps(quote.span, (sentence.doc_start, sentence.doc_end)):
            continue
        if quote.label == "misattributed":
            conflicts.append(f"speaker: quotation credited to {quote.speaker or 'another speaker'}")
        elif quote.label == "unsourced":
            surname = quote.speaker.split()[-1].lower() if quote.speaker.split() else ""
            if not surname or surname not in facts.words:
                unsourced = True
                lacks.append(f"quotation: from {quote.speaker or 'an uncredited source'}, not in the primary")
    return conflicts, lacks, unsourced


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _findings(sentence: Sentence, match: SentenceMatch, article: Body, primary: Body, quoted: tuple,
              facts: PrimaryFacts, known_names: frozenset[str], quotes: QuoteReport, figures: FigureReport,
              event: EventCheck, settings: Settings) -> _Findings:
    own = _own_text(sentence, article, quoted)
    lacks: list[str] = []
    conflicts: list[str] = []
    new_names = [n for n in _sentence_names(own, sentence, known_names)
                 if fold(n).lower().rstrip(".") not in facts.words]
    lacks.extend(f"name: {n}" for n in dict.fromkeys(new_names))

    # Figures: the figure report's labels when it has any, else our own reading.
    history = False
    event_specific = bool(new_names)
    labelled = [f for f in figures.figures if f.label is not None]
    found = [f for f in figures_of(article) if f.sentence == sentence.index]
    years = [f for f in found if f.kind in ("year", "decade")]
    for year in years:
        status, text = _figure_findings(year, facts, False, settings)
        if status == "lacks":
            lacks.append(text)
            far = facts.event_year is None or year.value < facts.event_year - settings.event_year_window
            history = history or far
            event_specific = event_specific or not far
    other_year = any(f.kind == "year" and facts.event_year is not None and f.value != facts.event_year
                     and f.value not in facts.period.years for f in years)
    if labelled and event.same_event:
        for figure in labelled:
            if not _overlaps(figure.span, (sentence.doc_start, sentence.doc_end)):
                continue
            if figure.label == "mismatch":
                conflicts.append(f"figure: {figure.text}")
            elif figure.label == "unsourced" and not re.fullmatch(r"\d{4}s?", figure.text.strip()):
                lacks.append(f"figure: {figure.text}")
    else:
        for figure in found:
            if figure.kind in ("year", "decade"):
                continue
            status, text = _figure_findings(figure, facts, other_year, settings)
            if status != "ok" and not event.same_event:
                # Another event's figure: compared with its reference sheet, never the primary.
                status, text = "lacks", _reference_note(figure, event, settings)
            if status == "conflict":
                conflicts.append(text)
            elif status == "lacks":
                lacks.append(text)
    event_specific = event_specific or bool(conflicts) or any(t.startswith("figure") for t in lacks)

    # Quotations: the quote report's labels when it has any, else the alignment of the quoted words.
    unsourced = False
    own_names = _sentence_names(own, sentence, known_names)
    if any(q.label is not None for q in quotes.quotes):
        quote_conflicts, quote_lacks, unsourced = _quote_findings(sentence, quotes, facts)
        conflicts.extend(quote_conflicts)
        lacks.extend(quote_lacks)
    else:
        wrong_speaker = _misattributed(match, own_names, primary, facts, settings)
        if wrong_speaker:
            conflicts.append(wrong_speaker)
        quoted_part: PartMatch | None = next((p for p in match.parts if p.role == "quoted"), None)
        if quoted_part is not None and quoted_part.score < settings.claim_quote_unsourced:
            unsourced = True
            lacks.append("quotation: not in the primary")
    event_specific = event_specific or unsourced

    cues = cues_in(own)
    stems = [s for s in content_stems(own) if not s[:1].isdigit() and s != "quot"]
    new_words = [s for s in dict.fromkeys(stems) if s not in facts.stems]
    if new_words:
        lacks.append("words: " + ", ".join(new_words))
    return _Findings(tuple(lacks), tuple(conflicts), cues, tuple(n.lower() for n in new_names), event_specific,
                     unsourced, history, len(new_words))


def _kind(findings: _Findings) -> AddedKind | None:
    """The kind the sentence shows by itself (None: no cue of its own)."""
    counts = {kind: sum(1 for k, _ in findings.cues if k == kind) for kind in KIND_ORDER}
    if findings.history:
        counts["historical"] += 1
    best = max(KIND_ORDER, key=lambda k: (counts[k], -KIND_ORDER.index(k)))
    return best if counts[best] else None


def _decide(sentence: Sentence, match: SentenceMatch, findings: _Findings, event: EventCheck,
            settings: Settings) -> tuple[ClaimLabel, bool]:
    """The label, and whether the evidence ties the sentence to another event."""
    if findings.conflicts:
        return ("contradicted", False) if event.same_event else ("added", True)
    if not event.same_event and findings.event_specific:
        return "added", True
    if findings.unsourced:
        return "added", False
    specifics = any(t.startswith(("name:", "figure:", "year:")) for t in findings.lacks)
    if specifics and match.score < settings.claim_specific_max_score:
        return "added", False
    if findings.cues and match.score < settings.claim_cue_max_score:
        return "added", False
    if findings.history and match.score < settings.claim_cue_max_score:
        return "added", False
    if (sentence.kind not in ("headline", "heading") and findings.new_words >= settings.claim_novel_min_words
            and match.score < settings.claim_novel_max_score):
        return "added", False
    return "supported", False


def label(
    article: Body,
    primary: Body,
    alignment: Alignment,
    quotes: QuoteReport,
    figures: FigureReport,
    event: EventCheck,
    settings: Settings = DEFAULT,
) -> ClaimReport:
    """Label every body sentence of ``article`` supported, added or contradicted, with its evidence."""
    facts = primary_facts(primary, settings.quote_min_words)
    quoted = quoted_spans(article)
    known_names = _article_names(article)
    claims: list[Claim] = []
    added_kinds: list[tuple[int, frozenset[str], AddedKind]] = []  # (paragraph, new names, kind)
    for sentence in article.sentences:
        match = alignment.match(sentence.index) or SentenceMatch(sentence.index, (), 0.0, ())
        findings = _findings(sentence, match, article, primary, quoted[sentence.index], facts, known_names,
                             quotes, figures, event, settings)
        verdict, other_event = _decide(sentence, match, findings, event, settings)
        kind: AddedKind | None = None
        if verdict == "added":
            kind = "detail" if other_event else _kind(findings)
            if kind is None:
                names_here = frozenset(findings.new_names)
                inherited = [k for paragraph, names_there, k in added_kinds
                             if paragraph == sentence.paragraph or names_here & names_there]
                kind = inherited[-1] if inherited else "detail"
            added_kinds.append((sentence.paragraph, frozenset(findings.new_names), kind))
        primary_text = " ".join(primary.sentences[i].text for i in match.primary if i < len(primary.sentences))
        claims.append(Claim(
            sentence=sentence.index,
            span=(sentence.doc_start, sentence.doc_end),
            text=sentence.text,
            label=verdict,
            kind=kind,
            primary=match.primary,
            primary_text=primary_text,
            score=match.score,
            lacks=findings.lacks,
            conflicts=findings.conflicts,
            cues=tuple(f"{k}: {c}" for k, c in findings.cues),
        ))
    note = "" if event.same_event else (
        "This article reports a different event from the primary's"
        + (f" ({event.reference.name})" if event.reference is not None else "")
        + ": its sentences about that event are added, not compared with the primary.")
    return ClaimReport(tuple(claims), event.same_event, note)
