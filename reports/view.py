"""What the handout shows, read off a StoryAnalysis: no measure is recomputed here.

``story_view(analysis, ...)`` turns the measures' records into display items:
the primary's key facts and quotations (C1...Cn), each article's sentence
marks (= ≈ + ✗), its quotations and figures with their labels, what it left
out, and the comparison grid. Records are read through their contract
fields; a field a measure has not got yet is read with a default, and a
measure that is still a placeholder (``Measure.implemented`` in the pipeline's
registry, ``analysis.pipeline.MEASURES``) has
its place left out: the view lists what was left out and why.

All offsets here are BODY offsets (into ``Body.text``); the records' document
offsets are mapped back through the body's pieces.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from analysis.pipeline import MEASURES as REGISTRY, ArticleAnalysis, StoryAnalysis
from analysis.readers.cleaning import Body

# The measures' names, from the pipeline's registry.
MEASURES: tuple[str, ...] = tuple(entry.name for entry in REGISTRY)
# Quotation labels whose words are found in the primary (all but unsourced).
FROM_PRIMARY = ("exact", "trivial", "marked", "spliced", "altered", "misattributed")
# A supported sentence is "quoted" (=) when quotations cover at least this share of it.
QUOTED_SHARE = 0.5
UNKNOWN_OUTLETS = ("", "unknown")
OPENING_MARKS = "\"“‘'„«"
# What of the handout each measure provides (left out, with a note, until it is available).
SECTIONS = (("claims", "sentence marks = ≈ + ✗"), ("quotes", "quotation fidelity"), ("numbers", "figure checks"),
            ("omissions", "what each article left out"), ("event", "event check"))
# The left-out box lists the most important items (the measure orders them) up to this many.
MAX_LEFT_OUT = 8


def ready_measures() -> frozenset[str]:
    """The measures that are implemented (not placeholders) in this installation."""
    return frozenset(entry.name for entry in REGISTRY if entry.implemented)


def attr(record: Any, names: Iterable[str], default: Any = None) -> Any:
    """The first of ``names`` that ``record`` has and that is not None, else ``default``."""
    for name in names:
        value = getattr(record, name, None)
        if value is not None:
            return value
    return default


# ----------------------------------------------------------------- offsets


def to_body(body: Body, start: int, end: int) -> tuple[int, int] | None:
    """The body span of a document span, or None when none of it is in the body."""
    pieces = body.pieces
    if not pieces or end <= start:
        return None
    doc_starts = [p[1] for p in pieces]
    # start: inside a piece, or the next piece's start
    i = bisect.bisect_right(doc_starts, start) - 1
    if i >= 0 and start < pieces[i][1] + pieces[i][2]:
        body_start = pieces[i][0] + start - pieces[i][1]
    elif i + 1 < len(pieces):
        body_start = pieces[i + 1][0]
    else:
        return None
    # end: inside a piece, or the previous piece's end
    j = bisect.bisect_left(doc_starts, end) - 1
    if j < 0:
        return None
    body_end = pieces[j][0] + min(end - pieces[j][1], pieces[j][2])
    if body_end <= body_start:
        return None
    return body_start, body_end


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ----------------------------------------------------------------- records


@dataclass(frozen=True)
class Decoration:
    """A stretch of body text drawn in a certain way.

    ``layer`` is "sentence" (an added or contradicted sentence's tint),
    "quote" (underlined with the quotation's label style) or "figure".
    """

    start: int
    end: int
    layer: str
    variant: str | None


@dataclass(frozen=True)
class Badge:
    """A short label drawn inline at a body offset: after a quotation or figure, before a key fact."""

    offset: int
    text: str
    layer: str            # "quote", "figure", "key"
    variant: str | None
    before: bool = False  # drawn before the text at ``offset`` (else after the text ending there)


@dataclass(frozen=True)
class SentenceMark:
    sentence: int
    offset: int           # body offset of the sentence
    end: int
    mark: str             # key of reports.style.SENTENCE
    kind: str | None      # kind of an added claim
    detail: str = ""      # what conflicts with the primary, or what it lacks, as the claim says
    ref: str = ""         # the C ref of the primary's key item the claim is set against ("" when none)


@dataclass(frozen=True)
class QuoteNote:
    ref: str              # "Q1"
    start: int            # body offsets
    end: int
    text: str
    speaker: str
    label: str | None
    difference: str       # "" for an exact quotation or when the record says nothing
    key: str              # the primary's C ref it comes from, or ""


@dataclass(frozen=True)
class FigureNote:
    ref: str              # "F1"
    start: int
    end: int
    text: str
    label: str | None
    note: str
    source: str = ""      # the value it was checked against, as the source writes it


@dataclass(frozen=True)
class KeyItem:
    """A key fact or quotation of the primary, C1...Cn."""

    ref: str
    kind: str                    # "fact" or "quotation"
    start: int                   # body offsets in the primary
    end: int
    text: str
    paragraph: int               # 1-based paragraph number as printed
    sentences: tuple[int, ...]   # primary body sentence indices


@dataclass(frozen=True)
class DocumentView:
    key: str                      # "primary" or a letter
    label: str                    # "Primary source" / "Article A"
    outlet: str                   # "" when hidden (blind) or unknown
    published: str
    url: str
    headline: str
    file: str
    body: Body
    text: str                     # body text, every character drawable
    paragraph_numbers: dict[int, int]   # body paragraph index -> printed number (primary)
    decorations: tuple[Decoration, ...] = ()
    badges: tuple[Badge, ...] = ()
    marks: tuple[SentenceMark, ...] = ()
    event_note: tuple[str, ...] = ()    # non-empty when the article reports another event
    paywall_note: tuple[str, ...] = ()
    quotes: tuple[QuoteNote, ...] = ()
    figures: tuple[FigureNote, ...] = ()
    figure_reference: str = ""
    figure_inconsistencies: tuple[str, ...] = ()
    left_out: tuple[str, ...] | None = None   # None: omissions not measured
    left_out_partial: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    other_event: str = ""                # the name of the other event the article reports ("" when the same)
    claim_notes: tuple[tuple[int, str], ...] = ()  # (body offset, evidence in words) of added/contradicted sentences

    @property
    def title(self) -> str:
        return f"{self.label}: {self.outlet}" if self.outlet and self.key != "primary" else self.label


@dataclass(frozen=True)
class GridRow:
    item: KeyItem
    cells: tuple[str, ...]        # one per article: a key of reports.style.GRID


@dataclass(frozen=True)
class ReferenceRow:
    """A figure of the published reference for another event (R1...Rn), and how each article gave it."""

    ref: str
    quantity: str
    text: str
    cells: tuple[str, ...]        # one per article: a key of reports.style.FIGURE, "left_out" or "other_event"
    given: tuple[str, ...]        # one per article: the article's words for it ("" when none)


@dataclass(frozen=True)
class Reference:
    """Another event the coverage reports, as the story's reference sheet describes it."""

    name: str
    period: str
    source: str
    officials: tuple[str, ...]
    rows: tuple[ReferenceRow, ...]


@dataclass(frozen=True)
class StoryView:
    story: str
    title: str
    primary: DocumentView
    articles: tuple[DocumentView, ...]
    key_items: tuple[KeyItem, ...]
    grid: tuple[GridRow, ...] | None    # None: alignment or claims not measured
    ready: frozenset[str]
    left_out: tuple[str, ...]           # sections left out, and why
    blind: bool
    outlets: tuple[tuple[str, str], ...]  # (letter, real outlet): the teacher's key in blind mode
    analysis: StoryAnalysis
    references: tuple[Reference, ...] = ()  # the other events the articles report, with their figures

    def article(self, key: str) -> DocumentView:
        return next(a for a in self.articles if a.key == key)


# ----------------------------------------------------------------- building


def letters(count: int) -> list[str]:
    """A, B, ..., Z, AA, AB, ...: one per article."""
    out = []
    for i in range(count):
        name, n = "", i
        while True:
            name = chr(ord("A") + n % 26) + name
            n = n // 26 - 1
            if n < 0:
                break
        out.append(name)
    return out


def outlet_name(outlet: str) -> str:
    return "" if outlet.strip().casefold() in UNKNOWN_OUTLETS else outlet.strip()


def story_view(analysis: StoryAnalysis, *, blind: bool = False, ready: frozenset[str] | None = None) -> StoryView:
    """Everything the handout and the questions need, read off ``analysis``.

    Args:
        blind: hide outlet names and URLs (articles are "Article A", "Article B", ...).
        ready: the measures to show; default: those implemented (see :func:`ready_measures`).
    """
    ready = ready_measures() if ready is None else frozenset(ready)
    primary = _primary_view(analysis, ready)
    key_items = _key_items(analysis, primary, ready)
    primary = _with_key_badges(primary, key_items)
    keys = letters(len(analysis.articles))
    articles = tuple(
        _article_view(analysis, article, key, key_items, ready, blind)
        for key, article in zip(keys, analysis.articles)
    )
    grid = _grid(analysis, articles, key_items, ready)
    references = _references(analysis, keys, ready)
    left_out = []
    if grid is None:
        missing = sorted({"alignment", "claims"} - ready)
        left_out.append(f"comparison grid of key facts ({', '.join(missing)} not available yet)")
    for name, what in SECTIONS:
        if name not in ready:
            left_out.append(f"{what} ({name} not available yet)")
    outlets = tuple((key, outlet_name(a.document.outlet) or "outlet not known")
                    for key, a in zip(keys, analysis.articles))
    return StoryView(
        story=analysis.story.name,
        title=analysis.story.title or analysis.story.name,
        primary=primary,
        articles=articles,
        key_items=key_items,
        grid=grid,
        ready=ready,
        left_out=tuple(left_out),
        blind=blind,
        outlets=outlets,
        analysis=analysis,
        references=references,
    )


def _paragraph_numbers(body: Body) -> dict[int, int]:
    numbers_, n = {}, 0
    for paragraph in body.paragraphs:
        if paragraph.kind in ("headline",):
            continue
        n += 1
        numbers_[paragraph.index] = n
    return numbers_


def _primary_view(analysis: StoryAnalysis, ready: frozenset[str]) -> DocumentView:
    from reports.fonts import printable

    primary = analysis.primary
    body = primary.cleaning.body
    document = primary.document
    decorations = []
    if "quotes" in ready:
        for quote in primary.quotes.quotes:
            for a, b in _segments(body, quote):
                decorations.append(Decoration(a, b, "quote", None))
    return DocumentView(
        key="primary",
        label="Primary source",
        outlet=outlet_name(document.outlet),
        published=document.published,
        url=document.url,
        headline=primary.cleaning.headline or document.headline,
        file=document.file,
        body=body,
        text=printable(body.text),
        paragraph_numbers=_paragraph_numbers(body),
        decorations=tuple(decorations),
    )


def _segments(body: Body, quote: Any) -> list[tuple[int, int]]:
    """Body spans of a quotation's segments (its whole span if it lists none)."""
    spans = []
    for segment in attr(quote, ("segments",), ()) or (quote.span,):
        mapped = to_body(body, *segment)
        if mapped:
            a, b = strip_span(body.text, *mapped)
            if b > a:
                spans.append((a, b))
    return spans


def _sentences_within(body: Body, start: int, end: int) -> tuple[int, ...]:
    return tuple(s.index for s in body.sentences if s.start < end and start < s.end)


def _key_items(analysis: StoryAnalysis, primary: DocumentView, ready: frozenset[str]) -> tuple[KeyItem, ...]:
    """The primary's quotations, and its sentences of fact (those with a figure, once figures are measured)."""
    body = primary.body
    paragraph_number = primary.paragraph_numbers
    found: list[tuple[int, int, str, tuple[int, ...]]] = []
    quoted: list[tuple[int, int]] = []
    if "quotes" in ready:
        for quote in analysis.primary.quotes.quotes:
            spans = _segments(body, quote)
            if not spans:
                continue
            a, b = spans[0][0], spans[-1][1]
            while a > 0 and body.text[a - 1] in OPENING_MARKS:
                a -= 1
            quoted.extend(spans)
            found.append((a, b, "quotation", _sentences_within(body, a, b)))
    figure_spans = []
    if "numbers" in ready:
        figure_spans = [s for s in (to_body(body, *f.span) for f in analysis.primary.figures.figures) if s]
    for sentence in body.sentences:
        if sentence.kind in ("headline", "heading"):
            continue
        length = max(1, sentence.end - sentence.start)
        inside_quotes = sum(max(0, min(b, sentence.end) - max(a, sentence.start)) for a, b in quoted)
        if inside_quotes / length >= QUOTED_SHARE:
            continue
        if "numbers" in ready and not any(a < sentence.end and sentence.start < b for a, b in figure_spans):
            continue
        found.append((sentence.start, sentence.end, "fact", (sentence.index,)))
    found.sort()
    items = []
    for n, (a, b, kind, sentences) in enumerate(found, start=1):
        paragraph = next((p.index for p in body.paragraphs if p.start <= a < p.end + 1), 0)
        items.append(KeyItem(f"C{n}", kind, a, b, body.text[a:b], paragraph_number.get(paragraph, 0), sentences))
    return tuple(items)


def _with_key_badges(primary: DocumentView, items: Sequence[KeyItem]) -> DocumentView:
    from dataclasses import replace

    badges = tuple(Badge(item.start, item.ref, "key", item.kind, before=True) for item in items)
    return replace(primary, badges=badges)


def _mark_of(label: str, quoted_share: float) -> str:
    if label == "contradicted":
        return "contradicted"
    if label == "added":
        return "added"
    return "quoted" if quoted_share >= QUOTED_SHARE else "paraphrased"


def _article_view(
    analysis: StoryAnalysis,
    article: ArticleAnalysis,
    key: str,
    key_items: Sequence[KeyItem],
    ready: frozenset[str],
    blind: bool,
) -> DocumentView:
    from reports.fonts import printable

    body = article.cleaning.body
    document = article.document
    decorations: list[Decoration] = []
    badges: list[Badge] = []
    counts: dict[str, int] = {}
    check = article.event if "event" in ready else None
    other_event = ""
    if check is not None and not check.same_event:
        reference = getattr(check, "reference", None)
        other_event = (getattr(reference, "name", "") or "another event") if reference is not None else "another event"

    # Quotations: underlined with their label; the ones from the primary count towards "=".
    quote_notes = []
    from_primary: list[tuple[int, int]] = []
    if "quotes" in ready:
        found = [q for q in article.quotes.quotes if not getattr(q, "is_term", False)]
        for n, quote in enumerate(sorted(found, key=lambda q: tuple(q.span)), start=1):
            spans = _segments(body, quote)
            if not spans:
                continue
            label = quote.label
            # drawn as another event's words, not as words missing from the primary
            drawn = "other_event" if other_event and label == "unsourced" else label
            for a, b in spans:
                decorations.append(Decoration(a, b, "quote", drawn))
                if label in FROM_PRIMARY and label != "misattributed":
                    from_primary.append((a, b))
            ref = f"Q{n}"
            badges.append(Badge(spans[-1][1], ref, "quote", drawn))
            quote_notes.append(QuoteNote(
                ref=ref, start=spans[0][0], end=spans[-1][1], text=quote.text,
                speaker=quote.speaker or "", label=label,
                difference=_quote_difference(quote, analysis, other_event),
                key="" if label == "unsourced" else _key_of_quote(quote, analysis, article, spans, key_items),
            ))
            counts[f"quote {label}"] = counts.get(f"quote {label}", 0) + 1

    # Sentence marks from the claims; none for an article on another event, whose sentences the
    # claims compare with the wrong primary (they would all read "added").
    marks = []
    claim_notes: list[tuple[int, str]] = []
    if "claims" in ready and not other_event:
        by_index = {s.index: s for s in body.sentences}
        for claim in article.claims.claims:
            sentence = by_index.get(claim.sentence)
            if sentence is not None:
                a, b = sentence.start, sentence.end
            else:
                mapped = to_body(body, *claim.span)
                if not mapped:
                    continue
                a, b = mapped
            length = max(1, b - a)
            share = sum(max(0, min(y, b) - max(x, a)) for x, y in from_primary) / length
            mark = _mark_of(claim.label, share)
            detail = _claim_detail(claim, mark, body.text[a:b])
            against = set(getattr(claim, "primary", ()) or ())
            ref = next((k.ref for k in key_items if against & set(k.sentences)), "")
            marks.append(SentenceMark(claim.sentence, a, b, mark, getattr(claim, "kind", None), detail, ref))
            counts[mark] = counts.get(mark, 0) + 1
            if mark in ("added", "contradicted"):
                decorations.append(Decoration(a, b, "sentence", mark))
                reasons = tuple(str(r) for r in (getattr(claim, "reasons", ()) or ()) if str(r).strip())
                decided = f"decided by: {'; '.join(reasons)}" if reasons else ""  # a learned label's features
                said = " — ".join(x for x in (detail, decided) if x)
                if said:
                    claim_notes.append((a, said))

    # Figures, checked inline.
    figure_notes = []
    figure_reference = ""
    inconsistencies: tuple[str, ...] = ()
    if "numbers" in ready:
        report = article.figures
        figure_reference = (f"the published figures of {other_event}" if other_event and other_event != "another event"
                            else "" if other_event else "the primary source")
        inconsistencies = tuple(inconsistency_text(i) for i in (getattr(report, "inconsistencies", ()) or ()))
        n = 0
        for figure in sorted(report.figures, key=lambda f: tuple(f.span)):
            mapped = to_body(body, *figure.span)
            if not mapped:
                continue
            a, b = strip_span(body.text, *mapped)
            if b <= a:
                continue
            label = figure.label
            decorations.append(Decoration(a, b, "figure", label))
            counts[f"figure {label}"] = counts.get(f"figure {label}", 0) + 1
            if label in (None, "match"):
                badges.append(Badge(b, "", "figure", label))
                continue
            n += 1
            ref = f"F{n}"
            badges.append(Badge(b, ref, "figure", label))
            figure_notes.append(FigureNote(ref, a, b, figure.text, label, _figure_note(figure, other_event),
                                           str(attr(figure, ("source_text",), "") or "")))

    # The header notes: the event check first, then the paywall.
    event_note = _event_note(analysis, article, other_event) if other_event else ()
    paywall = article.cleaning.paywall
    paywall_note: tuple[str, ...] = ()
    if paywall.detected:
        paywall_note = ("Part of this article was hidden behind a subscription prompt, so what it left out "
                        "is judged on the visible text only.",) + _paywall_evidence(paywall.evidence)

    left_out = None
    partial = False
    if "omissions" in ready:
        found = article.omissions
        partial = bool(getattr(found, "partial", False))
        items = tuple(getattr(found, "items", ()) or ())
        shown = _left_out(article, items, key_items, analysis, other_event)
        left_out = tuple(shown[:MAX_LEFT_OUT])
        if len(shown) > MAX_LEFT_OUT:
            more = len(shown) - MAX_LEFT_OUT
            left_out += (f"… and {more} less important item{'s' if more != 1 else ''}.",)

    outlet = "" if blind else outlet_name(document.outlet)
    return DocumentView(
        key=key,
        label=f"Article {key}",
        outlet=outlet,
        published=document.published,
        url="" if blind else document.url,
        headline=article.cleaning.headline or document.headline,
        file=document.file,
        body=body,
        text=_masked(printable(body.text), document.outlet if blind else ""),
        paragraph_numbers={},
        decorations=tuple(sorted(decorations, key=lambda d: (d.start, d.end, d.layer))),
        badges=tuple(badges),
        marks=tuple(marks),
        event_note=event_note,
        paywall_note=paywall_note,
        quotes=tuple(quote_notes),
        figures=tuple(figure_notes),
        figure_reference=figure_reference,
        figure_inconsistencies=inconsistencies,
        left_out=left_out,
        left_out_partial=partial,
        counts=counts,
        other_event=other_event,
        claim_notes=tuple(claim_notes),
    )


def _claim_detail(claim: Any, mark: str, sentence: str = "") -> str:
    """What the claim record says conflicts with the primary (✗) or is not in it (+), in plain words."""
    names = {"contradicted": ("conflicts",), "added": ("lacks",)}.get(mark, ())
    found = attr(claim, names, ())
    if isinstance(found, str):
        found = (found,)
    if not isinstance(found, (tuple, list)):
        return ""
    return "; ".join(p for p in (plain_evidence(str(x), sentence) for x in found) if p)


def _words_from_stems(stems: Sequence[str], sentence: str) -> list[str]:
    """The sentence's own words for word stems ("crumbl" -> "crumbling"); a stem not found is left out."""
    import re

    out = []
    for stem_ in stems:
        stem_ = stem_.strip()
        if not stem_:
            continue
        found = re.search(rf"\b{re.escape(stem_)}\w*", sentence, re.IGNORECASE)
        if found and found.group(0).lower() not in (w.lower() for w in out):
            out.append(found.group(0))
    return out


def plain_evidence(entry: str, sentence: str = "") -> str:
    """One piece of a claim's evidence ("name: Pendleford", "words: critic, crumbl") in a reader's words."""
    import re

    kind, _, rest = entry.partition(": ")
    rest = rest.strip()
    if not rest:
        return entry.strip()
    if kind == "words":
        words = _words_from_stems(rest.split(", "), sentence)
        return f"words the primary source does not use: {', '.join(words)}" if words else ""
    if kind == "name":
        return f"names {rest}, whom the primary source does not name"
    if kind == "year":
        return f"gives the year {rest}, which the primary source does not"
    if kind == "figure":
        changed = re.match(r"(.+?) \(primary: ([^;)]+)(?:;[^)]*)?\)$", rest)
        if changed:
            return f"gives “{changed.group(1)}” where the primary source says “{changed.group(2)}”"
        other = re.match(r"(.+?) \((.+)\)$", rest)
        if other:
            return f"gives the figure “{other.group(1)}” ({other.group(2).replace('primary', 'primary source')})"
        return f"gives the figure “{rest}”, which the primary source does not"
    if kind == "quotation":
        return "quotes " + rest.replace("from ", "", 1).replace("not in the primary", "words not in the primary source")
    if kind == "speaker":
        return (rest.replace("quotation credited to", "credits the quotation to")
                .replace("the primary gives", "the primary source gives"))
    return rest


def _event_note(analysis: StoryAnalysis, article: ArticleAnalysis, other_event: str) -> tuple[str, ...]:
    """The header of an article on another event, in a reader's words, from the event and figure records."""
    check = article.event
    reference = getattr(check, "reference", None)
    primary_period = next((f.text for f in analysis.primary.figures.figures if getattr(f, "unit", "") == "period"), "")
    lines_ = []
    if reference is not None:
        lines_.append(f"This article reports {other_event}, not the event of the primary source"
                      + (f" ({primary_period})." if primary_period else "."))
    else:
        lines_.append("This article reports another event than the primary source"
                      + (f" ({primary_period})." if primary_period else "."))
    own_period = next((f.text for f in article.figures.figures if getattr(f, "unit", "") in ("period", "date") and getattr(f, "year", 0)), "")
    if own_period:
        lines_.append(f"It dates the event “{own_period}”.")
    if reference is not None:
        checked = [f for f in article.figures.figures if getattr(f, "source_span", None) is None and getattr(f, "source_text", "")
                   and f.label in ("match", "rounded", "mismatch") and getattr(f, "unit", "") not in ("year", "decade")]
        agree = sum(1 for f in checked if f.label in ("match", "rounded"))
        if checked:
            lines_.append(f"{agree} of its {len(checked)} figures checked agree with the published figures of "
                          f"{reference.name}, so they are checked against those, not against the primary source.")
        speakers = {q.speaker for q in article.quotes.quotes if q.speaker}
        officials = [o for o in reference.officials if o in speakers]
        if officials:
            lines_.append(f"It quotes {', '.join(officials)}, who spoke for {reference.name}.")
    return tuple(lines_)


def _paywall_evidence(evidence: Sequence[str]) -> tuple[str, ...]:
    """The paywall's evidence as sentences: the prompt's words in full, without the toolkit's field names."""
    import re

    out = []
    for item in evidence:
        if item.startswith("paywall prompt:"):
            prompts = re.findall(r"\"([^\"]+)\"|'([^']+)'", item)
            shown = [a or b for a, b in prompts]
            complete = [p.strip() for p in shown if p.strip()[-1:] in ".!?"]
            if complete:
                out.append("The prompt reads “" + "” and “".join(complete) + "”")
        elif "teaser paragraph" in item:
            n = item.split()[0]
            out.append(f"{n} paragraphs were repeated around the prompt (a teaser).")
        elif item.startswith("text cut off"):
            out.append("The text stops in the middle of a sentence.")
    return tuple(out)


def _masked(text: str, outlet: str) -> str:
    """``text`` with the outlet's name blotted out (same length, so offsets hold)."""
    name = outlet_name(outlet)
    if len(name) < 3:
        return text
    lowered, target = text.casefold(), name.casefold()
    if len(lowered) != len(text):  # casefold changed lengths: match exactly instead
        lowered, target = text, name
    out, start = [], 0
    while (found := lowered.find(target, start)) >= 0:
        out.append(text[start:found])
        out.append("█" * len(name))
        start = found + len(name)
    out.append(text[start:])
    return "".join(out)


def _key_of_quote(quote: Any, analysis: StoryAnalysis, article: ArticleAnalysis,
                  spans: Sequence[tuple[int, int]], key_items: Sequence[KeyItem]) -> str:
    """The C ref of the primary's words a quotation matches: its ``primary_span``, else the alignment."""
    primary_span = attr(quote, ("primary_span",))
    if isinstance(primary_span, tuple) and len(primary_span) == 2:
        mapped = to_body(analysis.primary.cleaning.body, *primary_span)
        if mapped:
            a, b = mapped
            best = max(key_items, key=lambda k: min(b, k.end) - max(a, k.start), default=None)
            if best is not None and min(b, best.end) > max(a, best.start):
                return best.ref
            return ""
    return _key_of_span(article, spans[0][0], spans[-1][1], key_items)


def _key_of_span(article: ArticleAnalysis, start: int, end: int, key_items: Sequence[KeyItem]) -> str:
    """The C ref of the key item the aligned primary sentences of ``[start, end)`` belong to."""
    body = article.cleaning.body
    sentences = set(_sentences_within(body, start, end))
    primary_sentences = {
        p for match in article.alignment.matches if match.sentence in sentences and match.score > 0
        for p in match.primary
    }
    for item in key_items:
        if primary_sentences & set(item.sentences):
            return item.ref
    return ""


def word_difference(source: str, quoted: str) -> str:
    """The words that differ between ``source`` (the primary) and ``quoted``, readably.

    Display only: which words were cut, added or changed, from a plain word diff.
    """
    a, b = source.split(), quoted.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        was, now = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "replace":
            parts.append(f"“{was}” became “{now}”")
        elif op == "delete":
            parts.append(f"cut “{was}”")
        elif op == "insert":
            parts.append(f"added “{now}”")
    return "; ".join(parts)


def edit_text(edit: Any) -> str:
    """One edit of a quotation in words: what the primary had and what the article has."""
    kind = getattr(edit, "kind", "")
    article = " ".join(str(getattr(edit, "article", "") or "").split())
    primary = " ".join(str(getattr(edit, "primary", "") or "").split())
    if article and primary:
        text = f"“{primary}” became “{article}”"
    elif primary:
        text = f"cut “{primary}”"
    elif article:
        text = f"added “{article}”"
    else:
        text = str(kind)
    if kind in ("case", "punctuation", "spelling", "reorder") and text != kind:
        text += f" ({kind})"
    if getattr(edit, "marked", False):
        text += " (marked)"
    return text


def _quote_difference(quote: Any, analysis: StoryAnalysis, other_event: str = "") -> str:
    """How a quotation differs from the primary, as the quotes record tells it, in a reader's words."""
    label = quote.label
    if label in (None, "exact"):
        return ""
    parts = []
    if label == "misattributed":
        speaker = attr(quote, ("primary_speaker", "source_speaker"), "")
        parts.append(f"the primary source gives these words to {speaker}" if speaker
                     else "the primary source gives these words to someone else")
    elif label == "unsourced" and other_event:
        parts.append(f"the article reports {other_event}")
        if attr(quote, ("primary_span",)):
            parts.append("the primary source repeats the same standard wording")
        parts.extend(_provenance_text(attr(quote, ("provenance",)), analysis))
    elif label == "unsourced":
        parts.append("no passage of the primary source matches these words")
        parts.extend(_provenance_text(attr(quote, ("provenance",)), analysis))
    edits = attr(quote, ("diff", "edits"), ())
    if isinstance(edits, str) and edits.strip():
        parts.append(edits.strip())
    elif isinstance(edits, (tuple, list)) and edits and label != "unsourced":
        parts.append("; ".join(edit_text(e) if not isinstance(e, str) else e for e in edits))
    elif label not in ("unsourced", "misattributed"):
        source = attr(quote, ("primary_text", "source_text"))
        if isinstance(source, str) and source.strip():
            difference = word_difference(source, quote.text)
            if difference:
                parts.append(difference)
    return "; ".join(parts)


def _provenance_text(provenance: Any, analysis: StoryAnalysis) -> list[str]:
    """Which other articles quote the same words, named by their letters."""
    if provenance is None:
        return []
    keys = letters(len(analysis.articles))
    others = [keys[i] for i in (getattr(provenance, "articles", ()) or ()) if isinstance(i, int) and 0 <= i < len(keys)]
    if not others:
        return ["no other article quotes them"]
    speakers = [s for s in (getattr(provenance, "speakers", ()) or ()) if s]
    text = "also quoted in " + ", ".join(f"Article {k}" for k in others)
    if speakers:
        text += " (credited to " + " / ".join(dict.fromkeys(speakers)) + ")"
    longest = getattr(provenance, "longest_article", None)
    parts = [text]
    if isinstance(longest, int) and 0 <= longest < len(keys) and keys[longest] in others:
        parts.append(f"the longest version is in Article {keys[longest]}")
    return parts


def _figure_note(figure: Any, other_event: str = "") -> str:
    """What a figure was checked against, in a reader's words, from its record."""
    source = attr(figure, ("source_text", "primary_text", "expected"))
    where = f"the published figures of {other_event}" if other_event else "the primary source"
    label = getattr(figure, "label", None)
    if isinstance(source, str) and source.strip():
        says = f"{where} {'give' if other_event else 'says'} “{source.strip()}”"
        if label == "rounded":
            return f"{says}; this is a rounding of it"
        if label == "mismatch":
            return f"{says}; this is a different value"
        return says
    if label == "unsourced":
        return f"{where} {'give' if other_event else 'gives'} no figure for this"
    return ""


def inconsistency_text(item: Any) -> str:
    """Two figures of one article that disagree, in words."""
    if isinstance(item, str):
        return item
    first, second = attr(item, ("first_text",), ""), attr(item, ("second_text",), "")
    reason = attr(item, ("reason",), "")
    if first and second:
        return f"“{first}” and “{second}” in the same article give different values for the same thing"
    return str(reason or item)


def excerpt(text: str, words: int = 14) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when cut."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _left_out(article: ArticleAnalysis, items: Sequence[Any], key_items: Sequence[KeyItem],
              analysis: StoryAnalysis, other_event: str) -> list[str]:
    """The omission records as lines, each thing once, none the article reports (even changed).

    For an article on another event only that event's reference items are listed (the omissions
    record keeps the two events apart); for the others, a figure inside a sentence already listed,
    or one the article gives (changed or not), is not listed again.
    """
    figures = article.figures.figures
    out: list[str] = []
    seen: set[str] = set()
    if other_event:
        reference = getattr(article.event, "reference", None)
        known = {f"{k.text} ({k.quantity})": (i, k) for i, k in enumerate(getattr(reference, "figures", ()) or ())}
        given = {getattr(f, "source_text", "") for f in figures if getattr(f, "source_span", None) is None and getattr(f, "source_text", "")}
        for item in items:
            text = str(attr(item, ("text",), ""))
            if item.kind == "figure" and text in known:
                i, k = known[text]
                if k.text in given or text in seen:
                    continue
                seen.add(text)
                out.append(f"R{i + 1}: {k.quantity}: “{k.text}”")
            elif item.kind == "hedge":
                word, _, quantity = text.partition(" (")
                if text in seen:
                    continue
                seen.add(text)
                out.append(f"the word of caution “{word}”, which the published figures use "
                           f"({quantity.rstrip(')')})")
        return out
    body = analysis.primary.cleaning.body
    reported: set[int] = set()
    for claim in article.claims.claims:
        if claim.label in ("supported", "contradicted"):
            reported.update(getattr(claim, "primary", ()) or ())
    for span in [getattr(f, "source_span", None) for f in figures if getattr(f, "source_span", None)] + \
            [getattr(q, "primary_span", None) for q in article.quotes.quotes if getattr(q, "primary_span", None)]:
        mapped = to_body(body, *span)
        if mapped:
            reported.update(_sentences_within(body, *mapped))
    given_spans = {getattr(f, "source_span", None) for f in figures if getattr(f, "source_span", None)}

    def ref_of(sentence: int) -> str:
        return next((k.ref for k in key_items if sentence in k.sentences), "")

    def quoted_excerpt(text: str) -> str:
        return "“" + excerpt(text.strip().strip("\"“”‘’'").strip(), 16) + "”"

    # Sentences first, so a figure inside a listed sentence is not listed again.
    listed: dict[int, str] = {}
    for item in items:
        sentence = attr(item, ("primary_sentence", "sentence"), -1)
        if item.kind not in ("figure", "hedge") and sentence not in reported:
            listed.setdefault(sentence, " ".join(str(attr(item, ("text",), "")).split()))
    given_texts = {getattr(f, "source_text", "") for f in figures if getattr(f, "source_text", "")}
    shown: set[int] = set()
    for item in items:
        sentence = attr(item, ("primary_sentence", "sentence"), -1)
        text = " ".join(str(attr(item, ("text",), "")).split())
        ref = ref_of(sentence) if isinstance(sentence, int) and sentence >= 0 else ""
        prefix = f"{ref}: " if ref else ""
        if item.kind not in ("figure", "hedge"):
            if sentence not in listed or sentence in shown:
                continue
            shown.add(sentence)
            out.append(f"{prefix}{quoted_excerpt(text)}")
        elif item.kind == "figure":
            if (tuple(getattr(item, "span", ()) or ()) in given_spans or text in given_texts
                    or sentence in listed or any(text in listed_text for listed_text in listed.values())):
                continue
            key = f"figure {text}"
            if key in seen:
                continue
            seen.add(key)
            out.append(f"{prefix}the figure “{text}”")
        elif item.kind == "hedge":
            word = text.split()[0] if text.split() else text
            key = f"hedge {word} {sentence}"
            if key in seen:
                continue
            seen.add(key)
            out.append(f"{prefix}the word of caution “{word}” (“{excerpt(text, 8)}”)")
    return out


def _references(analysis: StoryAnalysis, keys: Sequence[str], ready: frozenset[str]) -> tuple[Reference, ...]:
    """The reference sheets some article is found to report, each figure with how every article gave it."""
    if not {"event", "numbers"} <= ready:
        return ()
    found: dict[str, Any] = {}
    for article in analysis.articles:
        reference = getattr(article.event, "reference", None)
        if not article.event.same_event and reference is not None:
            found.setdefault(reference.id, reference)
    out = []
    for reference in found.values():
        rows = []
        for i, known in enumerate(reference.figures):
            cells, given = [], []
            for article in analysis.articles:
                if getattr(article.event, "reference", None) is not reference and \
                        getattr(getattr(article.event, "reference", None), "id", None) != reference.id:
                    cells.append("other_event")
                    given.append("")
                    continue
                match = [f for f in article.figures.figures if f.label and (
                    getattr(f, "source_span", None) is None and getattr(f, "source_text", "") == known.text
                    or known.counted == "year" and getattr(f, "year", 0) == known.value and f.label == "match")]
                order = ("mismatch", "rounded", "match")
                label = next((lab for lab in order if any(f.label == lab for f in match)), "left_out")
                cells.append(label)
                given.append(next((f.text for f in match if f.label == label), ""))
            rows.append(ReferenceRow(f"R{i + 1}", known.quantity, known.text, tuple(cells), tuple(given)))
        out.append(Reference(reference.name, reference.period, reference.source, tuple(reference.officials),
                             tuple(rows)))
    return tuple(out)


# ----------------------------------------------------------------- grid

# When several sentences carry one key item, the cell shows the strongest finding.
_PRECEDENCE = ("contradicted", "quoted", "paraphrased")


def _grid(
    analysis: StoryAnalysis,
    articles: Sequence[DocumentView],
    key_items: Sequence[KeyItem],
    ready: frozenset[str],
) -> tuple[GridRow, ...] | None:
    """Key facts down the side, articles across: how each article carried each item.

    A fact is carried by the article sentences aligned to it that say what it says (= ≈) or
    conflict with it (✗); a sentence that mostly adds is not counted as carrying it. A quotation
    is carried only by a quotation the quotes record matches to those very words (credited to
    the wrong speaker: ✗); shared words in the reporter's own sentences do not count. An article
    on another event is not compared at all (○).
    """
    if not {"alignment", "claims"} <= ready or not key_items:
        return None
    body = analysis.primary.cleaning.body
    per_article = []
    for view, article in zip(articles, analysis.articles):
        if view.other_event:
            per_article.append(None)
            continue
        marks = {m.sentence: m.mark for m in view.marks}
        carried: dict[int, set[str]] = {}
        for match in article.alignment.matches:
            if match.score <= 0 or not match.primary or match.sentence not in marks:
                continue
            for p in match.primary:
                carried.setdefault(p, set()).add(marks[match.sentence])
        quoted: list[tuple[int, int, str]] = []
        if "quotes" in ready:
            for quote in article.quotes.quotes:
                span = attr(quote, ("primary_span",))
                if getattr(quote, "is_term", False) or quote.label not in FROM_PRIMARY or not span:
                    continue
                mapped = to_body(body, *span)
                if mapped:
                    quoted.append((*mapped, "contradicted" if quote.label == "misattributed" else "quoted"))
        per_article.append((carried, quoted))
    rows = []
    for item in key_items:
        cells = []
        for found_ in per_article:
            if found_ is None:
                cells.append("other_event")
                continue
            carried, quoted = found_
            if item.kind == "quotation":
                found = {mark for a, b, mark in quoted if a < item.end and item.start < b}
            else:
                found = set().union(*(carried.get(s, set()) for s in item.sentences))
            cells.append(next((m for m in _PRECEDENCE if m in found), "left_out"))
        rows.append(GridRow(item, tuple(cells)))
    return tuple(rows)
