"""An article's page: its handout lines with every quotation, claim and figure a selectable mark.

Nothing is measured here. The lines, their styles and badges come from the
handout's layout (``reports.handout.prepare``, ``reports.layout``); the view
(``reports.view``) says which record each badge and margin mark stands for;
each mark's evidence is read off its record: the primary sentence it was
matched to, the word-level difference of a quotation, the figure it was
checked against, the hedges dropped in its sentence.

Mark ids name a record by its measure and its index in the article's report
(``q3``: ``article.quotes.quotes[3]``, ``c12``: ``article.claims.claims[12]``,
``f5``: ``article.figures.figures[5]``); corrections use the same ids.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from analysis.study.gold import KINDS, LABELS
from analysis.pipeline import ArticleAnalysis, StoryAnalysis
from reports.handout import Handout
from reports.layout import Line, line_of
from reports.style import FIGURE, QUOTE, SENTENCE
from reports.view import DocumentView, QuoteNote, SentenceMark, strip_span, to_body

Measure = Literal["quote", "claim", "number"]
PREFIX: dict[str, Measure] = {"q": "quote", "c": "claim", "f": "number"}
RECORDS = {"quote": "quotes", "claim": "claims", "number": "figures"}


def css_name(name: str | None) -> str:
    """The handout stylesheet's spelling of a label in class names."""
    return "none" if name is None else name.replace("_", "-")


@dataclass(frozen=True)
class DiffPart:
    op: Literal["same", "cut", "added"]
    text: str


@dataclass(frozen=True)
class Mark:
    """One selectable finding and its evidence."""

    id: str                      # "q3", "c12", "f5"
    measure: Measure
    ref: str                     # what the reader sees: "Q1", "F2", "sentence 4"
    label: str | None            # the codebook label the toolkit gave
    words: str                   # the label in words, as the handout says it
    symbol: str
    text: str                    # the marked words
    line: int                    # handout line number
    evidence: tuple[tuple[str, str], ...]      # (what, text) rows
    diff: tuple[DiffPart, ...] = ()            # a quotation against the primary's words
    primary: tuple[tuple[int, int], ...] = ()  # primary body spans to show beside it
    kind: str = ""               # an added claim's kind

    @property
    def labels(self) -> tuple[str, ...]:
        """The codebook labels this mark can be corrected to."""
        return LABELS[self.measure]


@dataclass(frozen=True)
class Piece:
    text: str
    classes: str          # handout stylesheet classes ("" for plain text)
    mark: str = ""        # a badge standing for this mark id
    title: str = ""
    within: str = ""      # the id of the quotation these words belong to (a click on them selects it)


@dataclass(frozen=True)
class PageLine:
    number: int
    label: str
    gap: bool
    start: int
    end: int
    marks: tuple[Mark, ...]      # sentence marks starting on this line (margin buttons)
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class ArticlePage:
    view: DocumentView
    lines: tuple[PageLine, ...]
    marks: tuple[Mark, ...]          # in reading order
    primary_lines: tuple[PageLine, ...]
    hedges_dropped: tuple[str, ...]

    def mark(self, mark_id: str) -> Mark | None:
        return next((m for m in self.marks if m.id == mark_id), None)


def record_of(article: ArticleAnalysis, mark_id: str) -> tuple[Measure, Any] | None:
    """The measure and record a mark id names in ``article``, or None."""
    if not isinstance(mark_id, str) or len(mark_id) < 2 or mark_id[0] not in PREFIX or not mark_id[1:].isdigit():
        return None
    measure = PREFIX[mark_id[0]]
    index = int(mark_id[1:])
    records = {"quote": article.quotes.quotes, "claim": article.claims.claims,
               "number": article.figures.figures}[measure]
    if index >= len(records) or (measure == "quote" and getattr(records[index], "is_term", False)):
        return None
    return measure, records[index]


# ----------------------------------------------------------------- building


def article_page(handout: Handout, analysis: StoryAnalysis, key: str) -> ArticlePage:
    """The page of article ``key`` ("A", "B", ...) of ``handout``."""
    view = handout.view.article(key)
    article = analysis.articles[[a.key for a in handout.view.articles].index(key)]
    lines = handout.lines_for("annotated")[key]  # the marked lines, with each quotation's and figure's label
    quote_marks = _quote_marks(article, view, lines, analysis)
    figure_marks = _figure_marks(article, lines, analysis)
    claim_marks = _claim_marks(article, view, lines, analysis)
    quoted = [(note.start, note.end, quote_marks[note.ref].id) for note in view.quotes if note.ref in quote_marks]
    starts = [line.start for line in lines]
    per_line: dict[int, list[Mark]] = {}
    for mark_, offset in claim_marks:
        per_line.setdefault(max(0, bisect.bisect_right(starts, offset) - 1), []).append(mark_)
    page_lines, order = [], []
    for i, line in enumerate(lines):
        margin = tuple(per_line.get(i, ()))
        order.extend(margin)
        pieces = []
        for piece in line.pieces:
            if piece.badge is not None:
                found = _badge_mark(piece.badge, quote_marks, figure_marks)
                if found is not None:
                    order.append(found)
                pieces.append(Piece(piece.text, _badge_classes(piece.badge), found.id if found else "",
                                    found.words if found else ""))
            else:
                within = next((m for a, b, m in quoted if a <= piece.start < b), "") if piece.quoted else ""
                pieces.append(Piece(piece.text, _run_classes(piece), within=within))
        page_lines.append(PageLine(line.number, line.label, line.first and line.number > 1, line.start, line.end,
                                   margin, tuple(pieces)))
    return ArticlePage(view, tuple(page_lines), tuple(order), primary_lines(handout),
                       tuple(_hedge_text(m) for m in article.framing.hedges_dropped))


def primary_lines(handout: Handout) -> tuple[PageLine, ...]:
    """The primary's handout lines (no marks to select: it is what the articles are compared with)."""
    out = []
    for line in handout.lines["primary"]:
        pieces = tuple(Piece(p.text, _badge_classes(p.badge) if p.badge is not None else _run_classes(p))
                       for p in line.pieces)
        out.append(PageLine(line.number, line.label, line.first and line.number > 1, line.start, line.end, (), pieces))
    return tuple(out)


def _run_classes(piece: Any) -> str:
    classes = []
    if piece.fill is not None:
        classes.append(f"fill-{piece.fill[0]}-{css_name(piece.fill[1])}")
    if piece.quoted:
        classes.append(f"q-{css_name(piece.quote_label)}")
    if piece.bold:
        classes.append("bold")
    return " ".join(classes)


def _badge_classes(badge: Any) -> str:
    if badge.layer == "key":
        return "badge b-key"
    return f"badge b-{badge.layer} b-{badge.layer}-{css_name(badge.variant)}"


def _badge_mark(badge: Any, quotes: dict[str, Mark], figures: dict[int, list[Mark]]) -> Mark | None:
    if badge.layer == "quote":
        return quotes.get(badge.text)
    if badge.layer == "figure":
        waiting = figures.get(badge.offset)
        return waiting.pop(0) if waiting else None
    return None


def _primary_spans(analysis: StoryAnalysis, doc_spans: Sequence[tuple[int, int] | None]) -> tuple[tuple[int, int], ...]:
    body = analysis.primary.cleaning.body
    out = []
    for span in doc_spans:
        if span is None:
            continue
        mapped = to_body(body, *span)
        if mapped:
            out.append(mapped)
    return tuple(out)


def _word_diff(primary: str, quoted: str) -> tuple[DiffPart, ...]:
    """The quotation's words against the primary's: kept, cut and added runs (display only)."""
    a, b = primary.split(), quoted.split()
    parts: list[DiffPart] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(DiffPart("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(DiffPart("cut", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart("added", " ".join(b[j1:j2])))
    return tuple(parts)


def _quote_marks(article: ArticleAnalysis, view: DocumentView, lines: Sequence[Line],
                 analysis: StoryAnalysis) -> dict[str, Mark]:
    """Quotation marks by their badge ref (Q1, Q2, ...), numbered as ``reports.view`` numbers them."""
    records = article.quotes.quotes
    found = sorted((i for i, q in enumerate(records) if not getattr(q, "is_term", False)),
                   key=lambda i: tuple(records[i].span))
    notes: dict[str, QuoteNote] = {note.ref: note for note in view.quotes}
    out = {}
    for n, index in enumerate(found, start=1):
        ref = f"Q{n}"
        note = notes.get(ref)
        if note is None:
            continue
        quote = records[index]
        style = QUOTE.get(quote.label, QUOTE[None])
        rows = [("label", _label_words(quote.label or "not labelled", style.words)),
                ("credited to", quote.speaker or "nobody")]
        if quote.attribution:
            rows.append(("how the speaker was found", quote.attribution))
        if quote.primary_text:
            rows.append(("primary's words", quote.primary_text))
        if quote.primary_speaker:
            rows.append(("said in the primary by", quote.primary_speaker))
        if quote.label not in (None, "unsourced"):
            rows.append(("share of its words in the primary", f"{quote.match:.0%}"))
        if note.difference:
            rows.append(("difference", note.difference))
        if note.key:
            rows.append(("primary's key item", note.key))
        if quote.note and quote.note not in note.difference:
            rows.append(("note", quote.note))
        out[ref] = Mark(
            id=f"q{index}", measure="quote", ref=ref, label=quote.label, words=style.words, symbol="",
            text=quote.text, line=line_of(lines, note.start), evidence=tuple(rows),
            diff=_word_diff(quote.primary_text, quote.text) if quote.primary_text else (),
            primary=_primary_spans(analysis, [quote.primary_span]),
        )
    return out


def _figure_marks(article: ArticleAnalysis, lines: Sequence[Line], analysis: StoryAnalysis) -> dict[int, list[Mark]]:
    """Figure marks by the body offset their badge is drawn at, in the view's order."""
    body = article.cleaning.body
    records = article.figures.figures
    out: dict[int, list[Mark]] = {}
    flagged = 0
    for index in sorted(range(len(records)), key=lambda i: tuple(records[i].span)):
        figure = records[index]
        mapped = to_body(body, *figure.span)
        if not mapped:
            continue
        a, b = strip_span(body.text, *mapped)
        if b <= a:
            continue
        style = FIGURE.get(figure.label, FIGURE[None])
        if figure.label not in (None, "match"):
            flagged += 1
            ref = f"F{flagged}"
        else:
            ref = f"figure “{figure.text}”"
        rows = [("label", _label_words(figure.label or "match", style.words)), ("figure", figure.text)]
        interval = f"{figure.low:g}" if figure.low == figure.high else f"{figure.low:g} to {figure.high:g}"
        rows.append(("read as", " ".join(x for x in (figure.qualifier, interval, figure.unit,
                                                      f"({figure.counted})" if figure.counted else "") if x)))
        if figure.source_text:
            rows.append(("checked against", f"“{figure.source_text}”" + (f" in {figure.source}" if figure.source else "")))
        elif figure.label == "unsourced":
            rows.append(("checked against", "the primary gives no figure for this quantity"))
        if figure.reason:
            rows.append(("why", figure.reason))
        out.setdefault(b, []).append(Mark(
            id=f"f{index}", measure="number", ref=ref, label=figure.label or "match", words=style.words,
            symbol=style.symbol, text=figure.text, line=line_of(lines, a), evidence=tuple(rows),
            primary=_primary_spans(analysis, [figure.source_span]) if figure.source == analysis.primary.document.file
            else (),
        ))
    return out


def _claim_marks(article: ArticleAnalysis, view: DocumentView, lines: Sequence[Line],
                 analysis: StoryAnalysis) -> list[tuple[Mark, int]]:
    """One mark per sentence mark of the view, with the body offset it starts at."""
    by_sentence = {claim.sentence: i for i, claim in enumerate(article.claims.claims)}
    sentences = {s.index: s for s in article.cleaning.body.sentences}
    primary_sentences = {s.index: s for s in analysis.primary.cleaning.body.sentences}
    hedges = article.framing.hedges_dropped
    out = []
    for sentence_mark in view.marks:
        index = by_sentence.get(sentence_mark.sentence)
        if index is None:
            continue
        claim = article.claims.claims[index]
        out.append((_claim_mark(index, claim, sentence_mark, sentences.get(claim.sentence), primary_sentences,
                                hedges, lines), sentence_mark.offset))
    return out


def _claim_mark(index: int, claim: Any, sentence_mark: SentenceMark, sentence: Any, primary_sentences: dict,
                hedges: Sequence[Any], lines: Sequence[Line]) -> Mark:
    style = SENTENCE[sentence_mark.mark]
    rows = [("label", claim.label + (f" ({claim.kind})" if claim.kind else "") + f": {style.words}")]
    rows.append(("primary sentence", claim.primary_text or "no sentence of the primary supports it"))
    if claim.primary_text:
        rows.append(("closeness to it", f"{claim.score:.2f} (0 to 1, higher is closer)"))
    for what, values in (("conflicts with the primary", claim.conflicts), ("the primary lacks", claim.lacks),
                         ("cues in the reporter's words", claim.cues), ("weighed and set aside", claim.notes)):
        if values:
            rows.append((what, "; ".join(values)))
    if sentence is not None:
        dropped = [m for m in hedges if sentence.doc_start <= m.start < sentence.doc_end]
        if dropped:
            rows.append(("hedges dropped", "; ".join(_hedge_text(m) for m in dropped)))
    spans = tuple((primary_sentences[i].start, primary_sentences[i].end) for i in claim.primary
                  if i in primary_sentences)
    return Mark(
        id=f"c{index}", measure="claim", ref=f"sentence {claim.sentence + 1}", label=claim.label,
        words=style.words, symbol=style.symbol, text=claim.text, line=line_of(lines, sentence_mark.offset),
        evidence=tuple(rows), primary=spans, kind=claim.kind or "",
    )


def _label_words(label: str, words: str) -> str:
    return label if words == label else f"{label}: {words}"


def _hedge_text(mention: Any) -> str:
    """A dropped hedge in words: the article's naming against the primary's hedged one."""
    if mention.counterpart:
        return f"“{mention.phrase}” where the primary says “{mention.counterpart}”"
    return f"“{mention.phrase}” without the primary's hedge"


__all__ = ["ArticlePage", "KINDS", "LABELS", "Mark", "PageLine", "Piece", "article_page", "record_of"]
